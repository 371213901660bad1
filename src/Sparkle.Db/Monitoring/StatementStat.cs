namespace Sparkle.Db.Monitoring;

/// <summary>One normalised statement of pg_stat_statements in this database.</summary>
public sealed record StatementStat(long QueryId, string Query, long Calls, double MeanMs, double TotalMs, long Rows);
