using Sparkle.Db.Verification;

namespace Sparkle.Db.Dashboard;

/// <summary>The counters.* results of verify, or null results when the tool has no counter check.</summary>
internal sealed record CounterReading(DateTimeOffset CheckedAt, IReadOnlyList<CheckResult>? Results);
