using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class TrendingPostsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Posts_are_ranked_by_decayed_engagement_and_ineligible_posts_are_left_out()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection, verified: true);
        await Sql.ExecAsync(connection, "UPDATE users SET image = 'face.png' WHERE id = $1", author);
        var category = TestData.NewId("cat");
        await Sql.ExecAsync(connection, "INSERT INTO categories (id, name, slug) VALUES ($1, 'Music', $1)", category);

        // score = (0.1·V + 2·R + 3·C + 5·S + 4·B) · e^(−0.1·age in days)
        var p1 = await TestData.PostAsync(connection, author, publishedHoursAgo: 1, categoryId: category);
        await StatsAsync(connection, p1, views: 100, reactions: 10);                          // 30  · e^(−0.1/24)
        var p2 = await TestData.PostAsync(connection, author, publishedHoursAgo: 48);
        await StatsAsync(connection, p2, comments: 5, shares: 2, bookmarks: 1);               // 29  · e^(−0.2)
        var p3 = await TestData.PostAsync(connection, null, publishedHoursAgo: 24, views: 500); // no stats: posts.views
        await Sql.ExecAsync(connection, """UPDATE posts SET "authorName" = 'Ghost' WHERE id = $1""", p3); // 50 · e^(−0.1)
        var p4 = await TestData.PostAsync(connection, author, publishedHoursAgo: 144, moderationStatus: "AUTO_APPROVED");
        await StatsAsync(connection, p4, reactions: 100);                                      // 200 · e^(−0.6)

        var excluded = new List<string>
        {
            await TestData.PostAsync(connection, author, moderationStatus: "PENDING"),
            await TestData.PostAsync(connection, author, moderationStatus: "REJECTED"),
            await TestData.PostAsync(connection, author, publishedHoursAgo: 8 * 24),
            await TestData.PostAsync(connection, author, published: false),
            await TestData.PostAsync(connection, author),                       // score 0
        };
        var deleted = await TestData.PostAsync(connection, author);
        await Sql.ExecAsync(connection, "UPDATE posts SET deleted = true WHERE id = $1", deleted);
        excluded.Add(deleted);
        foreach (var id in excluded.Take(4).Append(deleted))
        {
            await StatsAsync(connection, id, reactions: 1000);
        }

        await Sql.ExecAsync(connection, "SELECT refresh_materialized_views(ARRAY['trending_posts'])");

        var rows = await Sql.RowsAsync(
            connection,
            """
            SELECT id, trending_score, total_views, "authorName", "authorImage", "authorVerified", "categoryName", "categorySlug"
            FROM trending_posts WHERE id = ANY($1) ORDER BY trending_score DESC
            """,
            (object)new[] { p1, p2, p3, p4 }.Concat(excluded).ToArray());

        Assert.Equal(new[] { p4, p3, p1, p2 }, rows.Select(r => (string)r[0]!));
        Assert.Equal(200 * Math.Exp(-0.6), (double)rows[0][1]!, 0.01);
        Assert.Equal(50 * Math.Exp(-0.1), (double)rows[1][1]!, 0.01);
        Assert.Equal(30 * Math.Exp(-0.1 / 24), (double)rows[2][1]!, 0.01);
        Assert.Equal(29 * Math.Exp(-0.2), (double)rows[3][1]!, 0.01);
        Assert.Equal(new object?[] { 500, "Ghost", null, null, null, null }, rows[1][2..]);
        Assert.Equal(new object?[] { 100, await Sql.ScalarAsync<string>(connection, "SELECT username FROM users WHERE id = $1", author), "face.png", true, "Music", category }, rows[2][2..]);
    }

    [Fact]
    public async Task Every_materialized_view_has_a_plain_unique_index_on_id()
    {
        await using var connection = await db.OpenAsync();
        var views = await connection.ColumnAsync<string>(
            """
            SELECT c.relname::text FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE c.relkind = 'm' AND i.indisunique AND i.indnatts = 1 AND i.indpred IS NULL AND a.attname = 'id'
            ORDER BY 1
            """);

        Assert.Equal(new[] { "active_groups", "top_creators", "trending_posts" }, views);
    }

    private static Task StatsAsync(
        NpgsqlConnection connection, string post, int views = 0, int reactions = 0, int comments = 0, int shares = 0, int bookmarks = 0) =>
        // Given counter values rather than reactions and comments: written as the database's own repair writes them.
        Sql.ExecAsOwnerAsync(
            connection,
            """
            INSERT INTO post_stats (id, "postId", "viewCount", "totalReactionCount", "commentCount", "shareCount", "bookmarkCount", "updatedAt")
            VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, $6, now() AT TIME ZONE 'UTC')
            ON CONFLICT ("postId") DO UPDATE SET "viewCount" = $2, "totalReactionCount" = $3, "commentCount" = $4,
                "shareCount" = $5, "bookmarkCount" = $6
            """,
            post, views, reactions, comments, shares, bookmarks);
}
