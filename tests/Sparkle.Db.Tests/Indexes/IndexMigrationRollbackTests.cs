using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class IndexMigrationRollbackTests(EmptyDatabaseFixture db) : IClassFixture<EmptyDatabaseFixture>
{
    private const string PlanObjects =
        """
        SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('i', 'I')
                   AND (c.relname LIKE 'idx\_%' OR c.relname = ANY ($1)))
             + (SELECT count(*) FROM pg_views WHERE schemaname = 'public'
                   AND viewname IN ('json_index_report', 'gin_index_summary', 'json_column_coverage', 'index_usage_stats'))
             + (SELECT count(*) FROM pg_proc WHERE proname IN ('find_unused_indexes', 'analyze_index_effectiveness'))
             + (SELECT count(*) FROM pg_extension WHERE extname IN ('btree_gin', 'pgstattuple', 'pg_stat_statements'))
        """;

    // 000, 001, 002 and 008 alone: the down scripts of 001/002/008 must undo exactly what they built,
    // and the phases must apply again afterwards.
    [Fact]
    public async Task Phases_001_002_008_roll_back_to_the_base_schema_and_apply_again()
    {
        var catalog = MigrationCatalog.FromFiles(MigrationCatalog.Embedded().Migrations
            .Where(m => m.Version is 0 or 1 or 2 or 8)
            .SelectMany(m => m.Down is null ? m.Scripts : [.. m.Scripts, m.Down])
            .Select(s => (s.Path, s.Content)));
        var runner = new MigrationRunner(db.Target, catalog);
        var foreignKeyIndexes = PlanIndexes.All
            .Where(i => i.Origin == IndexOrigin.ForeignKey).Select(i => i.Name).ToArray();
        await using var connection = await db.OpenAsync();

        await runner.MigrateAsync();
        var built = await connection.ScalarAsync<long>(PlanObjects, (object)foreignKeyIndexes);
        await runner.RollbackToAsync(0);
        var afterRollback = await connection.ScalarAsync<long>(PlanObjects, (object)foreignKeyIndexes);
        var appReadsAfterRollback = await connection.ScalarAsync<bool>("SELECT has_table_privilege('sparkle_app', 'public.users', 'SELECT')");
        await runner.MigrateAsync();

        // 55 plan indexes (44 of 002, 11 of 008; D100) + 2 for the app's notification list and latest feed (D104)
        // + 16 foreign-key indexes + 4 views + 2 functions + 3 extensions.
        Assert.Equal(82L, built);
        Assert.Equal(0L, afterRollback);
        Assert.Equal(built, await connection.ScalarAsync<long>(PlanObjects, (object)foreignKeyIndexes));
        Assert.False(appReadsAfterRollback);
    }
}
