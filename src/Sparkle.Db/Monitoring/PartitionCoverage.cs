namespace Sparkle.Db.Monitoring;

/// <summary>Month coverage of a RANGE-partitioned table from its partitions' bounds (pure, so it is testable without a server).</summary>
public static class PartitionCoverage
{
    /// <summary>DEFAULT partitions are counted up to this many rows: the figure only has to say "empty" or "how bad".</summary>
    public const long DefaultRowsCap = 1_000_000;

    /// <summary>Whether the month of <paramref name="now"/> is covered, and how many consecutive months after it are.</summary>
    /// <param name="bounds">Lower (inclusive) and upper (exclusive) bound of each partition; null stands for MINVALUE/MAXVALUE.</param>
    /// <param name="now">The UTC instant whose month is "this month".</param>
    public static (bool CoversCurrentMonth, int MonthsAhead) Evaluate(IEnumerable<(DateTime? Lower, DateTime? Upper)> bounds, DateTime now)
    {
        var ranges = bounds.ToArray();
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var current = Covered(ranges, month);
        var ahead = 0;

        // A table partitioned up to MAXVALUE would loop forever; ten years is "far enough".
        while (ahead < 120 && Covered(ranges, month.AddMonths(ahead + 1)))
        {
            ahead++;
        }

        return (current, ahead);
    }

    private static bool Covered((DateTime? Lower, DateTime? Upper)[] ranges, DateTime monthStart) =>
        ranges.Any(r => (r.Lower is not { } lower || lower <= monthStart) && (r.Upper is not { } upper || upper >= monthStart.AddMonths(1)));
}
