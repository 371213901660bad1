using Npgsql;
using Sparkle.Db.Monitoring;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>`monitor` on a database with activity the test made itself.</summary>
public sealed class MonitorTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task A_statement_slower_than_the_threshold_appears_among_the_slowest_with_its_calls()
    {
        await using var connection = await db.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await connection.ExecuteAsync("SELECT pg_sleep(0.05)");
        }

        var report = await DatabaseMonitor.ReadAsync(connection, new MonitorThresholds { SlowMeanMs = 20, Top = 50 });

        Assert.Null(report.Statements.Unavailable);
        var sleep = Assert.Single(report.Statements.Slowest, s => s.Query.Contains("pg_sleep", StringComparison.Ordinal));
        Assert.True(sleep.Calls >= 3);
        Assert.True(sleep.MeanMs >= 20);
        Assert.NotNull(report.Statements.StatsSince);
    }

    [Fact]
    public async Task A_lock_held_by_another_session_appears_as_a_blocking_lock_and_an_idle_transaction()
    {
        await using var holder = await db.OpenAsync();
        await using var waiter = await db.OpenAsync();
        await using var observer = await db.OpenAsync();
        var holderPid = holder.ProcessID;
        var waiterPid = waiter.ProcessID;
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("LOCK TABLE system_health IN ACCESS EXCLUSIVE MODE");
        var blocked = waiter.ExecuteAsync("SELECT count(*) FROM system_health");

        // Wait until the waiter is queued on the lock (not a timing assertion: the loop only waits for the state).
        MonitorReport report;
        var attempts = 0;
        do
        {
            await Task.Delay(100);
            report = await DatabaseMonitor.ReadAsync(observer, new MonitorThresholds { IdleInTransactionSeconds = 0 });
        }
        while (report.BlockingLocks.Count == 0 && ++attempts < 100);

        var lockRow = Assert.Single(report.BlockingLocks, b => b.BlockedPid == waiterPid);
        Assert.Equal(holderPid, lockRow.BlockingPid);
        Assert.Equal("idle in transaction", lockRow.BlockingState);
        Assert.Contains("system_health", lockRow.WaitingFor, StringComparison.Ordinal);
        Assert.Contains(report.IdleInTransaction, s => s.Pid == holderPid);
        Assert.Contains(report.BlockingLocks, b => b.BlockedQuery!.Contains("count(*) FROM system_health", StringComparison.Ordinal));

        await transaction.RollbackAsync();
        await blocked;
    }

    [Fact]
    public async Task An_invalid_index_a_duplicate_and_an_unused_index_are_reported_with_the_statistics_age()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "monitor");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE probe_items (id int PRIMARY KEY, code text, note text)");
            await connection.ExecuteAsync("CREATE INDEX probe_items_code_a ON probe_items (code)");
            await connection.ExecuteAsync("CREATE INDEX probe_items_code_b ON probe_items (code)");
            await connection.ExecuteAsync("CREATE INDEX probe_items_note_invalid ON probe_items (note)");
            await connection.ExecuteAsync("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'probe_items_note_invalid'::regclass");

            var report = await DatabaseMonitor.ReadAsync(connection, new MonitorThresholds { Top = 1000 });

            Assert.Contains(report.Indexes.Invalid, i => i.Index == "probe_items_note_invalid");
            var duplicate = Assert.Single(report.Indexes.Duplicate, i => i.Table == "probe_items");
            Assert.Equal("probe_items_code_b", duplicate.Index);
            Assert.Contains(report.Indexes.Unused, i => i.Index == "probe_items_code_a");
            Assert.DoesNotContain(report.Indexes.Unused, i => i.Index == "probe_items_pkey");
            // The basis of "unused", against pg_stat_database read here: never reset in a new copy, then reset.
            Assert.Null(await connection.ScalarAsync<DateTime?>("SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()"));
            Assert.Null(report.Indexes.StatsSince);
            Assert.True(report.Indexes.DatabaseCreatedOrUnknown);

            await connection.ExecuteAsync("SELECT pg_stat_reset()");
            var reset = await connection.ScalarAsync<DateTime>("SELECT stats_reset AT TIME ZONE 'UTC' FROM pg_stat_database WHERE datname = current_database()");
            var after = await DatabaseMonitor.ReadAsync(connection, new MonitorThresholds { Top = 1000 });

            Assert.Equal(reset, after.Indexes.StatsSince?.UtcDateTime);
            Assert.False(after.Indexes.DatabaseCreatedOrUnknown);
            Assert.Contains(after.Indexes.Unused, i => i.Index == "probe_items_code_a");
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_sequence_near_its_limit_and_cache_ratios_against_the_target_are_reported()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE SEQUENCE IF NOT EXISTS probe_small_seq MAXVALUE 100");
        await connection.ExecuteAsync("SELECT setval('probe_small_seq', 90)");
        await connection.ExecuteAsync("SELECT count(*) FROM users");

        var report = await DatabaseMonitor.ReadAsync(connection, new MonitorThresholds { CacheHitTarget = 1.01 });

        var sequence = Assert.Single(report.Sequences, s => s.Sequence == "public.probe_small_seq");
        Assert.Equal(90, sequence.LastValue);
        Assert.Equal(100, sequence.Limit);
        Assert.Equal(["table", "index"], report.CacheHitRatios.Select(c => c.Kind));
        Assert.All(report.CacheHitRatios.Where(c => c.Ratio is not null), c => Assert.True(c.BelowTarget));
        Assert.True(report.Connections.Total >= 1);
        Assert.True(report.Connections.MaxConnections > 0);
        Assert.True(report.Warnings >= 1);
    }
}
