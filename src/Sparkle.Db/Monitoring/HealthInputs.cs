using Sparkle.Db.Verification;

namespace Sparkle.Db.Monitoring;

/// <summary>
/// What <see cref="HealthEvaluator"/> judges: the monitor report and the reads beside it. <see cref="LastMaintenance"/> is
/// null when maintenance never ran; <see cref="CounterChecks"/> is null when no counter check exists.
/// </summary>
public sealed record HealthInputs(
    DateTimeOffset Now,
    MonitorReport Report,
    DatabaseFacts Facts,
    IReadOnlyList<PartitionedTable> Partitions,
    ReplicationStatus Replication,
    IReadOnlyList<SessionInfo> LongTransactions,
    (DateTimeOffset StartedAt, string Status)? LastMaintenance,
    IReadOnlyList<CheckResult>? CounterChecks);
