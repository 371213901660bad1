using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class CalculateReputationScoreTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task User_without_stats_at_level_one_scores_100()
    {
        // Check F-2: the draft fed NULL stats into LEAST and scored 13 100.
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection);

        Assert.Equal(100, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", user));
    }

    [Fact]
    public async Task Score_matches_a_hand_computed_example()
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var user = await TestData.UserAsync(
            connection, role: "VERIFIED_CREATOR", level: 3, verified: true, reputationScore: 7,
            totalRevenueEarned: 123_456_789);
        await TestData.UserStatsAsync(
            connection, user, totalPosts: 150, totalFollowers: 20_000, totalLikesReceived: 40, contentQualityScore: 0.456);
        // Featured posts count whether or not published; unpublished here so no trigger changes the stats.
        await TestData.PostAsync(connection, user, published: false, featured: true);
        var deletedPost = await TestData.PostAsync(connection, user, published: false, featured: true);
        await Sql.ExecAsync(connection, "UPDATE posts SET deleted = true WHERE id = $1", deletedPost);
        await TestData.PostAsync(connection, user, published: false, featured: false);
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO user_achievements (id, "userId", "achievementId", deleted)
            VALUES (gen_random_uuid()::text, $1, 'ach_prolific_writer', false),
                   (gen_random_uuid()::text, $1, 'ach_social_butterfly', false),
                   (gen_random_uuid()::text, $1, 'ach_streak_week', true)
            """,
            user);

        // 7 + 100·3 + 500 + 1000 + 10·100 + 2·40 + 10 000 + 50·2 + 200·1 + 100·0.456 + 123 456 = 136 688.6
        Assert.Equal(136_689, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", user));
    }

    [Fact]
    public async Task Creator_role_adds_500_and_stats_are_capped()
    {
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection, role: "CREATOR");
        await TestData.UserStatsAsync(connection, user, totalPosts: 3, totalFollowers: 5, totalLikesReceived: 5000);

        // 100 + 500 + 30 + 2000 + 5
        Assert.Equal(2635, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", user));
    }

    [Fact]
    public async Task Revenue_beyond_the_integer_range_does_not_overflow()
    {
        // The draft cast "totalRevenueEarned" to integer first and failed above 2 147 483 647.
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection, totalRevenueEarned: 2_500_000_999);

        Assert.Equal(100 + 2_500_000, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", user));
    }

    [Fact]
    public async Task Absurd_revenue_is_clamped_to_the_integer_range()
    {
        await using var connection = await db.OpenAsync();
        var user = await TestData.UserAsync(connection, totalRevenueEarned: long.MaxValue);

        Assert.Equal(int.MaxValue, await Sql.ScalarAsync<int>(connection, "SELECT calculate_reputation_score($1)", user));
    }

    [Fact]
    public async Task Unknown_user_scores_null()
    {
        await using var connection = await db.OpenAsync();

        Assert.Null(await Sql.NullableScalarAsync<int>(connection, "SELECT calculate_reputation_score('no-such-user')"));
    }
}
