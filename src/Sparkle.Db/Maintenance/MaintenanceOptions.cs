namespace Sparkle.Db.Maintenance;

/// <summary>What a maintenance run does; the work itself is the database's (sparkle_db.run_maintenance).</summary>
public sealed record MaintenanceOptions
{
    /// <summary>Journal rows older than this are deleted at the end of each run (never the run itself).</summary>
    public int KeepJournalDays { get; init; } = 90;

    /// <summary>
    /// lock_timeout of each action (a PostgreSQL interval, e.g. "200ms"): the longest an application statement queues
    /// behind a lock request of maintenance before maintenance gives way and retries.
    /// </summary>
    public string LockTimeout { get; init; } = "200ms";

    /// <summary>Tries per action before it is recorded as skipped (retried by the next run).</summary>
    public int LockAttempts { get; init; } = 10;

    /// <summary>The tasks to run (sparkle_db.maintenance_tasks); null runs every enabled task.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }
}
