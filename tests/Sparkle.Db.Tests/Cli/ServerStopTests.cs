using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;
using Sparkle.Db.Sql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

/// <summary>
/// What crash-recovery automation meets: the server stops (pg_ctl stop -m immediate) in the middle of a migration.
/// The run used to end in an unhandled .NET exception (exit 134); it now says the connection was lost and that the
/// next run resumes (exit 1), and the next run does. Runs on a cluster of its own, since it stops the server.
/// </summary>
public sealed class ServerStopTests : IAsyncLifetime
{
    private readonly LocalCluster _cluster = new(new LocalClusterOptions
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), $"sparkle-db-stop-test-{Guid.NewGuid():N}"),
        ExtraSettings = new Dictionary<string, string> { ["fsync"] = "off", ["full_page_writes"] = "off" },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DestroyAsync();

    [Fact]
    public async Task A_server_stopped_mid_migration_is_reported_as_a_lost_connection_and_the_next_run_resumes()
    {
        var info = await _cluster.StartAsync();
        await DatabaseLocator.EnsureDatabaseAsync(info.Server, "stopped");
        var target = info.Server.WithDatabase("stopped");
        // 000 and 001 as an earlier run applied them (same files, same checksums); 002 is next.
        var firstTwo = MigrationCatalog.FromFiles(SqlResources.List("migrations/")
            .Where(n => n.StartsWith("migrations/000_", StringComparison.Ordinal) || n.StartsWith("migrations/001_", StringComparison.Ordinal))
            .Select(n => (n["migrations/".Length..], SqlResources.Read(n))));
        await new MigrationRunner(target, firstTwo).MigrateAsync();

        Task<(int ExitCode, string Output, string Error)> migrate;
        await using (var holder = new NpgsqlConnection(target.ConnectionString))
        {
            await holder.OpenAsync();
            // A session that keeps 002's concurrent index builds waiting, so the stop lands while migrate is mid-run.
            await using var transaction = await holder.BeginTransactionAsync();
            var tables = await holder.ColumnAsync<string>("SELECT format('public.%I', tablename) FROM pg_tables WHERE schemaname = 'public'");
            await holder.ExecuteAsync($"LOCK TABLE {string.Join(", ", tables)} IN SHARE UPDATE EXCLUSIVE MODE");

            migrate = Task.Run(() => CliRun.RunAsync("migrate", "--database-url", target.ConnectionString));
            await WaitForAsync(holder, "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = 'stopped'))", migrate);

            await StopImmediatelyAsync(info);
        }

        var run = await migrate;
        var message = CliAssert.FailsCleanly(run, 1, $"Lost the connection to {target.Describe()} while applying 002_json_gin_indexes");
        Assert.Contains("hint: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("resumes with the first migration not in the journal", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Error + message, StringComparison.Ordinal);

        NpgsqlConnection.ClearAllPools();
        await _cluster.StartAsync();
        var catalog = MigrationCatalog.Embedded();
        var (againCode, again, againError) = await CliRun.RunAsync("migrate", "--database-url", target.ConnectionString);

        Assert.True(againCode == 0, againError);
        Assert.Contains($"Applied {catalog.Migrations.Count - 2} migration(s)", again, StringComparison.Ordinal);
        var verify = await CliRun.RunAsync("verify", "--database-url", target.ConnectionString);
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    private static async Task WaitForAsync(NpgsqlConnection connection, string condition, Task running)
    {
        await using var probe = new NpgsqlConnection(connection.ConnectionString);
        await probe.OpenAsync();
        // Waits for a state, not for a time: the loop ends as soon as the migration is queued behind the lock.
        for (var i = 0; i < 1200 && !running.IsCompleted; i++)
        {
            if (await probe.ScalarAsync<bool>(condition))
            {
                return;
            }

            await Task.Delay(100);
        }

        var result = running.IsCompleted ? (await (Task<(int, string, string)>)running).ToString() : "still running";
        throw new InvalidOperationException($"The migration never waited for the lock: {result}");
    }

    private static async Task StopImmediatelyAsync(ClusterInfo info)
    {
        var binaries = await PostgresBinaries.FindAsync();
        var user = ProcessRunner.IsRoot ? new LocalClusterOptions { DataDirectory = "." }.ServerOsUser : null;
        var result = await ProcessRunner.RunAsync(
            binaries.PgCtl, ["stop", "-D", Path.Combine(info.ServerDirectory, "pgdata"), "-m", "immediate", "-w"], user, TimeSpan.FromSeconds(60), default);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
