using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class CheckAchievementEligibilityTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // Check F-9: every code reaches eligibility exactly at its threshold.
    [Theory]
    [InlineData("FIRST_POST", "totalPosts", 1)]
    [InlineData("PROLIFIC_WRITER", "totalPosts", 50)]
    [InlineData("FIRST_FOLLOWER", "totalFollowers", 1)]
    [InlineData("SOCIAL_BUTTERFLY", "totalFollowers", 100)]
    [InlineData("INFLUENCER", "totalFollowers", 1000)]
    [InlineData("STREAK_WEEK", "streakDays", 7)]
    [InlineData("STREAK_MONTH", "streakDays", 30)]
    [InlineData("WELL_LIKED", "totalLikesReceived", 100)]
    public async Task Stats_rule_is_true_at_its_threshold_and_false_below(string code, string column, int threshold)
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var below = await TestData.UserAsync(connection);
        var at = await TestData.UserAsync(connection);
        foreach (var (user, value) in new[] { (below, threshold - 1), (at, threshold) })
        {
            await Sql.ExecAsOwnerAsync(
                connection,
                $"""INSERT INTO user_stats (id, "userId", "{column}", "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, now() AT TIME ZONE 'UTC')""",
                user, value);
        }

        Assert.False(await EligibleAsync(connection, below, code));
        Assert.True(await EligibleAsync(connection, at, code));
    }

    [Fact]
    public async Task Level_10_rule_reads_the_user_level()
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var nine = await TestData.UserAsync(connection, level: 9);
        var ten = await TestData.UserAsync(connection, level: 10);

        Assert.False(await EligibleAsync(connection, nine, "LEVEL_10"));
        Assert.True(await EligibleAsync(connection, ten, "LEVEL_10"));
    }

    [Fact]
    public async Task Held_achievement_is_not_eligible_even_when_the_holding_is_soft_deleted()
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var user = await TestData.UserAsync(connection);
        await TestData.UserStatsAsync(connection, user, streakDays: 10);
        Assert.True(await EligibleAsync(connection, user, "STREAK_WEEK"));

        // The app records progress toward an achievement in the holding's row: progress below 1 is not a holding.
        await Sql.ExecAsync(
            connection,
            """INSERT INTO user_achievements (id, "userId", "achievementId", progress) VALUES (gen_random_uuid()::text, $1, 'ach_streak_week', 0.4)""",
            user);
        Assert.True(await EligibleAsync(connection, user, "STREAK_WEEK"));

        await Sql.ExecAsync(connection, """UPDATE user_achievements SET progress = 1 WHERE "userId" = $1""", user);
        Assert.False(await EligibleAsync(connection, user, "STREAK_WEEK"));

        await Sql.ExecAsync(
            connection,
            """UPDATE user_achievements SET deleted = true WHERE "userId" = $1""",
            user);
        Assert.False(await EligibleAsync(connection, user, "STREAK_WEEK"));
    }

    [Fact]
    public async Task Missing_stats_unknown_code_deleted_achievement_and_unknown_user_are_not_eligible()
    {
        await using var connection = await db.OpenAsync();
        await TestData.AchievementsAsync(connection);
        var withoutStats = await TestData.UserAsync(connection);
        var user = await TestData.UserAsync(connection);
        await TestData.UserStatsAsync(connection, user, totalPosts: 500, streakDays: 500);
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO achievements (id, code, name, deleted, "updatedAt")
            VALUES ('ach_retired', 'RETIRED', 'Retired', true, now() AT TIME ZONE 'UTC'),
                   ('ach_custom', 'CUSTOM_RULE', 'Custom', false, now() AT TIME ZONE 'UTC')
            ON CONFLICT (code) DO NOTHING
            """);

        Assert.False(await EligibleAsync(connection, withoutStats, "FIRST_POST"));
        Assert.False(await EligibleAsync(connection, user, "NO_SUCH_CODE"));
        Assert.False(await EligibleAsync(connection, user, "RETIRED"));
        Assert.False(await EligibleAsync(connection, user, "CUSTOM_RULE"));
        Assert.False(await EligibleAsync(connection, "no-such-user", "FIRST_POST"));
    }

    private static Task<bool> EligibleAsync(Npgsql.NpgsqlConnection connection, string user, string code) =>
        Sql.ScalarAsync<bool>(connection, "SELECT check_achievement_eligibility($1, $2)", user, code);
}
