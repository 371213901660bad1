using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Shapes one read of the database into the page's sections (and their JSON endpoints).</summary>
internal static class SectionBuilder
{
    public static OverviewSection Overview(Snapshot s, string server, bool actionsAllowed) =>
        new(s.Facts.Database, server, s.Facts.ServerVersion, s.Facts.SizeBytes, s.Facts.StartedAt, s.Report.MeasuredAt, actionsAllowed, s.Report.Thresholds, s.Report.Notes);

    public static HealthSection Health(Snapshot s, CounterReading counters)
    {
        var last = s.Maintenance.Count == 0 ? ((DateTimeOffset, string)?)null : (s.Maintenance[0].StartedAt, s.Maintenance[0].Status);
        var inputs = new HealthInputs(DateTimeOffset.UtcNow, s.Report, s.Facts, s.Partitions, s.Replication, s.LongTransactions, last, counters.Results);
        return new HealthSection(s.Report.MeasuredAt, HealthEvaluator.Evaluate(inputs));
    }

    public static StatementsSection Statements(Snapshot s)
    {
        var st = s.Report.Statements;
        return new(st.Unavailable, st.StatsSince, s.Report.Thresholds.SlowMeanMs, s.Report.Thresholds.FrequentCalls, st.Slowest, st.MostFrequent);
    }

    public static IndexesSection Indexes(Snapshot s, DashboardData data)
    {
        var ix = s.Report.Indexes;
        IndexRow Row(string table, string index, string problem, long size, long scans, string? detail) =>
            data.Verdicts.TryGetValue(index, out var v)
                ? new IndexRow(table, index, problem, size, scans, detail, v.Verdict, v.Class)
                : new IndexRow(table, index, problem, size, scans, detail, null, null);
        IndexRow[] Rows(IReadOnlyList<IndexFinding> list) => list.Select(i => Row(i.Table, i.Index, i.Problem, i.SizeBytes, i.Scans, i.Detail)).ToArray();
        return new(ix.StatsSince, ix.DatabaseCreatedOrUnknown, data.BenchSource, Rows(ix.Invalid), Rows(ix.Duplicate), Rows(ix.Unused),
            s.Indexes.Select(i => Row(i.Table, i.Index, i.Kind, i.SizeBytes, i.Scans, null)).ToArray());
    }

    public static SpaceSection Space(Snapshot s) =>
        new(s.Facts.SizeBytes, s.Report.Thresholds.BloatRatio, s.Tables, s.Report.Bloat, s.Report.Sequences, s.Facts.TransactionIdAge, s.Facts.TransactionIdPercent);

    public static PartitionsSection Partitions(Snapshot s) => new(2, s.Partitions);

    public static MaintenanceSection Maintenance(Snapshot s, bool actionsAllowed) =>
        new(s.Maintenance.Select(m => new MaintenanceRow(m.Id, m.StartedAt, m.DurationMs, m.Status)).ToArray(),
            s.MaintenanceNote ?? (s.Maintenance.Count == 0 ? "The journal is empty: maintenance has not run yet." : null), actionsAllowed);

    public static CountersSection Counters(CounterReading c) => new(c.Results is not null, c.Results is null ? null : c.CheckedAt, c.Results ?? []);

    public static LocksSection Locks(Snapshot s, bool actionsAllowed) => new(s.Locks, actionsAllowed);

    public static TransactionsSection Transactions(Snapshot s, bool actionsAllowed) =>
        new(s.Report.Thresholds.LongRunningSeconds, s.Report.Thresholds.IdleInTransactionSeconds, s.Report.LongRunning, s.Report.IdleInTransaction, s.LongTransactions, actionsAllowed);

    public static ConnectionsSection Connections(Snapshot s) => new(s.Report.Connections, s.Report.Thresholds.ConnectionsPercent, s.ConnectionGroups);

    public static ReplicationSection Replication(Snapshot s) => new(s.Replication);

    public static BenchmarkSection Benchmark(DashboardData data) =>
        data.Bench is not { } b
            ? new(false, null, null, null, [], [])
            : new(true, data.BenchSource, b.GeneratedAtUtc, b.Scale,
                b.Queries.Select((q, i) => new BenchmarkQuery(i + 1, q.Name, q.Kind, q.IntendedIndex, q.OnIntendedIndex, q.Ratio, q.Class, q.Plan.P50)).ToArray(),
                b.Findings);
}
