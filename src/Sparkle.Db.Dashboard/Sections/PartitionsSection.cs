using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Partitioned tables: coverage months ahead, rows in DEFAULT, retention policy.</summary>
public sealed record PartitionsSection(int MonthsWanted, IReadOnlyList<PartitionedTable> Tables);
