namespace Sparkle.Db.Maintenance;

/// <summary>
/// One step of a maintenance run: <c>Name</c> is the object or function it worked on (e.g. trending_posts),
/// <c>Kind</c> refresh, analyze or partitions, <c>Status</c> ok, failed or skipped, <c>Detail</c> the refresh mode,
/// the partition changes (JSON) or the error.
/// </summary>
public sealed record MaintenanceStep(string Name, string Kind, string Status, double DurationMs, string? Detail);
