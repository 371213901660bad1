namespace Sparkle.Db.Migrations;

/// <summary>Where one migration stands against a database.</summary>
public enum MigrationState
{
    /// <summary>In the journal with the same checksum.</summary>
    Applied,

    /// <summary>Not yet in the journal.</summary>
    Pending,

    /// <summary>In the journal, but the file's content changed since it was applied.</summary>
    Changed,

    /// <summary>In the journal, but no longer among the tool's migrations.</summary>
    Unknown,
}

/// <summary>One line of <c>sparkle-db status</c>.</summary>
public sealed record MigrationStatusEntry(
    int Version,
    string Name,
    MigrationState State,
    string Mode,
    DateTimeOffset? AppliedAt,
    long? DurationMs,
    IReadOnlyList<string> ChangedFiles,
    bool HasDownScript);

/// <summary>What a run did.</summary>
public sealed record MigrationRunResult(
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> HealedIndexes,
    bool DryRun);

/// <summary>One migration applied (or, in a dry run, that would be).</summary>
public sealed record AppliedMigration(int Version, string Name, string Mode, int Statements, TimeSpan Duration);
