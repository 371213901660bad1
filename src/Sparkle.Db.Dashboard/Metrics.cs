using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard;

/// <summary>The headline figures of the dashboard as Prometheus metrics (GET /metrics), for an existing Grafana to scrape.</summary>
internal static class Metrics
{
    public static string Render(Snapshot? s, IReadOnlyList<HealthCheck> health, string? error)
    {
        var m = new PrometheusText();
        m.Gauge("sparkle_db_up", "1 when the dashboard could read the database, else 0", s is null ? 0 : 1);
        if (s is null)
        {
            m.Family("sparkle_db_read_error", "gauge", "The last read failed; the label says why").Sample("sparkle_db_read_error", 1, ("message", error ?? "unknown"));
            return m.ToString();
        }

        var r = s.Report;
        m.Gauge("sparkle_db_read_duration_seconds", "Time the dashboard's read of the database took", s.ReadSeconds);
        m.Gauge("sparkle_db_database_size_bytes", "pg_database_size of the database", s.Facts.SizeBytes);
        m.Gauge("sparkle_db_transaction_id_age", "age(datfrozenxid) of the database; PostgreSQL stops writes near 2^31", s.Facts.TransactionIdAge);

        m.Family("sparkle_db_cache_hit_ratio", "gauge", "Shared-buffer hit ratio of user tables and indexes (absent before any read)");
        foreach (var c in r.CacheHitRatios.Where(c => c.Ratio is not null))
        {
            m.Sample("sparkle_db_cache_hit_ratio", c.Ratio!.Value, ("kind", c.Kind));
        }

        var cn = r.Connections;
        m.Family("sparkle_db_connections", "gauge", "Client sessions of the server by state")
            .Sample("sparkle_db_connections", cn.Active, ("state", "active"))
            .Sample("sparkle_db_connections", cn.Idle, ("state", "idle"))
            .Sample("sparkle_db_connections", cn.IdleInTransaction, ("state", "idle_in_transaction"))
            .Sample("sparkle_db_connections", cn.Total, ("state", "total"));
        m.Gauge("sparkle_db_connections_max", "max_connections", cn.MaxConnections);

        m.Gauge("sparkle_db_blocked_sessions", "Sessions waiting for a lock held by another session", r.BlockingLocks.Select(b => b.BlockedPid).Distinct().Count());
        m.Gauge("sparkle_db_lock_wait_longest_seconds", "Longest current wait for a lock (0 when none)", r.BlockingLocks.Count == 0 ? 0 : r.BlockingLocks.Max(b => b.WaitingSeconds));
        m.Gauge("sparkle_db_long_running_statements", "Active statements running longer than the long-running threshold", r.LongRunning.Count);
        m.Gauge("sparkle_db_idle_in_transaction_sessions", "Sessions idle in a transaction longer than the threshold", r.IdleInTransaction.Count);
        m.Gauge("sparkle_db_oldest_transaction_seconds", "Age of the oldest transaction past the long-running threshold (0 when none)",
            s.LongTransactions.Count == 0 ? 0 : s.LongTransactions.Max(t => t.Seconds));
        m.Gauge("sparkle_db_slow_statements", "Statements whose mean time is past the slow threshold (pg_stat_statements; counted up to --top)", r.Statements.Slowest.Count);

        m.Family("sparkle_db_index_problems", "gauge", "Indexes that are invalid, duplicate, or unused since the statistics reset (counted up to the dashboard's --top)")
            .Sample("sparkle_db_index_problems", r.Indexes.Invalid.Count, ("problem", "invalid"))
            .Sample("sparkle_db_index_problems", r.Indexes.Duplicate.Count, ("problem", "duplicate"))
            .Sample("sparkle_db_index_problems", r.Indexes.Unused.Count, ("problem", "unused"));
        m.Gauge("sparkle_db_bloat_bytes", "Estimated reclaimable bytes of the tables and indexes past the bloat threshold", r.Bloat.Sum(b => b.BloatBytes));

        m.Family("sparkle_db_partition_months_ahead", "gauge", "Consecutive months after the current one that a partitioned table's partitions cover");
        foreach (var p in s.Partitions)
        {
            m.Sample("sparkle_db_partition_months_ahead", p.CoversCurrentMonth ? p.MonthsAhead : -1, ("table", p.Table));
        }

        m.Family("sparkle_db_partition_default_rows", "gauge", "Rows in a partitioned table's DEFAULT partition (a missing month partition)");
        foreach (var p in s.Partitions.Where(p => p.DefaultRows is not null))
        {
            m.Sample("sparkle_db_partition_default_rows", p.DefaultRows!.Value, ("table", p.Table));
        }

        m.Gauge("sparkle_db_replicas", "Standbys streaming from this server", s.Replication.Replicas.Count);
        m.Family("sparkle_db_replication_lag_seconds", "gauge", "Replay lag of each standby (write or flush lag when replay is unknown)");
        foreach (var replica in s.Replication.Replicas)
        {
            if ((replica.ReplayLagSeconds ?? replica.FlushLagSeconds ?? replica.WriteLagSeconds) is { } lag)
            {
                m.Sample("sparkle_db_replication_lag_seconds", lag, ("application", replica.Application ?? ""), ("pid", replica.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (s.Maintenance.Count > 0)
        {
            var last = s.Maintenance[0];
            m.Gauge("sparkle_db_maintenance_last_run_timestamp_seconds", "Start of the last maintenance run (Unix time)", last.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
            m.Gauge("sparkle_db_maintenance_last_run_healthy", "1 when the last maintenance run was healthy", last.Status == "healthy" ? 1 : 0);
        }

        m.Family("sparkle_db_health", "gauge", "Each health check: 0 green, 1 amber, 2 red (checks with nothing to measure are left out)");
        foreach (var check in health.Where(c => c.Level != HealthLevel.None))
        {
            m.Sample("sparkle_db_health", check.Level switch { HealthLevel.Green => 0, HealthLevel.Amber => 1, _ => 2 }, ("check", check.Name));
        }

        return m.ToString();
    }
}
