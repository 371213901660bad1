namespace Sparkle.Db.Monitoring;

/// <summary>An index with its size and scans (a partitioned index's partitions summed up to it); <see cref="Kind"/> is primary, unique or index.</summary>
public sealed record IndexSize(string Table, string Index, string Kind, long SizeBytes, long Scans);
