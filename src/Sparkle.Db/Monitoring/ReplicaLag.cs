namespace Sparkle.Db.Monitoring;

/// <summary>
/// One standby streaming from this server (pg_stat_replication). The lag columns are null when the standby is idle
/// or the role may not read them (it needs pg_monitor or pg_read_all_stats).
/// </summary>
public sealed record ReplicaLag(
    int Pid, string? Application, string? ClientAddress, string? State, string? SyncState,
    double? WriteLagSeconds, double? FlushLagSeconds, double? ReplayLagSeconds, long? ReplayLagBytes);
