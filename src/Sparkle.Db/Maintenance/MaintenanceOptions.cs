namespace Sparkle.Db.Maintenance;

/// <summary>What a maintenance run does; the work itself is the database's (sparkle_db.run_maintenance).</summary>
public sealed record MaintenanceOptions
{
    /// <summary>Journal rows older than this are deleted at the end of each run (never the run itself).</summary>
    /// <remarks>At least 1: 0 would delete the row of the run that just finished with the rest of the history.</remarks>
    public int KeepJournalDays
    {
        get;
        init => field = value >= 1 ? value : throw new InvalidInputException($"Days of maintenance history to keep must be at least 1 (got {value}).");
    } = 90;

    /// <summary>
    /// lock_timeout of each action (a PostgreSQL interval, e.g. "200ms"): the longest an application statement queues
    /// behind a lock request of maintenance before maintenance gives way and retries.
    /// </summary>
    public string LockTimeout { get; init; } = "200ms";

    /// <summary>Tries per action before it is recorded as skipped (retried by the next run).</summary>
    public int LockAttempts { get; init; } = 10;

    /// <summary>The tasks to run (sparkle_db.maintenance_tasks); null runs every enabled task.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Hot tables analyzed on every run besides every partitioned parent (PHASES.md 009 step 3); task statistics.</summary>
    public IReadOnlyList<string> AnalyzeTables { get; init; } = ["users", "posts", "comments", "messages", "notifications"];

    /// <summary>Rows of each counter table compared with their recount on every run; drift in the sample recounts the whole table.</summary>
    public int CounterSampleRows { get; init; } = 10_000;
}
