namespace Sparkle.Db.Monitoring;

/// <summary>
/// Slowest (by mean) and most frequent statements. <see cref="Unavailable"/> says why there are none when
/// pg_stat_statements cannot be read; <see cref="StatsSince"/> is its last reset.
/// </summary>
public sealed record StatementReport(string? Unavailable, DateTimeOffset? StatsSince, IReadOnlyList<StatementStat> Slowest, IReadOnlyList<StatementStat> MostFrequent);
