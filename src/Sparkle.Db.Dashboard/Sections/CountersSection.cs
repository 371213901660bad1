using Sparkle.Db.Verification;

namespace Sparkle.Db.Dashboard.Sections;

/// <summary>
/// Counter consistency: the results of verify's checks named counters.* (stored counters against a recount).
/// <see cref="Available"/> is false while no such check exists.
/// </summary>
public sealed record CountersSection(bool Available, DateTimeOffset? CheckedAt, IReadOnlyList<CheckResult> Results);
