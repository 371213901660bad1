namespace Sparkle.Db.Maintenance;

/// <summary>
/// One action of a maintenance run, as journaled in sparkle_db.maintenance_runs.steps: <c>Task</c> the task that planned
/// it (partitions, materialized_views, statistics, …), <c>Name</c> the object it worked on (e.g. trending_posts,
/// notifications_2026_06), <c>Kind</c> what it did (refresh, analyze, create, stage, move, detach, drop; plan when the
/// task's planner itself failed), <c>Status</c> ok, failed, skipped (its lock never came) or cancelled, <c>Attempts</c>
/// the tries it took, <c>Detail</c> the refresh mode, the rows moved, or the error.
/// </summary>
public sealed record MaintenanceStep(string Task, string Name, string Kind, string Status, int Attempts, double DurationMs, string? Detail);
