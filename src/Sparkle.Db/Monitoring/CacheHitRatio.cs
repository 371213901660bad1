namespace Sparkle.Db.Monitoring;

/// <summary>Shared-buffer hits vs reads of user tables or indexes; <see cref="Ratio"/> is null before any access.</summary>
public sealed record CacheHitRatio(string Kind, long BlocksHit, long BlocksRead, double? Ratio, bool BelowTarget);
