using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class TopCreatorsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Active_creators_are_listed_once_with_reputation_tier_and_post_counts()
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var platinum = await TestData.UserAsync(connection, role: "VERIFIED_CREATOR", totalRevenueEarned: 150_000);
        var gold = await TestData.UserAsync(connection, role: "CREATOR", totalRevenueEarned: 20_000);
        var silver = await TestData.UserAsync(connection, role: "CREATOR", totalRevenueEarned: 5_000);
        var bronze = await TestData.UserAsync(connection, role: "CREATOR", totalRevenueEarned: 1_000);
        var notCreator = await TestData.UserAsync(connection, role: "USER");
        var suspended = await TestData.UserAsync(connection, role: "CREATOR", status: "SUSPENDED");
        var deleted = await TestData.UserAsync(connection, role: "CREATOR");
        await Sql.ExecAsync(connection, "UPDATE users SET deleted = true WHERE id = $1", deleted);

        // gold: 2 recent published posts (one featured), 1 published 40 days ago, 1 draft; 2 follows.
        await TestData.PostAsync(connection, gold, featured: true);
        await TestData.PostAsync(connection, gold);
        await TestData.PostAsync(connection, gold, publishedHoursAgo: 40 * 24);
        await TestData.PostAsync(connection, gold, published: false);
        await TestData.FollowAsync(connection, platinum, gold);
        await TestData.FollowAsync(connection, silver, gold);

        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views(ARRAY['top_creators'])");

        var rows = await Sql.RowsAsync(
            connection,
            """
            SELECT t.id, t.creator_tier, t.reputation = calculate_reputation_score(t.id), t.followers, t.posts,
                   t.recent_posts, t.featured_posts, t.achievements
            FROM top_creators t WHERE t.id = ANY($1) ORDER BY t.creator_tier
            """,
            (object)new[] { platinum, gold, silver, bronze, notCreator, suspended, deleted });

        Assert.Equal(
            new[]
            {
                new object?[] { bronze, "bronze", true, 0, 0, 0L, 0L, 0L },
                // FIRST_POST and FIRST_FOLLOWER were granted by the triggers.
                new object?[] { gold, "gold", true, 2, 3, 2L, 1L, 2L },
                new object?[] { platinum, "platinum", true, 0, 0, 0L, 0L, 0L },
                new object?[] { silver, "silver", true, 0, 0, 0L, 0L, 0L },
            },
            rows);
    }

    [Fact]
    public async Task User_reputation_scores_lists_active_users_with_their_live_score()
    {
        await using var connection = await db.OpenAsync();
        var active = await TestData.UserAsync(connection, level: 4);
        var pending = await TestData.UserAsync(connection, status: "PENDING_VERIFICATION");

        var rows = await Sql.RowsAsync(
            connection,
            "SELECT id, reputation_score, calculated_at IS NOT NULL FROM user_reputation_scores WHERE id = ANY($1)",
            (object)new[] { active, pending });

        Assert.Equal(new object?[] { active, 400, true }, Assert.Single(rows));
    }
}
