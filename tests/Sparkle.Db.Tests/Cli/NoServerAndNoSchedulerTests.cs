using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>The README's exit codes 3 (no local cluster) and 6 (maintenance cannot be scheduled), through the CLI.</summary>
public sealed class NoServerAndNoSchedulerTests(EmptyDatabaseFixture fixture) : IClassFixture<EmptyDatabaseFixture>, IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"sparkle-nocluster-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_url_of_a_cluster_that_was_never_created_exits_3()
    {
        CliAssert.FailsCleanly(await CliRun.RunAsync("cluster", "url", "--data-dir", _dataDir), 3, "No cluster in");
        Assert.False(Directory.Exists(_dataDir));
    }

    [Fact]
    public async Task Scheduling_maintenance_on_a_database_without_phase_009_exits_6()
    {
        // With pg_cron loaded, perform_maintenance() is missing; without pg_cron, pg_cron is: either way exit 6.
        CliAssert.FailsCleanly(await CliRun.RunAsync("maintain", "--schedule", "--database-url", fixture.ConnectionString), 6);
    }
}
