using Npgsql;

namespace Sparkle.Db.Tests.Behaviour;

/// <summary>
/// Builders for the rows the behaviour tests need. Ids are unique per call, so tests of one class can
/// share their database; reference data (level configs, achievements) is inserted idempotently.
/// Times are produced by the server in UTC wall-clock form, never by the client.
/// </summary>
internal static class TestData
{
    public const string UtcNow = "(now() AT TIME ZONE 'UTC')";

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public static async Task<string> UserAsync(
        NpgsqlConnection connection,
        string role = "USER",
        string status = "ACTIVE",
        int experience = 0,
        int level = 1,
        bool verified = false,
        int reputationScore = 0,
        long totalRevenueEarned = 0,
        string? id = null)
    {
        id ??= NewId("u");
        await Sql.ExecAsync(
            connection,
            $"""
            INSERT INTO users (id, email, username, role, status, experience, level, verified, "reputationScore",
                               "totalRevenueEarned", "createdAt", "updatedAt")
            VALUES ($1, $1 || '@example.test', left($1, 50), $2::"UserRole", $3::"UserStatus", $4, $5, $6, $7, $8,
                    {UtcNow}, {UtcNow})
            """,
            id, role, status, experience, level, verified, reputationScore, totalRevenueEarned);
        return id;
    }

    public static async Task<string> PostAsync(
        NpgsqlConnection connection,
        string? authorId,
        bool published = true,
        double publishedHoursAgo = 1,
        string moderationStatus = "APPROVED",
        bool featured = false,
        int views = 0,
        string? categoryId = null,
        string? id = null)
    {
        id ??= NewId("p");
        await Sql.ExecAsync(
            connection,
            $"""
            INSERT INTO posts (id, slug, title, content, "authorId", published, "publishedAt", "moderationStatus",
                               featured, views, "categoryId", "createdAt", "updatedAt")
            VALUES ($1, $1, 'Title ' || $1, jsonb_build_object('type', 'doc'), $2, $3,
                    CASE WHEN $3 THEN {UtcNow} - make_interval(secs => $4 * 3600) END,
                    $5::"ModerationStatus", $6, $7, $8, {UtcNow}, {UtcNow})
            """,
            id, authorId, published, publishedHoursAgo, moderationStatus, featured, views, categoryId);
        return id;
    }

    public static async Task<string> UserStatsAsync(
        NpgsqlConnection connection,
        string userId,
        int totalPosts = 0,
        int totalFollowers = 0,
        int totalLikesReceived = 0,
        int streakDays = 0,
        double contentQualityScore = 0)
    {
        // Given counter values, not recounts: written the way the database's repair functions write.
        var id = NewId("us");
        await Sql.ExecAsOwnerAsync(
            connection,
            $"""
            INSERT INTO user_stats (id, "userId", "totalPosts", "totalFollowers", "totalLikesReceived", "streakDays",
                                    "contentQualityScore", "updatedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, {UtcNow})
            """,
            id, userId, totalPosts, totalFollowers, totalLikesReceived, streakDays, contentQualityScore);
        return id;
    }

    /// <summary>Level configs (1,0) (2,100) (3,300) (4,600) (5,1000) (10,5000); sparkle reward = 10 × level.</summary>
    public static Task LevelConfigsAsync(NpgsqlConnection connection) =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO level_configs (level, "requiredXp", title, "sparkleReward", "premiumReward", "createdAt")
            VALUES (1, 0, 'Newcomer', 0, 0, now() AT TIME ZONE 'UTC'),
                   (2, 100, 'Apprentice', 20, 0, now() AT TIME ZONE 'UTC'),
                   (3, 300, 'Adept', 30, 1, now() AT TIME ZONE 'UTC'),
                   (4, 600, 'Expert', 40, 0, now() AT TIME ZONE 'UTC'),
                   (5, 1000, 'Master', 50, 2, now() AT TIME ZONE 'UTC'),
                   (10, 5000, 'Legend', 100, 0, now() AT TIME ZONE 'UTC')
            ON CONFLICT (level) DO NOTHING
            """);

    /// <summary>The nine achievement codes of PHASES.md 3.6; only FIRST_POST and WELL_LIKED carry rewards.</summary>
    public static Task AchievementsAsync(NpgsqlConnection connection) =>
        Sql.ExecAsync(
            connection,
            """
            INSERT INTO achievements (id, code, name, "shortDescription", icon, "xpReward", "sparklePointsReward",
                                      "premiumPointsReward", "createdAt", "updatedAt")
            SELECT 'ach_' || lower(c.code), c.code, c.name, c.short, 'icon-' || lower(c.code), c.xp, c.sparkle,
                   c.premium, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
            FROM (VALUES ('FIRST_POST', 'First Post', 'Published a post', 0, 5, 0),
                         ('PROLIFIC_WRITER', 'Prolific Writer', NULL, 0, 0, 0),
                         ('SOCIAL_BUTTERFLY', 'Social Butterfly', NULL, 0, 0, 0),
                         ('STREAK_WEEK', 'Week Streak', NULL, 0, 0, 0),
                         ('LEVEL_10', 'Level 10', NULL, 0, 0, 0),
                         ('FIRST_FOLLOWER', 'First Follower', NULL, 0, 0, 0),
                         ('INFLUENCER', 'Influencer', NULL, 0, 0, 0),
                         ('STREAK_MONTH', 'Month Streak', NULL, 0, 0, 0),
                         ('WELL_LIKED', 'Well Liked', NULL, 0, 7, 1))
                 AS c(code, name, short, xp, sparkle, premium)
            ON CONFLICT (code) DO NOTHING
            """);

    public static Task ReactAsync(NpgsqlConnection connection, string postId, string userId, string type = "LIKE") =>
        Sql.ExecAsync(
            connection,
            $"""INSERT INTO reactions (id, type, "postId", "userId", "createdAt") VALUES ($1, $2::"ReactionType", $3, $4, {UtcNow})""",
            NewId("r"), type, postId, userId);

    public static async Task<string> CommentAsync(NpgsqlConnection connection, string postId, string? authorId)
    {
        var id = NewId("c");
        await Sql.ExecAsync(
            connection,
            $"""INSERT INTO comments (id, content, "postId", "authorId", "createdAt", "updatedAt") VALUES ($1, 'text', $2, $3, {UtcNow}, {UtcNow})""",
            id, postId, authorId);
        return id;
    }

    public static Task BookmarkAsync(NpgsqlConnection connection, string postId, string userId) =>
        Sql.ExecAsync(
            connection,
            $"""INSERT INTO bookmarks (id, "userId", "postId", "createdAt") VALUES ($1, $2, $3, {UtcNow})""",
            NewId("b"), userId, postId);

    public static Task FollowAsync(NpgsqlConnection connection, string followerId, string followingId) =>
        Sql.ExecAsync(
            connection,
            $"""INSERT INTO follows (id, "followerId", "followingId", "createdAt", "updatedAt") VALUES ($1, $2, $3, {UtcNow}, {UtcNow})""",
            NewId("f"), followerId, followingId);
}
