namespace Sparkle.Db.Migrations;

/// <summary>A row of <c>sparkle_db.schema_migrations</c>.</summary>
public sealed record JournalEntry(int Version, string Name, string Checksum, IReadOnlyDictionary<string, string> FileChecksums, string Mode, DateTimeOffset AppliedAt, long DurationMs);
