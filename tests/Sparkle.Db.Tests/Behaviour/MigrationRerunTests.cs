using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class MigrationRerunTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Phase_runs_again_cleanly_on_a_migrated_database(int version)
    {
        var migration = MigrationCatalog.Embedded().Migrations.Single(m => m.Version == version);
        await using var connection = await db.OpenAsync();
        var before = await InventoryAsync(connection);

        for (var run = 0; run < 2; run++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var statement in migration.Scripts.SelectMany(s => s.Statements))
            {
                await Sql.ExecAsync(connection, statement.Text);
            }

            await transaction.CommitAsync();
        }

        Assert.Equal(before, await InventoryAsync(connection));
    }

    [Fact]
    public async Task Down_scripts_remove_phases_005_to_003_and_the_phases_apply_again()
    {
        var migrations = MigrationCatalog.Embedded().Migrations.Where(m => m.Version is >= 3 and <= 5).ToArray();
        await using var connection = await db.OpenAsync();
        var before = await InventoryAsync(connection);

        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var migration in migrations.OrderByDescending(m => m.Version))
        {
            foreach (var statement in migration.Down!.Statements)
            {
                await Sql.ExecAsync(connection, statement.Text);
            }
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(
            connection,
            """
            SELECT (SELECT count(*) FROM pg_proc WHERE proname IN ('calculate_user_level', 'refresh_materialized_views', 'grant_achievement'))
                 + (SELECT count(*) FROM pg_matviews WHERE schemaname = 'public')
                 + (SELECT count(*) FROM pg_trigger t
                    WHERE NOT t.tgisinternal
                      AND (t.tgname LIKE ANY (ARRAY['enforce_soft_delete\_%', 'update\_updated\_at\_%', 'maintain\_%', 'track\_%'])
                           OR t.tgname = 'user_level_progression'))
            """));

        foreach (var statement in migrations.SelectMany(m => m.Scripts).SelectMany(s => s.Statements))
        {
            await Sql.ExecAsync(connection, statement.Text);
        }

        Assert.Equal(before, await InventoryAsync(connection));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Phase_005_creates_the_listed_triggers()
    {
        await using var connection = await db.OpenAsync();

        // 19 soft-delete + 44 updatedAt + 22 counter/achievement triggers (D61 splits them per event).
        Assert.Equal(85L, await Sql.ScalarAsync<long>(
            connection,
            """
            SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND t.tgparentid = 0  -- not the clones on partitions (phase 007)
              AND p.proname IN ('enforce_soft_delete', 'update_updated_at_column',
                'update_user_post_count', 'update_follower_counts', 'check_user_level_progression',
                'track_achievement_progress', 'maintain_post_stats')
            """));
    }

    /// <summary>Counts of the objects 003–005 own: functions, triggers, materialized views and their indexes.</summary>
    private static async Task<string> InventoryAsync(Npgsql.NpgsqlConnection connection) =>
        await Sql.ScalarAsync<string>(
            connection,
            """
            SELECT concat_ws(' ',
                (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'),
                (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),
                (SELECT count(*) FROM pg_matviews WHERE schemaname = 'public'),
                (SELECT count(*) FROM pg_indexes i JOIN pg_matviews m ON m.matviewname = i.tablename AND m.schemaname = i.schemaname),
                (SELECT count(*) FROM pg_views WHERE viewname = 'user_reputation_scores'))
            """);
}
