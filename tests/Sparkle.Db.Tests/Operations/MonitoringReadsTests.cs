using Npgsql;
using Sparkle.Db.Monitoring;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>The reads the dashboard adds to `monitor`'s: partitions, sizes, lock chains, transactions, replication.</summary>
public sealed class MonitoringReadsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Partitions_report_coverage_as_verify_judges_it_the_rows_in_default_and_the_retention_policy()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""INSERT INTO users (id, email, username, "updatedAt") VALUES ('mr-user', 'mr@example.test', 'mr-user', now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING""");
        await connection.ExecuteAsync("""INSERT INTO xp_logs (id, "userId", amount, source, "totalXp", "createdAt") VALUES ('mr-old', 'mr-user', 1, 'test', 1, '1999-05-05')""");
        try
        {
            var tables = await DatabaseMonitor.PartitionsAsync(connection);

            var policies = await connection.ColumnAsync<string>("SELECT table_name || ':' || coalesce(retention_months::text, '-') || ':' || retention_action FROM sparkle_db.partition_policies ORDER BY 1");
            Assert.Equal(policies, tables.Select(t => $"{t.Table}:{t.RetentionMonths?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{t.RetentionAction}"));
            var coverage = (await new PartitionCoverageCheck().RunAsync(connection, default)).Single(r => r.Name == "partitions.coverage");
            Assert.True(coverage.Passed);
            Assert.All(tables, t => Assert.True(t.CoversCurrentMonth && t.MonthsAhead >= PartitionCoverageCheck.MonthsAhead, t.Table));
            foreach (var t in tables)
            {
                Assert.Equal(await connection.ScalarAsync<int>("SELECT count(*)::int FROM pg_inherits WHERE inhparent = ('public.' || quote_ident($1))::regclass", t.Table), t.Partitions);
            }

            Assert.Equal(1, tables.Single(t => t.Table == "xp_logs").DefaultRows);
            Assert.Equal("public.xp_logs_default", tables.Single(t => t.Table == "xp_logs").DefaultPartition);
            Assert.All(tables.Where(t => t.Table != "xp_logs"), t => Assert.Equal(0, t.DefaultRows));
        }
        finally
        {
            await connection.ExecuteAsync("DELETE FROM xp_logs WHERE id = 'mr-old'");
        }
    }

    [Fact]
    public async Task A_chain_of_three_sessions_has_the_holder_as_its_root_and_each_waiter_names_whom_it_waits_for()
    {
        await using var holder = await db.OpenAsync();
        await using var first = await OpenWithoutTimeoutAsync();
        await using var second = await OpenWithoutTimeoutAsync();
        await using var observer = await db.OpenAsync();
        await holder.ExecuteAsync("CREATE TABLE IF NOT EXISTS chain_probe (id int PRIMARY KEY)");
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("LOCK TABLE chain_probe IN ACCESS EXCLUSIVE MODE");
        var firstWaits = first.ExecuteAsync("TRUNCATE chain_probe");
        await WaitForLockWaitAsync(observer, first.ProcessID);
        var secondWaits = second.ExecuteAsync("SELECT count(*) FROM chain_probe");
        await WaitForLockWaitAsync(observer, second.ProcessID);

        var sessions = await DatabaseMonitor.LockSessionsAsync(observer, 100);

        var root = Assert.Single(sessions, s => s.Pid == holder.ProcessID);
        Assert.Empty(root.BlockedBy);
        Assert.Contains("LOCK TABLE chain_probe", root.Query, StringComparison.Ordinal);
        var middle = Assert.Single(sessions, s => s.Pid == first.ProcessID);
        Assert.Equal([holder.ProcessID], middle.BlockedBy);
        Assert.Equal("relation AccessExclusiveLock on chain_probe", middle.WaitingFor);
        var last = Assert.Single(sessions, s => s.Pid == second.ProcessID);
        Assert.Contains(holder.ProcessID, last.BlockedBy);
        Assert.Contains("TRUNCATE chain_probe", middle.Query, StringComparison.Ordinal);
        Assert.Contains(first.ProcessID, last.BlockedBy);
        Assert.Equal("relation AccessShareLock on chain_probe", last.WaitingFor);

        await transaction.RollbackAsync();
        await firstWaits;
        await secondWaits;
    }

    [Fact]
    public async Task The_reads_do_not_wait_for_a_table_or_partition_locked_access_exclusive()
    {
        await using var holder = await db.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
        await holder.ExecuteAsync("LOCK TABLE xp_logs_default IN ACCESS EXCLUSIVE MODE");

        // A lock timeout turns a wait into an error (55P03): the reads must not even try to wait.
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Options = "-c lock_timeout=500" };
        await using var reader = new NpgsqlConnection(builder.ConnectionString);
        await reader.OpenAsync();
        var report = await DatabaseMonitor.ReadAsync(reader, new MonitorThresholds { Top = 1000 });
        var tables = await DatabaseMonitor.TableSizesAsync(reader, 1000);
        var indexes = await DatabaseMonitor.IndexSizesAsync(reader, 1000);
        var partitions = await DatabaseMonitor.PartitionsAsync(reader);

        var users = Assert.Single(tables, t => t.Table == "users");
        Assert.True(users.Estimated);
        Assert.False(Assert.Single(tables, t => t.Table == "posts").Estimated);
        Assert.Contains(indexes, i => i.Table == "users");
        Assert.Contains(report.Indexes.Unused, i => i.Table == "users");
        var xp = Assert.Single(partitions, p => p.Table == "xp_logs");
        Assert.Equal(1, xp.BusyPartitions);
        Assert.Null(xp.DefaultRows);
        Assert.Equal("public.xp_logs_default", xp.DefaultPartition);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Table_sizes_match_pg_total_relation_size_and_a_partitioned_table_sums_its_partitions()
    {
        await using var connection = await db.OpenAsync();

        var tables = await DatabaseMonitor.TableSizesAsync(connection, 1000);

        var users = Assert.Single(tables, t => t.Table == "users");
        Assert.Equal(await connection.ScalarAsync<long>("SELECT pg_total_relation_size('users')"), users.TotalBytes);
        Assert.Equal(await connection.ScalarAsync<long>("SELECT pg_indexes_size('users')"), users.IndexBytes);
        var notifications = Assert.Single(tables, t => t.Table == "notifications");
        Assert.Equal("partitioned", notifications.Kind);
        Assert.Equal(await connection.ScalarAsync<long>("SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('notifications')"), notifications.TotalBytes);
        Assert.Equal(await connection.ScalarAsync<int>("SELECT count(*)::int FROM pg_partition_tree('notifications') WHERE isleaf"), notifications.Partitions);
        Assert.Equal(tables.OrderByDescending(t => t.TotalBytes).ThenBy(t => t.Table, StringComparer.Ordinal).Select(t => t.Table), tables.Select(t => t.Table));
    }

    [Fact]
    public async Task An_open_transaction_is_listed_with_its_age_and_replication_is_empty_without_standbys()
    {
        await using var open = await db.OpenAsync();
        await using var observer = await db.OpenAsync();
        await using var transaction = await open.BeginTransactionAsync();
        await open.ExecuteAsync("SELECT 1 AS open_transaction_probe");

        var transactions = await DatabaseMonitor.LongTransactionsAsync(observer, 0, 100);
        var replication = await DatabaseMonitor.ReplicationAsync(observer);
        var groups = await DatabaseMonitor.ConnectionGroupsAsync(observer);

        var session = Assert.Single(transactions, s => s.Pid == open.ProcessID);
        Assert.Equal("idle in transaction", session.State);
        Assert.Contains("open_transaction_probe", session.Query, StringComparison.Ordinal);
        Assert.False(replication.InRecovery);
        Assert.Empty(replication.Replicas);
        Assert.Null(replication.WorstLagSeconds);
        Assert.Equal(await observer.ScalarAsync<int>("SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend'"), groups.Sum(g => g.Count));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Cancel_reaches_only_a_session_of_this_database()
    {
        await using var connection = await db.OpenAsync();
        await using var elsewhere = new NpgsqlConnection(db.Server.Server.ConnectionString);
        await elsewhere.OpenAsync();

        Assert.Equal((false, false), await DatabaseMonitor.CancelBackendAsync(connection, elsewhere.ProcessID));
        Assert.Equal((false, false), await DatabaseMonitor.CancelBackendAsync(connection, connection.ProcessID));
    }

    private async Task<NpgsqlConnection> OpenWithoutTimeoutAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task WaitForLockWaitAsync(NpgsqlConnection observer, int pid)
    {
        for (var i = 0; i < 300 && !await observer.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted)", pid); i++)
        {
            await Task.Delay(100);
        }
    }
}
