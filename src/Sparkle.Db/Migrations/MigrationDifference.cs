namespace Sparkle.Db.Migrations;

/// <summary>An applied migration whose files changed since: the checksum the journal holds, the one the files have now, and each file's change.</summary>
public sealed record MigrationDifference(int Version, string Name, string RecordedChecksum, string CurrentChecksum, IReadOnlyList<FileDifference> Files)
{
    public string DisplayName => $"{Version:000}_{Name}";
}
