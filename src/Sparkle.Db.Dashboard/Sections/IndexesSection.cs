namespace Sparkle.Db.Dashboard.Sections;

/// <summary>Invalid, duplicate and unused indexes and the largest ones, each with the benchmark's verdict where it has one.</summary>
public sealed record IndexesSection(DateTimeOffset? StatsSince, bool NeverReset, string? BenchReport,
    IReadOnlyList<IndexRow> Invalid, IReadOnlyList<IndexRow> Duplicate, IReadOnlyList<IndexRow> Unused, IReadOnlyList<IndexRow> Largest);
