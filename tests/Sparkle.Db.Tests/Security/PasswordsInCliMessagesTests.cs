using Sparkle.Db.Tests.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>The CLI path, through --database-url and DATABASE_URL: what the user sees on the terminal.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class PasswordsInCliMessagesTests
{
    [Theory]
    [InlineData("postgresql://alice@host/db?password=hunter2&foo=bar")]
    [InlineData("postgresql://alice:p@hunter2@host/db?foo=bar")]
    [InlineData("postgresql://alice:hun%74er2@host/db?foo=bar")]
    [InlineData("postgresql://alice:hunter2@host:port/db")]
    public async Task Neither_the_option_nor_database_url_prints_the_password(string url)
    {
        var (code, output, error) = await CliRun.RunAsync("status", "--database-url", url);

        Assert.NotEqual(0, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("hun%74er2", output + error, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable("DATABASE_URL", url);
        try
        {
            var (envCode, envOutput, envError) = await CliRun.RunAsync("status");

            Assert.NotEqual(0, envCode);
            Assert.DoesNotContain("hunter2", envOutput + envError, StringComparison.Ordinal);
            Assert.DoesNotContain("hun%74er2", envOutput + envError, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DATABASE_URL", null);
        }
    }
}
