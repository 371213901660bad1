namespace Sparkle.Db.Dashboard.Sections;

/// <summary>One maintenance run of the journal.</summary>
public sealed record MaintenanceRow(long Id, DateTimeOffset StartedAt, long DurationMs, string Status);
