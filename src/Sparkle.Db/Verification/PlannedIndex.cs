namespace Sparkle.Db.Verification;

/// <summary>One index the plan names (or a foreign-key index the project adds), as the database should hold it.</summary>
/// <param name="Origin">The phase that builds it.</param>
/// <param name="Number">Its number in the plan's table (0 for foreign-key indexes).</param>
/// <param name="Name">The index name, exactly as in the catalog.</param>
/// <param name="Table">The table in schema public.</param>
/// <param name="Method">The access method (<c>btree</c> or <c>gin</c>).</param>
/// <param name="Departure">How it departs from the plan.</param>
/// <param name="Reason">Why, for a departure; the evidence is in docs/INDEXES.md.</param>
public sealed record PlannedIndex(
    IndexOrigin Origin,
    int Number,
    string Name,
    string Table,
    string Method,
    PlanDeparture Departure = PlanDeparture.None,
    string? Reason = null)
{
    /// <summary>False for an index the project deliberately does not build.</summary>
    public bool ShouldExist => Departure != PlanDeparture.Skipped;
}
