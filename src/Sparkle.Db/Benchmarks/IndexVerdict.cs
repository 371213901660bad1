namespace Sparkle.Db.Benchmarks;

/// <summary>
/// What the benchmark says about one index: the queries it was meant for and their ratio against the data model's own
/// indexes, or the hot queries whose plans used it, or that none did. <see cref="Class"/> is the best ratio class of
/// the queries it was meant for (null when it was meant for none).
/// </summary>
public sealed record IndexVerdict(string Index, string Verdict, RatioClass? Class);
