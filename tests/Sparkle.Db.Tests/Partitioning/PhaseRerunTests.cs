using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

public sealed class PhaseRerunTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly int[] Versions = [6, 7];

    // R9: both phases apply again on a database that has them, and change nothing: no table is converted
    // twice, no partition, index, trigger or column appears or disappears.
    [Fact]
    public async Task Phases_006_and_007_apply_again_on_a_migrated_database_without_changes()
    {
        await using var connection = await db.OpenAsync();
        const string Snapshot =
            """
            SELECT (SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, E'\n' ORDER BY n.nspname, c.relname)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname IN ('public', 'sparkle_archive'))
                || (SELECT string_agg(pg_get_triggerdef(t.oid), E'\n' ORDER BY t.tgrelid::regclass::text, t.tgname)
                      FROM pg_trigger t WHERE NOT t.tgisinternal)
                || (SELECT count(*) FROM sparkle_db.partition_conversions)::text
            """;
        var before = await connection.ScalarAsync<string>(Snapshot);
        await connection.ExecuteAsync("DELETE FROM sparkle_db.schema_migrations WHERE version = ANY ($1)", Versions);

        var again = MigrationCatalog.FromFiles(MigrationCatalog.Embedded().Migrations
            .Where(m => Versions.Contains(m.Version))
            .SelectMany(m => m.Scripts)
            .Select(s => (s.Path, s.Content)));
        await new MigrationRunner(db.Target, again).MigrateAsync();

        Assert.Equal(before, await connection.ScalarAsync<string>(Snapshot));
    }
}
