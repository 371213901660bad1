using Sparkle.Db.Cluster;

namespace Sparkle.Db.Connections;

/// <summary>The database a command works on, and the local cluster behind it when there is one.</summary>
public sealed record ResolvedDatabase(DatabaseTarget Target, ClusterInfo? Cluster)
{
    /// <summary>A URL safe to print: the local cluster's passfile URL, or the target without its password.</summary>
    public string DisplayUrl => Cluster?.UrlFor(Target.Database) ?? Target.Describe();
}
