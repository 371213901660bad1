namespace Sparkle.Db.Monitoring;

/// <summary>What `sparkle-db monitor` shows: one read of the database's health against <see cref="Thresholds"/>.</summary>
public sealed record MonitorReport(
    DateTimeOffset MeasuredAt,
    string Database,
    MonitorThresholds Thresholds,
    IReadOnlyList<CacheHitRatio> CacheHitRatios,
    StatementReport Statements,
    IndexReport Indexes,
    IReadOnlyList<BloatEntry> Bloat,
    IReadOnlyList<BlockingLock> BlockingLocks,
    IReadOnlyList<SessionInfo> LongRunning,
    IReadOnlyList<SessionInfo> IdleInTransaction,
    ConnectionSummary Connections,
    IReadOnlyList<SequenceUsage> Sequences,
    IReadOnlyList<string> Notes)
{
    /// <summary>Standbys streaming from this server with their state and lag, or this server's own replay delay when it is one.</summary>
    public ReplicationStatus? Replication { get; init; }

    /// <summary>Findings that need a look (an informational list such as frequent statements does not count).</summary>
    public int Warnings =>
        CacheHitRatios.Count(r => r.BelowTarget) + Statements.Slowest.Count + Indexes.Unused.Count + Indexes.Duplicate.Count
        + Indexes.Invalid.Count + Bloat.Count + BlockingLocks.Count + LongRunning.Count + IdleInTransaction.Count
        + (Connections.NearLimit ? 1 : 0) + Sequences.Count;
}
