using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// Usage errors exit 2 with one line, and are found before anything starts: the URL below points at a port where no
/// server listens (reaching for it would fail with exit 1), and the --data-dir folder is never created.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private const string Unreachable = "postgresql://u:hunter2@127.0.0.1:1/sparkle";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"sparkle-usage-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'frob'", "frob")]
    [InlineData("Unrecognized command or argument '--bogus'", "migrate", "--bogus")]
    [InlineData("--scale 'abc' is not a number", "seed", "--scale", "abc")]
    [InlineData("--scale must be greater than 0", "seed", "--scale", "0")]
    [InlineData("--scale 'abc' is not a number", "bench", "--scale", "abc")]
    [InlineData("--to 'abc' is not a whole number", "migrate", "--to", "abc")]
    [InlineData("--keep-days must be at least 1 (got 0)", "maintain", "--keep-days", "0")]
    [InlineData("--keep-days must be at least 1 (got -1)", "maintain", "--keep-days", "-1")]
    [InlineData("--every 'abc' is not a duration", "maintain", "--every", "abc")]
    [InlineData("--schedule and --unschedule cannot be combined", "maintain", "--schedule", "--unschedule")]
    [InlineData("--watch must be greater than 0 (got -5)", "monitor", "--watch", "-5")]
    [InlineData("--top must be at least 1 (got -1)", "monitor", "--top", "-1")]
    [InlineData("--cache-target must be between 0 and 1", "monitor", "--cache-target", "5")]
    [InlineData("--dry-run and --to cannot be combined", "migrate", "--dry-run", "--to", "3")]
    [InlineData("--fast and --triggers cannot be combined", "seed", "--fast", "--triggers")]
    [InlineData("--render /no/such/performance.json does not exist", "bench", "--render", "/no/such/performance.json")]
    [InlineData("--prisma-schema /no/such/schema.prisma does not exist", "verify", "--prisma-schema", "/no/such/schema.prisma")]
    [InlineData("--prisma-schema /no/such/schema.prisma does not exist", "up", "--prisma-schema", "/no/such/schema.prisma")]
    public async Task A_usage_error_exits_2_with_one_line_before_anything_starts(string message, params string[] args)
    {
        var run = await CliRun.RunAsync([.. args, "--database-url", Unreachable]);
        var local = await CliRun.RunAsync([.. args, "--data-dir", _dataDir]);

        CliAssert.FailsCleanly(run, 2, message);
        CliAssert.FailsCleanly(local, 2, message);
        Assert.False(Directory.Exists(_dataDir), "the local cluster's folder was created: the command started before its options were checked");
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync(), 2, "No command given.");
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        var (code, output, error) = await CliRun.RunAsync("maintain", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--keep-days", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }
}
