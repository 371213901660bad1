using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>The page header: which database, which server, when it was read, and whether actions are allowed.</summary>
public sealed record OverviewSection(string Database, string Server, string ServerVersion, long SizeBytes, DateTimeOffset StartedAt,
    DateTimeOffset MeasuredAt, bool ActionsAllowed, MonitorThresholds Thresholds, IReadOnlyList<string> Notes);
