namespace Sparkle.Db.Scaling;

/// <summary>One hot read query timed on the primary and on a replica (client round trip, ms), or why it could not run.</summary>
public sealed record ReplicaReadResult(string Query, string Kind, double? PrimaryP50, double? PrimaryP95, double? ReplicaP50, double? ReplicaP95, string? Error);
