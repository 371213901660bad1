namespace Sparkle.Db.Dashboard.Sections;

/// <summary>The benchmark report behind the chart: when and at which scale, each hot query's ratio, and the findings.</summary>
public sealed record BenchmarkSection(bool Available, string? Source, string? GeneratedAtUtc, double? Scale, IReadOnlyList<BenchmarkQuery> Queries, IReadOnlyList<string> Findings);
