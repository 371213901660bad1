using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// `verify` while a migration runs used to report a dozen failures of a half-built database and suggest migrate. It
/// now sees the runner's lock and says a migration is in progress (exit 4).
/// </summary>
public sealed class VerifyDuringMigrationTests(MigratedDatabaseFixture fixture) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Verify_while_a_migration_holds_its_lock_says_so_and_exits_4()
    {
        await using var migration = await AdvisoryLock.AcquireAsync(fixture.Target, AdvisoryLock.MigrationKey, "migration run", TimeSpan.FromSeconds(30), NullLogger.Instance, default);

        var run = await CliRun.RunAsync("verify", "--database-url", fixture.ConnectionString);

        CliAssert.FailsCleanly(run, 4, "A migration is in progress", "pid ");
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_migration_lock_in_another_database_of_the_server_is_not_this_databases_lock()
    {
        var other = await fixture.Server.CreateDatabaseAsync(migrated: false, "otherlock");
        await using var elsewhere = await AdvisoryLock.AcquireAsync(other, AdvisoryLock.MigrationKey, "migration run", TimeSpan.FromSeconds(30), NullLogger.Instance, default);
        await using var connection = await fixture.OpenAsync();

        Assert.Null(await AdvisoryLock.DescribeHolderAsync(connection, AdvisoryLock.MigrationKey));
        await using var here = await AdvisoryLock.AcquireAsync(fixture.Target, AdvisoryLock.MigrationKey, "migration run", TimeSpan.FromSeconds(30), NullLogger.Instance, default);
        Assert.StartsWith("pid ", await AdvisoryLock.DescribeHolderAsync(connection, AdvisoryLock.MigrationKey), StringComparison.Ordinal);
    }
}
