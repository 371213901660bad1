namespace Sparkle.Db.Maintenance;

/// <summary>What a maintenance run does.</summary>
public sealed record MaintenanceOptions
{
    /// <summary>Journal rows older than this are deleted at the end of each run.</summary>
    /// <remarks>At least 1: 0 would delete the row of the run that just finished with the rest of the history.</remarks>
    public int KeepJournalDays
    {
        get;
        init => field = value >= 1 ? value : throw new InvalidInputException($"Days of maintenance history to keep must be at least 1 (got {value}).");
    } = 90;

    /// <summary>Hot tables analyzed on every run besides every partitioned parent (PHASES.md 009 step 3).</summary>
    public IReadOnlyList<string> AnalyzeTables { get; init; } = ["users", "posts", "comments", "messages", "notifications"];

    /// <summary>Rows of each counter table compared with their recount on every run; drift in the sample recounts the whole table.</summary>
    public int CounterSampleRows { get; init; } = 10_000;
}
