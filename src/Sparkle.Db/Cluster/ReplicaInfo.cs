namespace Sparkle.Db.Cluster;

/// <summary>
/// A local streaming replica of the local cluster, as <c>cluster status</c> shows it. <paramref name="State"/> is the
/// primary's view (pg_stat_replication.state: streaming, catchup, startup) or null when the replica is not connected.
/// <paramref name="LagBytes"/> is the WAL the primary has written that the replica has not replayed yet;
/// <paramref name="LagSeconds"/> is pg_stat_replication.replay_lag (null once the replica is idle and caught up).
/// </summary>
public sealed record ReplicaInfo(
    string Name,
    int Port,
    bool Running,
    string? State,
    long? LagBytes,
    double? LagSeconds,
    ClusterInfo Connection)
{
    /// <summary>A printable URL for <paramref name="database"/> on this replica (the password stays in the passfile).</summary>
    public string UrlFor(string database) => Connection.UrlFor(database);
}
