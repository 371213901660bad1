namespace Sparkle.Db.Monitoring;

/// <summary>
/// Index findings. "Unused" is only as good as the statistics it rests on: <see cref="StatsSince"/> is
/// pg_stat_database.stats_reset (null = never reset since the database was created; then
/// <see cref="DatabaseCreatedOrUnknown"/>), and a fresh reset makes every index look unused.
/// </summary>
public sealed record IndexReport(DateTimeOffset? StatsSince, bool DatabaseCreatedOrUnknown, IReadOnlyList<IndexFinding> Unused, IReadOnlyList<IndexFinding> Duplicate, IReadOnlyList<IndexFinding> Invalid);
