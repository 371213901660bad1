using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard;

/// <summary>One read of everything the sections show except the counter recount, taken on one connection.</summary>
internal sealed record Snapshot(
    MonitorReport Report,
    DatabaseFacts Facts,
    IReadOnlyList<TableSize> Tables,
    IReadOnlyList<IndexSize> Indexes,
    IReadOnlyList<PartitionedTable> Partitions,
    ReplicationStatus Replication,
    IReadOnlyList<LockSession> Locks,
    IReadOnlyList<SessionInfo> LongTransactions,
    IReadOnlyList<ConnectionGroup> ConnectionGroups,
    IReadOnlyList<(long Id, DateTimeOffset StartedAt, long DurationMs, string Status)> Maintenance,
    string? MaintenanceNote,
    double ReadSeconds);
