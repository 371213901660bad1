using Sparkle.Db.Migrations;

namespace Sparkle.Db.Verification;

/// <summary>The list of checks, in the order they are reported. Each phase's checks are added here.</summary>
internal static class DefaultChecks
{
    public static IReadOnlyList<ICheck> For(MigrationCatalog catalog) =>
    [
        new MigrationsAppliedCheck(catalog),
        new NoInvalidIndexesCheck(),
        // Operations (phase 009 and the post-implementation checks V-1..V-6, F-12).
        new PlanObjectsCheck(),
        new ConstraintsValidatedCheck(),
        new StatStatementsCheck(),
        new MonitoringViewsCheck(),
        new ChecklistCountsCheck(),
        new PartitionCoverageCheck(),
        new SecurityDefinerCheck(),
        new ForeignKeyIndexesCheck(),
        new TimeZoneCheck(),
    ];
}
