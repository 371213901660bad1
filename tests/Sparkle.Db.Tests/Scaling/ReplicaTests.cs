using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Tests.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Scaling;

/// <summary>Issue 14: local streaming replicas follow the primary, report their lag, stay read-only and hold no secret.</summary>
[Collection(EnvironmentCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    [Fact]
    public async Task A_row_written_on_the_primary_is_read_on_the_replica_once_it_has_replayed_the_commit()
    {
        await using var primary = new NpgsqlConnection(fixture.PrimaryDatabase.ConnectionString);
        await primary.OpenAsync();
        await using var replica = new NpgsqlConnection(fixture.ReplicaDatabase.ConnectionString);
        await replica.OpenAsync();
        Assert.True(await replica.ScalarAsync<bool>("SELECT pg_is_in_recovery()"));

        var name = $"replica-probe-{Guid.NewGuid():N}";
        await primary.ExecuteAsync(
            """
            INSERT INTO categories (id, name, slug, "updatedAt")
            VALUES (gen_random_uuid()::text, $1, $1, now() AT TIME ZONE 'UTC')
            """, name);
        var commitLsn = await primary.ScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        var clock = Stopwatch.StartNew();

        // Wait on the replica's replay position, not on a guess: once it is past the commit, the row must be there.
        var replayed = await WaitForReplayAsync(replica, commitLsn);
        var lag = clock.Elapsed;

        Assert.True(replayed, $"the replica did not replay up to the commit at {commitLsn} within {lag}");
        Assert.Equal(1L, await replica.ScalarAsync<long>("SELECT count(*) FROM categories WHERE slug = $1", name));
        Assert.True(lag < TimeSpan.FromMinutes(1), $"measured replay lag {lag}");

        var error = await Assert.ThrowsAsync<PostgresException>(() => replica.ExecuteAsync("DELETE FROM categories WHERE slug = $1", name));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [Fact]
    public async Task Status_reports_the_replica_streaming_with_its_lag_as_the_primary_measures_it()
    {
        var status = Assert.Single(await fixture.Cluster.ReplicaStatusAsync());

        Assert.Equal("replica1", status.Name);
        Assert.True(status.Running);
        Assert.Equal("streaming", status.State);
        Assert.NotNull(status.LagBytes);
        Assert.InRange(status.LagBytes!.Value, 0, 16L * 1024 * 1024);

        // An independent reading of the same slot: the replica's own replay position against the primary's WAL position.
        await using var primary = new NpgsqlConnection(fixture.PrimaryDatabase.ConnectionString);
        await primary.OpenAsync();
        Assert.Equal("replica1", await primary.ScalarAsync<string>("SELECT application_name FROM pg_stat_replication"));
        Assert.True(await primary.ScalarAsync<bool>("SELECT active FROM pg_replication_slots WHERE slot_name = 'sparkle_replica1'"));
    }

    [Fact]
    public async Task The_replication_login_has_no_password_and_no_right_beyond_replication()
    {
        await using var primary = new NpgsqlConnection(fixture.Primary.Server.ConnectionString);
        await primary.OpenAsync();
        await using var reader = await new NpgsqlCommand(
            "SELECT rolreplication, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolpassword IS NULL FROM pg_authid WHERE rolname = 'sparkle_replicator'",
            primary).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal([true, false, false, false, false, true], Enumerable.Range(0, 6).Select(reader.GetBoolean).ToArray());
        await reader.CloseAsync();

        // primary_conninfo names a socket, a user and the slot: no password anywhere in the replica's settings.
        var password = File.ReadAllText(fixture.Primary.PassFile).Split('\n')[0].Split(':')[^1];
        var replicaData = Path.Combine(Path.GetDirectoryName(fixture.Primary.ServerDirectory)!, "replica1", "pgdata");
        foreach (var file in new[] { "postgresql.conf", "postgresql.auto.conf", "sparkle-replica.conf" })
        {
            var text = File.ReadAllText(Path.Combine(replicaData, file));
            Assert.DoesNotContain("password=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(replicaData));
    }

    [Fact]
    public async Task Verify_passes_on_the_replica_and_maintenance_and_migrations_refuse_it()
    {
        var url = fixture.Replica.UrlFor("sparkle");

        var verify = await CliRun.RunAsync("verify", "--database-url", url);
        var maintain = await CliRun.RunAsync("maintain", "--database-url", url);
        var migrate = await CliRun.RunAsync("migrate", "--database-url", url);

        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Equal(2, maintain.ExitCode);
        Assert.Contains("read-only replica", maintain.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", maintain.Error, StringComparison.Ordinal);
        Assert.Equal(2, migrate.ExitCode);
        Assert.Contains("read-only replica", migrate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_status_lists_the_replica_and_url_prints_its_url()
    {
        var status = await CliRun.RunAsync("cluster", "status", "--data-dir", fixture.Directory);
        var url = await CliRun.RunAsync("cluster", "url", "--data-dir", fixture.Directory, "--replica", "1");
        var missing = await CliRun.RunAsync("cluster", "url", "--data-dir", fixture.Directory, "--replica", "4");
        var outOfRange = await CliRun.RunAsync("cluster", "start", "--data-dir", fixture.Directory, "--replicas", "9");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("replica1: streaming", status.Output, StringComparison.Ordinal);
        Assert.Equal(fixture.Replica.UrlFor("sparkle"), url.Output.Trim());
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, outOfRange.ExitCode);
    }

    [Fact]
    public async Task Bench_replica_refuses_a_url_that_is_not_a_replica()
    {
        var primaryUrl = fixture.Primary.UrlFor("sparkle");

        var run = await CliRun.RunAsync("bench", "--database-url", primaryUrl, "--replica", primaryUrl);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a replica of it", run.Error, StringComparison.Ordinal);
    }

    private static async Task<bool> WaitForReplayAsync(NpgsqlConnection replica, string target)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var replayed = await replica.ScalarAsync<bool>("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0", target);
            if (replayed || timeout.IsCancellationRequested)
            {
                return replayed;
            }

            await Task.Delay(20);
        }
    }
}
