namespace Sparkle.Db.Monitoring;

/// <summary>Estimated bloat of a table (Index null) or index, from the 009 views table_bloat / index_bloat.</summary>
public sealed record BloatEntry(string Table, string? Index, long BloatBytes, double Ratio);
