using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class UpdatePostStatsTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task First_call_creates_the_row_with_a_generated_id_and_the_second_updates_it()
    {
        // Check F-4.
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "SET TimeZone = 'America/New_York'");
        var author = await TestData.UserAsync(connection);
        var viewer = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await AddViewAsync(connection, post, viewer, 10);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Sql.ExecAsync(connection, "SELECT update_post_stats($1)", post);
            var created = (await Sql.RowsAsync(
                connection,
                """
                SELECT id, "viewCount", "updatedAt" = (now() AT TIME ZONE 'UTC')::timestamp(3),
                       "lastCalculatedAt" = (now() AT TIME ZONE 'UTC')::timestamp(3)
                FROM post_stats WHERE "postId" = $1
                """,
                post)).Single();
            Assert.Equal(36, ((string)created[0]!).Length);
            Assert.Equal(1, created[1]);
            Assert.Equal(true, created[2]);
            Assert.Equal(true, created[3]);
            await transaction.CommitAsync();
        }

        var firstId = await Sql.ScalarAsync<string>(connection, """SELECT id FROM post_stats WHERE "postId" = $1""", post);
        await AddViewAsync(connection, post, viewer, 20);
        await TestData.ReactAsync(connection, post, viewer);
        await Sql.ExecAsync(connection, "SELECT update_post_stats($1)", post);

        // The second call updates the same row. The view count stays what it was: it is the app's (D81), which counts
        // every view while view_history holds one row per signed-in viewer and day.
        var rows = await Sql.RowsAsync(connection, """SELECT id, "viewCount", "totalReactionCount" FROM post_stats WHERE "postId" = $1""", post);
        Assert.Equal(firstId, Assert.Single(rows)[0]);
        Assert.Equal(new object?[] { firstId, 1, 1 }, rows[0]);
    }

    [Fact]
    public async Task Recomputation_counts_every_source_and_keeps_the_apps_view_counts()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var a = await TestData.UserAsync(connection);
        var b = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await AddViewAsync(connection, post, a, 10);
        await AddViewAsync(connection, post, a, 20);
        await AddViewAsync(connection, post, b, 0);
        await AddViewAsync(connection, post, b, 0);
        await TestData.ReactAsync(connection, post, a, "LIKE");
        await TestData.ReactAsync(connection, post, b, "LIKE");
        await TestData.ReactAsync(connection, post, a, "LOVE");
        await TestData.ReactAsync(connection, post, a, "FIRE");
        await TestData.ReactAsync(connection, post, b, "SPARKLE");
        await TestData.CommentAsync(connection, post, a);
        await TestData.BookmarkAsync(connection, post, a);
        // The app's own figures (views, shares, bounce rate), then damage to the database's counters: written the way a
        // restore or a replica would leave them (no other writer gets past phase 005's guard).
        await Sql.ExecAsync(
            connection,
            """UPDATE post_stats SET "viewCount" = 4, "uniqueViewCount" = 3, "shareCount" = 2, "bounceRate" = 0.5 WHERE "postId" = $1""",
            post);
        await Sql.ExecAsOwnerAsync(connection, """UPDATE post_stats SET "likeCount" = 99, "commentCount" = 42 WHERE "postId" = $1""", post);

        await Sql.ExecAsync(connection, "SELECT update_post_stats($1)", post);

        var row = (await Sql.RowsAsync(
            connection,
            """
            SELECT "viewCount", "uniqueViewCount", "likeCount", "loveCount", "fireCount", "totalReactionCount",
                   "commentCount", "bookmarkCount", "avgReadTime", "shareCount", "bounceRate", "engagementRate"
            FROM post_stats WHERE "postId" = $1
            """,
            post)).Single();
        Assert.Equal(new object?[] { 4, 3, 2, 1, 1, 5, 1, 1, 15.0, 2, 0.5, 1.0 }, row);
        // (5 reactions + 1 comment + 2 shares + 1 bookmark) / 4 views is capped at 1; with 40 views it is 0.225, as soon
        // as the app writes the view count (the rate follows the counters it is made of).
        await Sql.ExecAsync(connection, """UPDATE post_stats SET "viewCount" = 40 WHERE "postId" = $1""", post);
        Assert.Equal(0.225, await Sql.ScalarAsync<double>(connection, """SELECT "engagementRate" FROM post_stats WHERE "postId" = $1""", post));
    }

    [Fact]
    public async Task Unknown_post_is_a_no_op()
    {
        await using var connection = await db.OpenAsync();
        await Sql.ExecAsync(connection, "SELECT update_post_stats('no-such-post')");

        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM post_stats WHERE "postId" = 'no-such-post'"""));
    }

    private static Task AddViewAsync(Npgsql.NpgsqlConnection connection, string post, string user, int seconds) =>
        Sql.ExecAsync(
            connection,
            """INSERT INTO view_history (id, "userId", "postId", "viewDuration", "createdAt") VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')""",
            TestData.NewId("vh"), user, post, seconds);
}
