namespace Sparkle.Db.Maintenance;

/// <summary>
/// The outcome of one maintenance run. <see cref="Status"/> follows the system_health vocabulary: healthy (every
/// step that ran succeeded), degraded (some failed), down (all failed); <c>skipped</c> when another run held the lock.
/// </summary>
public sealed record MaintenanceRun(string Status, DateTimeOffset StartedAt, double DurationMs, IReadOnlyList<MaintenanceStep> Steps, long? JournalId, int PrunedRows)
{
    public bool Skipped => Status == "skipped";

    public bool Failed => Status is "degraded" or "down";
}
