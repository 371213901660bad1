namespace Sparkle.Db.Monitoring;

/// <summary>An index worth a look: unused (no scan since the statistics reset), duplicate (same definition as another), or invalid.</summary>
public sealed record IndexFinding(string Problem, string Table, string Index, long SizeBytes, long Scans, string? Detail);
