namespace Sparkle.Db.Cluster;

/// <summary>What <c>sparkle-db cluster status</c> reports.</summary>
public sealed record ClusterStatus(
    bool Initialized,
    bool Running,
    int? Port,
    int? ProcessId,
    string DataDirectory,
    string? ServerDirectory,
    int? MajorVersion);
