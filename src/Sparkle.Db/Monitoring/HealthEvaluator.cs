using System.Globalization;

namespace Sparkle.Db.Monitoring;

/// <summary>
/// Turns the readings into green/amber/red checks. The amber limits are the <see cref="MonitorThresholds"/> that
/// `monitor` flags with; the red limits are a fixed step beyond them (each check's <see cref="HealthCheck.Threshold"/>
/// states both), so the page and `monitor` agree on what needs a look.
/// </summary>
public static class HealthEvaluator
{
    /// <summary>Share of max_connections from which connections are red.</summary>
    public const double ConnectionsRedPercent = 95;

    /// <summary>Estimated bloat ratio from which a table or index is red.</summary>
    public const double BloatRedRatio = 0.5;

    /// <summary>Share of a sequence's range from which it is red.</summary>
    public const double SequenceRedPercent = 90;

    /// <summary>Age of a transaction (seconds) from which it is red.</summary>
    public const double TransactionRedSeconds = 3600;

    /// <summary>Share of the 2^31 transaction ID space from which the oldest unfrozen ID is red.</summary>
    public const double TransactionIdRedPercent = 50;

    /// <summary>Replication lag (seconds) from which it is amber, and from which it is red.</summary>
    public const double ReplicationAmberSeconds = 10;

    public const double ReplicationRedSeconds = 60;

    /// <summary>Hours after which the last maintenance run is amber.</summary>
    public const double MaintenanceAmberHours = 24;

