using Sparkle.Db.Monitoring;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Where the space goes: the database's size, the largest tables, estimated bloat, sequences near their limit.</summary>
public sealed record SpaceSection(long DatabaseBytes, double BloatRatio, IReadOnlyList<TableSize> Tables, IReadOnlyList<BloatEntry> Bloat,
    IReadOnlyList<SequenceUsage> Sequences, long TransactionIdAge, double TransactionIdPercent);
