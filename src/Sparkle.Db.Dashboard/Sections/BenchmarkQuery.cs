using Sparkle.Db.Benchmarks;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>One hot query of the benchmark: its ratio against the data model's indexes and whether the plan used its intended index.</summary>
public sealed record BenchmarkQuery(int Number, string Name, string Kind, string IntendedIndex, bool OnIntendedIndex, double? Ratio, RatioClass Class, double PlanP50Ms);