    public static IReadOnlyList<HealthCheck> Evaluate(HealthInputs inputs)
    {
        var r = inputs.Report;
        var t = r.Thresholds;
        var checks = new List<HealthCheck>();

        var cacheAmber = Math.Max(0, t.CacheHitTarget - 0.04);
        foreach (var cache in r.CacheHitRatios)
        {
            var level = cache.Ratio switch
            {
                null => HealthLevel.None,
                var v when v >= t.CacheHitTarget => HealthLevel.Green,
                var v when v >= cacheAmber => HealthLevel.Amber,
                _ => HealthLevel.Red,
            };
            checks.Add(new($"Cache hit ratio ({(cache.Kind == "index" ? "indexes" : cache.Kind + "s")})", "health", level, cache.Ratio is { } ratio ? Percent(ratio * 100, 2) : "no reads yet",
                F($"green ≥ {Percent(t.CacheHitTarget * 100)}, amber ≥ {Percent(cacheAmber * 100)}"),
                level > HealthLevel.Green ? "Reads miss shared_buffers: raise shared_buffers, or find the statements that read the most blocks." : null));
        }

        var c = r.Connections;
        var connections = c.Percent >= ConnectionsRedPercent ? HealthLevel.Red : c.Percent >= t.ConnectionsPercent ? HealthLevel.Amber : HealthLevel.Green;
        checks.Add(new("Connections", "connections", connections, F($"{c.Total} of {c.MaxConnections} ({Percent(c.Percent, 1)})"),
            F($"green < {Percent(t.ConnectionsPercent)} of max_connections, amber < {Percent(ConnectionsRedPercent)}"),
            connections > HealthLevel.Green ? "Put a pooler (PgBouncer) in front, or lower the application's pool size." : null));

        var longestWait = r.BlockingLocks.Count == 0 ? 0 : r.BlockingLocks.Max(b => b.WaitingSeconds);
        var blocking = r.BlockingLocks.Count == 0 ? HealthLevel.Green : longestWait >= t.LongRunningSeconds ? HealthLevel.Red : HealthLevel.Amber;
        checks.Add(new("Blocking locks", "locks", blocking,
            r.BlockingLocks.Count == 0 ? "none" : F($"{r.BlockingLocks.Select(b => b.BlockedPid).Distinct().Count()} waiting, longest {Seconds(longestWait)}"),
            F($"green none, amber waits < {Seconds(t.LongRunningSeconds)}, red beyond"),
            blocking > HealthLevel.Green ? "Find the root of the chain under Locks; end its transaction (or cancel its statement)." : null));

        checks.Add(Sessions("Long-running statements", "transactions", r.LongRunning, t.LongRunningSeconds, 10 * t.LongRunningSeconds,
            "Look at the statement's plan; cancel it if it is stuck."));
        checks.Add(Sessions("Idle in transaction", "transactions", r.IdleInTransaction, t.IdleInTransactionSeconds, Math.Max(60, 6 * t.IdleInTransactionSeconds),
            "A client opened a transaction and went quiet: it holds its locks and holds back vacuum. Set idle_in_transaction_session_timeout."));
        checks.Add(Sessions("Long transactions", "transactions", inputs.LongTransactions, t.LongRunningSeconds, TransactionRedSeconds,
            "Long transactions hold back vacuum (dead rows pile up) and keep their locks."));

        var s = r.Statements;
        var slowest = s.Slowest.Count == 0 ? 0 : s.Slowest.Max(q => q.MeanMs);
        var slow = s.Unavailable is not null ? HealthLevel.Amber : s.Slowest.Count == 0 ? HealthLevel.Green : slowest >= 10 * t.SlowMeanMs ? HealthLevel.Red : HealthLevel.Amber;
        checks.Add(new("Slow statements", "statements", slow,
            s.Unavailable is not null ? "pg_stat_statements unavailable" : s.Slowest.Count == 0 ? "none" : F($"{(s.Slowest.Count >= t.Top ? "at least " : "")}{s.Slowest.Count}, slowest {slowest:0.#} ms mean"),
            F($"green none ≥ {t.SlowMeanMs:0.#} ms mean, amber < {10 * t.SlowMeanMs:0.#} ms, red beyond"),
            slow > HealthLevel.Green ? s.Unavailable ?? "EXPLAIN (ANALYZE, BUFFERS) the slowest statements; compare with the benchmark's plans." : null));

        var ix = r.Indexes;
        checks.Add(new("Invalid indexes", "indexes", ix.Invalid.Count == 0 ? HealthLevel.Green : HealthLevel.Red, Count(ix.Invalid.Count, ix.Invalid.Sum(i => i.SizeBytes), int.MaxValue),
            "green none, red any", ix.Invalid.Count == 0 ? null : "Run 'sparkle-db migrate' (it rebuilds the invalid indexes its migrations left) or REINDEX INDEX CONCURRENTLY."));
        checks.Add(new("Duplicate indexes", "indexes", ix.Duplicate.Count == 0 ? HealthLevel.Green : HealthLevel.Amber, Count(ix.Duplicate.Count, ix.Duplicate.Sum(i => i.SizeBytes), t.Top),
            "green none, amber any", ix.Duplicate.Count == 0 ? null : "Each costs writes and space for nothing: drop the one listed (DROP INDEX CONCURRENTLY)."));
        checks.Add(new("Unused indexes", "indexes", ix.Unused.Count == 0 ? HealthLevel.Green : HealthLevel.Amber, Count(ix.Unused.Count, ix.Unused.Sum(i => i.SizeBytes), t.Top),
            "green none without scans since the statistics reset, amber any",
            ix.Unused.Count == 0 ? null : "Judge against the statistics' age and the benchmark's verdict before dropping one."));

        var worstBloat = r.Bloat.Count == 0 ? 0 : r.Bloat.Max(b => b.Ratio);
        var bloat = r.Bloat.Count == 0 ? HealthLevel.Green : worstBloat >= BloatRedRatio ? HealthLevel.Red : HealthLevel.Amber;
        checks.Add(new("Bloat", "space", bloat, r.Bloat.Count == 0 ? "none" : F($"{r.Bloat.Count} objects, worst {Percent(worstBloat * 100)}"),
            F($"green none ≥ {Percent(t.BloatRatio * 100)} estimated, amber < {Percent(BloatRedRatio * 100)}, red beyond"),
            bloat > HealthLevel.Green ? "VACUUM (tables) or REINDEX CONCURRENTLY (indexes); check autovacuum keeps up." : null));

        var worstSequence = r.Sequences.Count == 0 ? 0 : r.Sequences.Max(q => q.Percent);
        var sequences = r.Sequences.Count == 0 ? HealthLevel.Green : worstSequence >= SequenceRedPercent ? HealthLevel.Red : HealthLevel.Amber;
        checks.Add(new("Sequences", "space", sequences, r.Sequences.Count == 0 ? "none near their limit" : F($"{r.Sequences[0].Sequence} at {Percent(worstSequence, 1)}"),
            F($"green < {Percent(t.SequencePercent)} of range, amber < {Percent(SequenceRedPercent)}, red beyond"),
            sequences > HealthLevel.Green ? "Widen the column to bigint before the sequence runs out." : null));

        var f = inputs.Facts;
        var xid = f.TransactionIdAge < f.FreezeMaxAge ? HealthLevel.Green : f.TransactionIdPercent < TransactionIdRedPercent ? HealthLevel.Amber : HealthLevel.Red;
        checks.Add(new("Transaction ID age", "space", xid, F($"{f.TransactionIdAge:N0} ({Percent(f.TransactionIdPercent, 1)} of 2^31)"),
            F($"green < autovacuum_freeze_max_age ({f.FreezeMaxAge:N0}), amber < {Percent(TransactionIdRedPercent)} of 2^31, red beyond"),
            xid > HealthLevel.Green ? "Autovacuum is not freezing fast enough: look for long transactions, then VACUUM (FREEZE) the oldest tables." : null));

        checks.Add(PartitionCoverageCheck(inputs.Partitions));
        var defaults = inputs.Partitions.Where(p => p.DefaultRows is not null).ToArray();
        var filled = defaults.Where(p => p.DefaultRows > 0).ToArray();
        checks.Add(new("Rows in DEFAULT partitions", "partitions", defaults.Length == 0 ? HealthLevel.None : filled.Length == 0 ? HealthLevel.Green : HealthLevel.Red,
            defaults.Length == 0 ? "no DEFAULT partition" : filled.Length == 0 ? "all empty" : string.Join(", ", filled.Select(p => F($"{p.Table}: {p.DefaultRows:N0}"))),
            "green all empty, red any row",
            filled.Length == 0 ? null : "Rows there mean a missing month partition: create it, then move the rows out of DEFAULT."));

        checks.Add(Maintenance(inputs.Now, inputs.LastMaintenance));
        checks.Add(Replication(inputs.Replication));

        var counters = inputs.CounterChecks;
        var failedCounters = counters?.Count(x => !x.Passed) ?? 0;
        checks.Add(new("Counter consistency", "counters",
            counters is null ? HealthLevel.None : failedCounters == 0 ? HealthLevel.Green : HealthLevel.Red,
            counters is null ? "no counter check" : failedCounters == 0 ? F($"{counters.Count} checks pass") : F($"{failedCounters} of {counters.Count} checks fail"),
            "green every stored counter equals its recount, red any differs",
            failedCounters == 0 ? null : "A counter drifted from the rows it counts; see Counter consistency for which."));
        return checks;
    }

