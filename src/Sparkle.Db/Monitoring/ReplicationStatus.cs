namespace Sparkle.Db.Monitoring;

/// <summary>
/// Replication seen from this server: the standbys streaming from it, and, when this server is itself a standby, how
/// long ago it replayed the primary's last transaction.
/// </summary>
public sealed record ReplicationStatus(bool InRecovery, double? ReplayDelaySeconds, IReadOnlyList<ReplicaLag> Replicas)
{
    /// <summary>The largest replay lag of any standby, else this standby's own replay delay.</summary>
    public double? WorstLagSeconds =>
        Replicas.Select(r => r.ReplayLagSeconds ?? r.FlushLagSeconds ?? r.WriteLagSeconds).Where(v => v is not null).Max() ?? ReplayDelaySeconds;
}
