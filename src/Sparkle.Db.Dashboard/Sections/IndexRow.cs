using Sparkle.Db.Benchmarks;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>An index on the page: its problem (unused, duplicate, invalid) or kind, size, scans, and the benchmark's verdict.</summary>
public sealed record IndexRow(string Table, string Index, string Problem, long SizeBytes, long Scans, string? Detail, string? Verdict, RatioClass? VerdictClass);