    private static HealthCheck PartitionCoverageCheck(IReadOnlyList<PartitionedTable> partitions)
    {
        const int wanted = 2;
        var threshold = F($"green this month and {wanted} ahead, amber fewer ahead, red this month uncovered");
        if (partitions.Count == 0)
        {
            return new("Partition coverage", "partitions", HealthLevel.None, "no partitioned table", threshold);
        }

        // A table whose partitions are being attached or detached right now is amber at worst: its bounds were not all read.
        var uncovered = partitions.Where(p => !p.CoversCurrentMonth).ToArray();
        var fewest = partitions.Min(p => p.MonthsAhead);
        var level = uncovered.Any(p => p.BusyPartitions == 0) ? HealthLevel.Red
            : uncovered.Length > 0 || fewest < wanted ? HealthLevel.Amber : HealthLevel.Green;
        var value = uncovered.Length > 0
            ? "this month uncovered: " + string.Join(", ", uncovered.Select(p => p.BusyPartitions > 0 ? p.Table + " (partitions locked, not read)" : p.Table))
            : F($"{partitions.Count} tables, at least {fewest} month(s) ahead");
        return new("Partition coverage", "partitions", level, value, threshold,
            level > HealthLevel.Green ? "Run 'sparkle-db maintain' (maintain_partitions() creates the months ahead)." : null);
    }

