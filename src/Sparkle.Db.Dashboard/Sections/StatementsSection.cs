using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Slow (by mean time) and frequent statements of pg_stat_statements in this database.</summary>
public sealed record StatementsSection(string? Unavailable, DateTimeOffset? StatsSince, double SlowMeanMs, long FrequentCalls,
    IReadOnlyList<StatementStat> Slowest, IReadOnlyList<StatementStat> MostFrequent);
