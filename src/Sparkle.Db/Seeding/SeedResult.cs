namespace Sparkle.Db.Seeding;

/// <summary>What a seed run wrote: rows per table (as generated), time, and whether triggers were bypassed.</summary>
public sealed record SeedResult(IReadOnlyDictionary<string, long> Rows, TimeSpan Elapsed, bool FastLoad, TimeSpan CounterTime)
{
    public long TotalRows => Rows.Values.Sum();

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? TotalRows / Elapsed.TotalSeconds : 0;
}
