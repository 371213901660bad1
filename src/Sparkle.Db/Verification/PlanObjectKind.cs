namespace Sparkle.Db.Verification;

/// <summary>The catalog kinds of object the plan names.</summary>
public enum PlanObjectKind
{
    Extension,
    Table,
    Column,
    Index,
    Function,
    MaterializedView,
    View,
    Trigger,
    PartitionedTable,
    Role,
}
