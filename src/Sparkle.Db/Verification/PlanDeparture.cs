namespace Sparkle.Db.Verification;

/// <summary>How the database departs from the plan's definition of an index.</summary>
public enum PlanDeparture
{
    /// <summary>Built as planned (operator class and partial predicate may be chosen per docs/INDEXES.md).</summary>
    None,

    /// <summary>Built under the plan's name with a corrected definition.</summary>
    Redefined,

    /// <summary>Deliberately not built.</summary>
    Skipped,
}
