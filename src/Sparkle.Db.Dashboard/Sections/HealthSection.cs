using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Health at a glance: every check with its colour and threshold.</summary>
public sealed record HealthSection(DateTimeOffset MeasuredAt, IReadOnlyList<HealthCheck> Checks);
