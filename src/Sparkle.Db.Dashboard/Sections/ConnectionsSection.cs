using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Client connections against max_connections, grouped by database, user, application and state.</summary>
public sealed record ConnectionsSection(ConnectionSummary Summary, double FlagPercent, IReadOnlyList<ConnectionGroup> Groups);
