using Sparkle.Db.Migrations;

namespace Sparkle.Db.Verification;

/// <summary>The list of checks, in the order they are reported. Each phase's checks are added here.</summary>
internal static class DefaultChecks
{
    public static IReadOnlyList<ICheck> For(MigrationCatalog catalog) =>
    [
        new MigrationsAppliedCheck(catalog),
        new NoInvalidIndexesCheck(),
        new ExtensionsCheck(),
        new PlannedIndexesCheck(),
        new ForeignKeyIndexesCheck(),
        new PlanObjectsCheck(),
        new ConstraintsValidatedCheck(),
        new MonitoringViewsCheck(),
        new ChecklistCountsCheck(),
        new PartitionCoverageCheck(),
        new SecurityDefinerCheck(),
        new FunctionPrivilegesCheck(),
        new TimeZoneCheck(),
        new CounterConsistencyCheck(),
    ];
}
