using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

/// <summary>The triggers and functions of 003–005 work for the application role, which owns nothing.</summary>
public sealed class ApplicationRoleTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Application_role_can_fire_every_trigger_path()
    {
        await using var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        await TestData.AchievementsAsync(connection);
        // The table privileges phase 001 gives the role (repeated here so this test does not depend on it).
        await Sql.ExecAsync(connection, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sparkle_app");

        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecAsync(connection, "SET LOCAL ROLE sparkle_app");
        var author = await TestData.UserAsync(connection);
        var fan = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, fan);
        await TestData.CommentAsync(connection, post, fan);
        await TestData.BookmarkAsync(connection, post, fan);
        await TestData.FollowAsync(connection, fan, author);
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 1200 WHERE id = $1", author);
        await Sql.ExecAsync(connection, "UPDATE posts SET deleted = true WHERE id = $1", post);
        await Sql.ExecAsync(connection, "SELECT update_post_stats($1)", post);

        Assert.Equal(5, await Sql.ScalarAsync<int>(connection, "SELECT level FROM users WHERE id = $1", author));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM user_achievements WHERE "userId" = $1""", author));
        // 100·5 (level) + 2·1 (like) + 1 (follower) + 50·2 (FIRST_POST, FIRST_FOLLOWER); the post is soft-deleted.
        Assert.Equal(603, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", author));
    }

    [Fact]
    public async Task Functions_pin_their_search_path_and_are_not_executable_by_public()
    {
        await using var connection = await db.OpenAsync();
        var functions = new[]
        {
            "calculate_user_level", "calculate_engagement_rate", "update_post_stats", "calculate_reputation_score",
            "validate_soft_delete", "check_achievement_eligibility", "refresh_materialized_views", "grant_achievement",
            "enforce_soft_delete", "update_updated_at_column", "maintain_post_counters", "maintain_follow_counters",
            "maintain_reaction_counters", "maintain_comment_counters", "maintain_link_counters", "release_deleted_post",
            "release_deleted_comment", "check_user_level_progression", "queue_level_up", "settle_level_up", "track_achievement_progress",
            "apply_user_stats_delta", "apply_post_stats_delta", "credit_user_balance",
        };

        var rows = await Sql.RowsAsync(
            connection,
            """
            SELECT p.proname::text,
                   CASE WHEN p.prosecdef THEN 'search_path=pg_catalog, public, pg_temp' = ANY (p.proconfig)
                        ELSE EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=pg\_catalog%') END,
                   EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.proname = ANY($1)
            ORDER BY 1
            """,
            (object)functions);

        Assert.Equal(functions.Order(StringComparer.Ordinal), rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(new object?[] { r[0], true, false }, r));
    }
}
