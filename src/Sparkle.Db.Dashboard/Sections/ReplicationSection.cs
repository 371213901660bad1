using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Standbys and their lag; empty when the server has none.</summary>
public sealed record ReplicationSection(ReplicationStatus Status);
