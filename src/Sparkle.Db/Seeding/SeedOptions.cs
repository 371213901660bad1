namespace Sparkle.Db.Seeding;

/// <summary>How much data to make and from which seed.</summary>
public sealed record SeedOptions
{
    /// <summary>The fixed default anchor: every time is "some time before" it, never the wall clock.</summary>
    public static readonly DateTime DefaultNow = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>1 ≈ 10k users, 100k posts, 1M messages, 1M notifications; fractions for tests.</summary>
    public double Scale { get; init; } = 0.01;

    public long Seed { get; init; } = 1;

    /// <summary>The UTC instant the data is "as of" (written into timestamp(3) columns as UTC wall-clock time).</summary>
    public DateTime Now { get; init; } = DefaultNow;

    /// <summary>
    /// Run COPY with <c>session_replication_role = replica</c> (row triggers and FK triggers off; needs a
    /// superuser) and recompute the derived counters afterwards. Null: when the role is a superuser.
    /// </summary>
    public bool? FastLoad { get; init; }
}
