using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

/// <summary>grant_achievement and the track_*_achievements triggers: every code granted exactly once.</summary>
public sealed class AchievementTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Granting_twice_notifies_and_rewards_once()
    {
        // Check F-8, first half.
        await using var connection = await PrepareAsync();
        var user = await TestData.UserAsync(connection);

        await Sql.ExecAsync(connection, "SELECT grant_achievement($1, 'WELL_LIKED')", user);
        await Sql.ExecAsync(connection, "SELECT grant_achievement($1, 'WELL_LIKED')", user);

        Assert.Equal((1, 1, 7, 1), await RewardsAsync(connection, user, "WELL_LIKED"));
        var notification = (await Sql.RowsAsync(
            connection,
            """SELECT title, message, "entityId", "entityType", "imageUrl", priority FROM notifications WHERE "userId" = $1""",
            user)).Single();
        Assert.Equal(
            new object?[] { "Achievement Unlocked!", "You unlocked: Well Liked", "ach_well_liked", "achievement", "icon-well_liked", 1 },
            notification);
        var holding = (await Sql.RowsAsync(
            connection,
            """SELECT length(id), progress, notified, "claimedRewards", "unlockedAt" IS NOT NULL FROM user_achievements WHERE "userId" = $1""",
            user)).Single();
        Assert.Equal(new object?[] { 36, 1.0, false, false, true }, holding);
    }

    [Fact]
    public async Task Granting_after_the_holding_was_soft_deleted_does_nothing()
    {
        // Check F-8, second half (decision D5).
        await using var connection = await PrepareAsync();
        var user = await TestData.UserAsync(connection);
        await Sql.ExecAsync(connection, "SELECT grant_achievement($1, 'FIRST_POST')", user);
        await Sql.ExecAsync(connection, """UPDATE user_achievements SET deleted = true WHERE "userId" = $1""", user);

        await Sql.ExecAsync(connection, "SELECT grant_achievement($1, 'FIRST_POST')", user);
        await TestData.PostAsync(connection, user);

        Assert.Equal((1, 1, 5, 0), await RewardsAsync(connection, user, "FIRST_POST"));
    }

    [Fact]
    public async Task First_post_and_prolific_writer_are_granted_once_on_insert_and_on_publish()
    {
        await using var connection = await PrepareAsync();
        var author = await TestData.UserAsync(connection);
        var draft = await TestData.PostAsync(connection, author, published: false);
        Assert.Equal(0, await HoldingsAsync(connection, author, "FIRST_POST"));

        // Posts are created as drafts: publishing grants.
        await Sql.ExecAsync(connection, """UPDATE posts SET published = true, "publishedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1""", draft);
        Assert.Equal(1, await HoldingsAsync(connection, author, "FIRST_POST"));

        for (var i = 0; i < 3; i++)
        {
            await Sql.ExecAsync(connection, "UPDATE posts SET published = NOT published WHERE id = $1", draft);
        }

        await TestData.PostAsync(connection, author);
        Assert.Equal((1, 1, 5, 0), await RewardsAsync(connection, author, "FIRST_POST"));

        // 50 published posts in one statement reach PROLIFIC_WRITER exactly once.
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO posts (id, slug, title, content, "authorId", published, "publishedAt", "updatedAt")
            SELECT $1 || i, $1 || i, 't', '{}'::jsonb, $2, true, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
            FROM generate_series(1, 50) i
            """,
            TestData.NewId("p"), author);
        await TestData.PostAsync(connection, author);
        Assert.Equal(1, await HoldingsAsync(connection, author, "PROLIFIC_WRITER"));
    }

    [Fact]
    public async Task Follow_achievements_are_granted_at_their_thresholds_once()
    {
        await using var connection = await PrepareAsync();
        var star = await TestData.UserAsync(connection);
        var fans = TestData.NewId("fan");
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO users (id, email, username, status)
            SELECT $1 || i, $1 || i || '@example.test', left($1 || i, 50), 'ACTIVE' FROM generate_series(1, 1000) i
            """,
            fans);

        await FollowRangeAsync(connection, fans, star, 1, 1);
        Assert.Equal(1, await HoldingsAsync(connection, star, "FIRST_FOLLOWER"));
        Assert.Equal(0, await HoldingsAsync(connection, star, "SOCIAL_BUTTERFLY"));

        await FollowRangeAsync(connection, fans, star, 2, 99);
        Assert.Equal(0, await HoldingsAsync(connection, star, "SOCIAL_BUTTERFLY"));
        await FollowRangeAsync(connection, fans, star, 100, 100);
        Assert.Equal(1, await HoldingsAsync(connection, star, "SOCIAL_BUTTERFLY"));

        await FollowRangeAsync(connection, fans, star, 101, 999);
        Assert.Equal(0, await HoldingsAsync(connection, star, "INFLUENCER"));
        await FollowRangeAsync(connection, fans, star, 1000, 1000);

        // Unfollow and follow again: nothing is granted a second time.
        await Sql.ExecAsync(connection, """DELETE FROM follows WHERE "followingId" = $1 AND "followerId" = $2 || '1'""", star, fans);
        await FollowRangeAsync(connection, fans, star, 1, 1);
        Assert.Equal(1, await HoldingsAsync(connection, star, "FIRST_FOLLOWER"));
        Assert.Equal(1, await HoldingsAsync(connection, star, "SOCIAL_BUTTERFLY"));
        Assert.Equal(1, await HoldingsAsync(connection, star, "INFLUENCER"));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM notifications WHERE "userId" = $1""", star));
    }

    [Fact]
    public async Task Streak_achievements_are_granted_when_streak_days_reach_7_and_30()
    {
        await using var connection = await PrepareAsync();
        var user = await TestData.UserAsync(connection);
        await TestData.UserStatsAsync(connection, user, streakDays: 5);

        var weekReached = false;
        var monthReached = false;
        foreach (var days in new[] { 6, 7, 8, 0, 7, 29, 30, 31, 0, 40 })
        {
            await Sql.ExecAsync(connection, """UPDATE user_stats SET "streakDays" = $2 WHERE "userId" = $1""", user, days);
            weekReached |= days >= 7;
            monthReached |= days >= 30;
            Assert.Equal(weekReached ? 1 : 0, await HoldingsAsync(connection, user, "STREAK_WEEK"));
            Assert.Equal(monthReached ? 1 : 0, await HoldingsAsync(connection, user, "STREAK_MONTH"));
        }
    }

    [Fact]
    public async Task Well_liked_counts_reactions_of_others_and_is_granted_once()
    {
        await using var connection = await PrepareAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        var likers = await LikersAsync(connection, 100);

        // Self-reactions do not count (decision D6).
        foreach (var type in new[] { "LIKE", "LOVE", "FIRE" })
        {
            await TestData.ReactAsync(connection, post, author, type);
        }

        await ReactRangeAsync(connection, post, likers, 1, 99);
        Assert.Equal(99, await LikesReceivedAsync(connection, author));
        Assert.Equal(0, await HoldingsAsync(connection, author, "WELL_LIKED"));

        await ReactRangeAsync(connection, post, likers, 100, 100);
        Assert.Equal(1, await HoldingsAsync(connection, author, "WELL_LIKED"));

        // Removing a reaction takes it back; reaching 100 again grants nothing more.
        await Sql.ExecAsync(connection, """DELETE FROM reactions WHERE "postId" = $1 AND "userId" = $2 || '100'""", post, likers);
        Assert.Equal(99, await LikesReceivedAsync(connection, author));
        await ReactRangeAsync(connection, post, likers, 100, 100);
        Assert.Equal((1, 1, 7, 1), await RewardsAsync(connection, author, "WELL_LIKED"));
    }

    [Fact]
    public async Task A_threshold_crossed_inside_one_statement_or_by_single_likes_grants_once()
    {
        // The triggers check an achievement only where a counter crosses its threshold (D97): one statement carrying
        // the count from 98 to 103 crosses it; single-row likes beyond it, the app's shape, grant nothing more.
        await using var connection = await PrepareAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        var likers = await LikersAsync(connection, 110);

        await ReactRangeAsync(connection, post, likers, 1, 98);
        Assert.Equal(0, await HoldingsAsync(connection, author, "WELL_LIKED"));
        await ReactRangeAsync(connection, post, likers, 99, 103);
        Assert.Equal(103, await LikesReceivedAsync(connection, author));
        Assert.Equal(1, await HoldingsAsync(connection, author, "WELL_LIKED"));
        for (var i = 104; i <= 110; i++)
        {
            await ReactRangeAsync(connection, post, likers, i, i);
        }

        // Independent oracle: the likes of others, counted from reactions.
        Assert.Equal(
            await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM reactions WHERE "postId" = $1 AND "userId" <> $2""", post, author),
            (long)await LikesReceivedAsync(connection, author));
        Assert.Equal((1, 1, 7, 1), await RewardsAsync(connection, author, "WELL_LIKED"));
    }

    [Fact]
    public async Task Level_10_is_granted_once_when_the_level_reaches_10()
    {
        await using var connection = await PrepareAsync();
        var user = await TestData.UserAsync(connection);

        await Sql.ExecAsync(connection, "UPDATE users SET experience = 4999 WHERE id = $1", user);
        Assert.Equal(0, await HoldingsAsync(connection, user, "LEVEL_10"));
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 5000 WHERE id = $1", user);
        await Sql.ExecAsync(connection, "UPDATE users SET experience = 6000 WHERE id = $1", user);

        Assert.Equal(10, await Sql.ScalarAsync<int>(connection, "SELECT level FROM users WHERE id = $1", user));
        Assert.Equal(1, await HoldingsAsync(connection, user, "LEVEL_10"));
    }

    [Fact]
    public async Task Xp_reward_of_an_achievement_is_logged_and_can_level_the_user_up()
    {
        await using var connection = await PrepareAsync();
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO achievements (id, code, name, "xpReward", "updatedAt")
            VALUES ('ach_xp_test', 'XP_TEST', 'Xp Test', 350, now() AT TIME ZONE 'UTC') ON CONFLICT (code) DO NOTHING
            """);
        var user = await TestData.UserAsync(connection);

        await Sql.ExecAsync(connection, "SELECT grant_achievement($1, 'XP_TEST')", user);

        Assert.Equal(3, await Sql.ScalarAsync<int>(connection, "SELECT level FROM users WHERE id = $1", user));
        var log = (await Sql.RowsAsync(
            connection, """SELECT amount, source, "sourceId", "totalXp" FROM xp_logs WHERE "userId" = $1""", user)).Single();
        Assert.Equal(new object?[] { 350, "achievement", "ach_xp_test", 350 }, log);
    }

    private async Task<NpgsqlConnection> PrepareAsync()
    {
        var connection = await db.OpenAsync();
        await TestData.LevelConfigsAsync(connection);
        await TestData.AchievementsAsync(connection);
        return connection;
    }

    private static Task FollowRangeAsync(NpgsqlConnection connection, string fans, string star, int from, int to) =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO follows (id, "followerId", "followingId", "updatedAt")
            SELECT gen_random_uuid()::text, $1 || i, $2, now() AT TIME ZONE 'UTC' FROM generate_series($3, $4) i
            """,
            fans, star, from, to);

    /// <summary>Creates <paramref name="count"/> active users whose ids are the returned prefix followed by 1..count.</summary>
    private static async Task<string> LikersAsync(NpgsqlConnection connection, int count)
    {
        var likers = TestData.NewId("lk");
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO users (id, email, username, status)
            SELECT $1 || i, $1 || i || '@example.test', left($1 || i, 50), 'ACTIVE' FROM generate_series(1, $2) i
            """,
            likers, count);
        return likers;
    }

    private static Task ReactRangeAsync(NpgsqlConnection connection, string post, string likers, int from, int to) =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO reactions (id, type, "postId", "userId")
            SELECT gen_random_uuid()::text, 'LIKE', $1, $2 || i FROM generate_series($3, $4) i
            """,
            post, likers, from, to);

    private static Task<int> LikesReceivedAsync(NpgsqlConnection connection, string user) =>
        Sql.ScalarAsync<int>(connection, """SELECT "totalLikesReceived" FROM user_stats WHERE "userId" = $1""", user);

    private static Task<int> HoldingsAsync(NpgsqlConnection connection, string user, string code) =>
        Sql.ScalarAsync<int>(
            connection,
            """
            SELECT count(*)::int FROM user_achievements ua JOIN achievements a ON a.id = ua."achievementId"
            WHERE ua."userId" = $1 AND a.code = $2
            """,
            user, code);

    /// <summary>(holdings, notifications, sparkle ledger total, premium ledger total) for one achievement.</summary>
    private static async Task<(int Holdings, int Notifications, int Sparkle, int Premium)> RewardsAsync(
        NpgsqlConnection connection, string user, string code)
    {
        var row = (await Sql.RowsAsync(
            connection,
            """
            SELECT (SELECT count(*)::int FROM user_achievements ua WHERE ua."userId" = $1 AND ua."achievementId" = a.id),
                   (SELECT count(*)::int FROM notifications n WHERE n."userId" = $1 AND n."entityId" = a.id),
                   (SELECT COALESCE(sum(amount), 0)::int FROM currency_transactions c
                     WHERE c."userId" = $1 AND c."sourceId" = a.id AND c."currencyType" = 'sparkle'),
                   (SELECT COALESCE(sum(amount), 0)::int FROM currency_transactions c
                     WHERE c."userId" = $1 AND c."sourceId" = a.id AND c."currencyType" = 'premium')
            FROM achievements a WHERE a.code = $2
            """,
            user, code)).Single();
        return ((int)row[0]!, (int)row[1]!, (int)row[2]!, (int)row[3]!);
    }
}
