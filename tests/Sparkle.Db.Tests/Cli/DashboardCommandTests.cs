using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

public sealed class DashboardCommandTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData("--port", "70000", "--port must be at most 65535 (got 70000).")]
    [InlineData("--top", "0", "--top must be at least 1 (got 0).")]
    [InlineData("--bench-report", "no-such-performance.json", "no-such-performance.json")]
    public async Task Bad_options_are_usage_errors_with_one_line(string option, string value, string message)
    {
        var (code, _, error) = await CliRun.RunAsync("dashboard", option, value, "--database-url", db.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
