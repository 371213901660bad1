namespace Sparkle.Db.Cluster;

/// <summary>One local streaming replica as <c>replicas.json</c> records it: its number, its server folder and last port.</summary>
internal sealed record ReplicaState(int Number, string ServerDirectory, int Port)
{
    public string Name => $"replica{Number}";

    /// <summary>The physical replication slot on the primary that keeps the WAL this replica still needs.</summary>
    public string SlotName => $"sparkle_replica{Number}";

    public string PgData => Path.Combine(ServerDirectory, "pgdata");

    public string SocketDirectory => Path.Combine(ServerDirectory, "socket");
}
