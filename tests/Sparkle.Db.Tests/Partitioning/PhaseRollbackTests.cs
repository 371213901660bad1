using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

public sealed class PhaseRollbackTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // The down scripts of 007 then 006 restore Prisma's plain tables with every row, and the phases apply
    // again afterwards. (Later phases are left in place: their own downs are theirs to test.)
    [Fact]
    public async Task Down_scripts_restore_plain_tables_with_their_rows_and_the_phases_apply_again()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, "updatedAt") VALUES ('rb-user', 'rb@example.test', 'rb_user', now() AT TIME ZONE 'UTC');
            INSERT INTO xp_logs (id, "userId", amount, source, "totalXp", "createdAt") VALUES
                ('rb-1', 'rb-user', 3, 'test', 3, '2024-02-02'), ('rb-2', 'rb-user', 4, 'test', 7, now() AT TIME ZONE 'UTC');
            """);
        var catalog = MigrationCatalog.Embedded();
        string Down(int version) => catalog.Migrations.Single(m => m.Version == version).Down!.Content;

        await connection.ExecuteAsync(Down(7));
        await connection.ExecuteAsync(Down(6));

        Assert.Equal("r", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.xp_logs'::regclass"));
        Assert.Equal("PRIMARY KEY (id)", await connection.ScalarAsync<string>(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'xp_logs_pkey'"));
        Assert.Equal(7, await connection.ScalarAsync<long>("SELECT sum(amount) FROM xp_logs WHERE \"userId\" = 'rb-user'"));
        Assert.False(await connection.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.posts'::regclass AND attname = 'search_vector')"));

        await connection.ExecuteAsync("DELETE FROM sparkle_db.schema_migrations WHERE version IN (6, 7)");
        var again = MigrationCatalog.FromFiles(catalog.Migrations
            .Where(m => m.Version is 6 or 7)
            .SelectMany(m => m.Scripts)
            .Select(s => (s.Path, s.Content)));
        await new MigrationRunner(db.Target, again).MigrateAsync();

        Assert.Equal("xp_logs_2024_02", await connection.ScalarAsync<string>("SELECT tableoid::regclass::text FROM xp_logs WHERE id = 'rb-1'"));
        Assert.Equal("p", await connection.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'public.xp_logs'::regclass"));
    }
}