    private static HealthCheck Maintenance(DateTimeOffset now, (DateTimeOffset StartedAt, string Status)? last)
    {
        var threshold = F($"green last run healthy within {MaintenanceAmberHours:0} h, amber older or degraded, red down");
        if (last is not { } run)
        {
            return new("Maintenance", "maintenance", HealthLevel.Amber, "never run", threshold, "Run 'sparkle-db maintain', or schedule it with 'sparkle-db maintain --schedule'.");
        }

        var hours = (now - run.StartedAt).TotalHours;
        var level = run.Status switch
        {
            "down" => HealthLevel.Red,
            "degraded" => HealthLevel.Amber,
            _ when hours > MaintenanceAmberHours => HealthLevel.Amber,
            _ => HealthLevel.Green,
        };
        return new("Maintenance", "maintenance", level, F($"{run.Status}, {Ago(hours)} ago"), threshold,
            level > HealthLevel.Green ? "See the journal under Maintenance; failed steps carry the error." : null);
    }

    private static HealthCheck Replication(ReplicationStatus replication)
    {
        var threshold = F($"green lag < {ReplicationAmberSeconds:0} s, amber < {ReplicationRedSeconds:0} s, red beyond");
        if (replication.Replicas.Count == 0 && !replication.InRecovery)
        {
            return new("Replication lag", "replication", HealthLevel.None, "no replicas", threshold);
        }

        var lag = replication.WorstLagSeconds;
        var level = lag is not { } v || v < ReplicationAmberSeconds ? HealthLevel.Green : v < ReplicationRedSeconds ? HealthLevel.Amber : HealthLevel.Red;
        var who = replication.InRecovery ? "this standby" : F($"{replication.Replicas.Count} replica(s)");
        return new("Replication lag", "replication", level, lag is { } l ? F($"{who}, {Seconds(l)}") : who + ", caught up", threshold,
            level > HealthLevel.Green ? "Check the standby's disk and network, and long queries on it that delay replay." : null);
    }

    private static HealthCheck Sessions(string name, string section, IReadOnlyList<SessionInfo> sessions, double amber, double red, string advice)
    {
        var longest = sessions.Count == 0 ? 0 : sessions.Max(x => x.Seconds);
        var level = sessions.Count == 0 ? HealthLevel.Green : longest >= red ? HealthLevel.Red : HealthLevel.Amber;
        return new(name, section, level, sessions.Count == 0 ? "none" : F($"{sessions.Count}, longest {Seconds(longest)} (pid {sessions.MaxBy(x => x.Seconds)!.Pid})"),
            F($"green none ≥ {Seconds(amber)}, amber < {Seconds(red)}, red beyond"), level > HealthLevel.Green ? advice : null);
    }

    // Lists stop at MonitorThresholds.Top rows; a full list says "at least".
    private static string Count(int count, long bytes, int top) =>
        count == 0 ? "none" : count >= top ? F($"at least {count} ({Bytes.Format(bytes)} in those)") : F($"{count} ({Bytes.Format(bytes)})");

    private static string Percent(double value, int decimals = 0) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %";

    private static string Seconds(double seconds) => seconds switch
    {
        >= 3600 => F($"{seconds / 3600:0.#} h"),
        >= 120 => F($"{seconds / 60:0.#} min"),
        _ => F($"{seconds:0} s"),
    };

    private static string Ago(double hours) => hours >= 48 ? F($"{hours / 24:0.#} days") : hours >= 1 ? F($"{hours:0.#} h") : F($"{hours * 60:0} min");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
