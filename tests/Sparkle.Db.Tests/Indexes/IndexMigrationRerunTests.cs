using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class IndexMigrationRerunTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly int[] Versions = [1, 2, 8];

    // R9: a no-transaction file restarts from its first statement after a failure, so every statement of
    // 001, 002 and 008 must succeed again on a database that already has everything.
    [Fact]
    public async Task Phases_001_002_008_apply_again_on_a_migrated_database_without_changes()
    {
        await using var connection = await db.OpenAsync();
        const string Snapshot =
            """
            SELECT string_agg(i.relname || ':' || pg_get_indexdef(i.oid), E'\n' ORDER BY i.relname)
              FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace
             WHERE n.nspname = 'public' AND i.relkind IN ('i', 'I')
            """;
        var before = await connection.ScalarAsync<string>(Snapshot);
        await connection.ExecuteAsync("DELETE FROM sparkle_db.schema_migrations WHERE version = ANY ($1)", Versions);

        var again = MigrationCatalog.FromFiles(MigrationCatalog.Embedded().Migrations
            .Where(m => Versions.Contains(m.Version))
            .SelectMany(m => m.Scripts)
            .Select(s => (s.Path, s.Content)));
        await new MigrationRunner(db.Target, again).MigrateAsync();

        Assert.Equal(before, await connection.ScalarAsync<string>(Snapshot));
        Assert.Equal(3L, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.schema_migrations WHERE version = ANY ($1)", Versions));
    }
}
