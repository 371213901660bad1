namespace Sparkle.Db.Migrations;

/// <summary>
/// One file of a changed migration: its checksum as recorded and as it is now (null when the file was added or removed),
/// and, when the journal kept the text it applied, the statements removed and added since.
/// </summary>
public sealed record FileDifference(string Path, string? RecordedChecksum, string? CurrentChecksum, bool RecordedTextAvailable, IReadOnlyList<StatementChange> Statements);
