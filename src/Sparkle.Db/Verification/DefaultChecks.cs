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
        // Operations: phase objects, V-3, V-1b/V-2 counts, F-12, R6, R8 (V-5 and FK indexes: ExtensionsCheck and
        // ForeignKeyIndexesCheck of branch indexes).
        new PlanObjectsCheck(),
        new ConstraintsValidatedCheck(),
        new MonitoringViewsCheck(),
        new ChecklistCountsCheck(),
        new PartitionCoverageCheck(),
        new SecurityDefinerCheck(),
        new TimeZoneCheck(),
    ];
}
