using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class PostStatsTriggerTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly string[] ReactionTypes = ["LIKE", "LOVE", "FIRE", "SPARKLE", "MIND_BLOWN", "LAUGH", "CRY", "ANGRY"];

    [Fact]
    public async Task Stats_follow_reactions_comments_and_bookmarks_added_and_removed()
    {
        // Check F-5.
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var reader = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);

        await TestData.ReactAsync(connection, post, reader, "LIKE");
        await TestData.ReactAsync(connection, post, reader, "LOVE");
        await TestData.ReactAsync(connection, post, author, "FIRE");
        await TestData.ReactAsync(connection, post, author, "LAUGH");
        var comment = await TestData.CommentAsync(connection, post, reader);
        await TestData.CommentAsync(connection, post, author);
        await TestData.BookmarkAsync(connection, post, reader);
        Assert.Equal((4, 1, 1, 1, 2, 1), await StatsAsync(connection, post));

        await Sql.ExecAsync(connection, """DELETE FROM reactions WHERE "postId" = $1 AND type IN ('LIKE', 'LAUGH')""", post);
        await Sql.ExecAsync(connection, "UPDATE comments SET deleted = true WHERE id = $1", comment);
        await Sql.ExecAsync(connection, """DELETE FROM bookmarks WHERE "postId" = $1""", post);
        Assert.Equal((2, 0, 1, 1, 1, 0), await StatsAsync(connection, post));

        await Sql.ExecAsync(connection, "UPDATE comments SET deleted = false WHERE id = $1", comment);
        Assert.Equal((2, 0, 1, 1, 2, 0), await StatsAsync(connection, post));

        await Sql.ExecAsync(connection, "DELETE FROM comments WHERE id = $1", comment);
        Assert.Equal((2, 0, 1, 1, 1, 0), await StatsAsync(connection, post));

        // The incremental counters agree with a full recomputation.
        var before = await StatsAsync(connection, post);
        await Sql.ExecAsync(connection, "SELECT update_post_stats($1)", post);
        Assert.Equal(before, await StatsAsync(connection, post));
    }

    [Fact]
    public async Task Engagement_rate_follows_the_counters()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, author);
        await Sql.ExecAsync(connection, """UPDATE post_stats SET "viewCount" = 10 WHERE "postId" = $1""", post);

        await TestData.CommentAsync(connection, post, author);

        Assert.Equal(0.2, await Sql.ScalarAsync<double>(connection, """SELECT "engagementRate" FROM post_stats WHERE "postId" = $1""", post));
    }

    [Fact]
    public async Task Reaction_on_a_comment_leaves_post_stats_alone()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        var comment = await TestData.CommentAsync(connection, post, author);

        await Sql.ExecAsync(
            connection,
            """INSERT INTO reactions (id, type, "commentId", "userId") VALUES ($1, 'LIKE', $2, $3)""",
            TestData.NewId("r"), comment, author);

        Assert.Equal((0, 0, 0, 0, 1, 0), await StatsAsync(connection, post));
    }

    [Fact]
    public async Task Reaction_type_changed_in_place_moves_between_counters()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, author, "LIKE");

        await Sql.ExecAsync(connection, """UPDATE reactions SET type = 'LOVE' WHERE "postId" = $1""", post);

        Assert.Equal((1, 0, 1, 0, 0, 0), await StatsAsync(connection, post));
    }

    [Fact]
    public async Task Hard_delete_of_a_post_with_children_succeeds()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var reader = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, reader);
        var parent = await TestData.CommentAsync(connection, post, reader);
        await Sql.ExecAsync(
            connection,
            """INSERT INTO comments (id, content, "postId", "parentId", "updatedAt") VALUES ($1, 'reply', $2, $3, now() AT TIME ZONE 'UTC')""",
            TestData.NewId("c"), post, parent);
        await TestData.BookmarkAsync(connection, post, reader);

        Assert.Equal(1, await Sql.ExecAsync(connection, "DELETE FROM posts WHERE id = $1", post));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connection, """SELECT count(*) FROM post_stats WHERE "postId" = $1""", post));
    }

    [Fact]
    public async Task Multi_row_statement_on_a_post_without_stats_counts_each_row_once()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        var users = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await TestData.UserAsync(connection));
        }

        await Sql.ExecAsync(connection, """DELETE FROM post_stats WHERE "postId" = $1""", post);
        await Sql.ExecAsync(
            connection,
            """
            INSERT INTO reactions (id, type, "postId", "userId")
            SELECT gen_random_uuid()::text, t::"ReactionType", $1, u
            FROM unnest($2::text[]) u CROSS JOIN unnest(ARRAY['LIKE', 'LOVE']) t
            """,
            post, users.ToArray());

        Assert.Equal((6, 3, 3, 0, 0, 0), await StatsAsync(connection, post));
    }

    [Fact]
    public async Task Counters_are_exact_after_many_parallel_writers_without_deadlock()
    {
        const int Writers = 8;
        const int PerWriter = 500;
        string[] posts;
        string[] users;
        await using (var setup = await db.OpenAsync())
        {
            var author = await TestData.UserAsync(setup);
            posts = new string[4];
            for (var i = 0; i < posts.Length; i++)
            {
                posts[i] = await TestData.PostAsync(setup, author);
            }

            var prefix = TestData.NewId("cu");
            users = Enumerable.Range(0, PerWriter).Select(i => $"{prefix}_{i}").ToArray();
            await Sql.ExecAsync(
                setup,
                """
                INSERT INTO users (id, email, username, status)
                SELECT u, u || '@example.test', left(u, 50), 'ACTIVE' FROM unnest($1::text[]) u
                """,
                (object)users);
        }

        // Writer w reacts with its own type, so (post, user, type) never collides; each reaction is its
        // own transaction and the posts are hit in rotating order.
        var errors = new List<PostgresException>();
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await using var connection = await db.OpenAsync();
            for (var i = 0; i < PerWriter; i++)
            {
                try
                {
                    await TestData.ReactAsync(connection, posts[(i + w) % posts.Length], users[i], ReactionTypes[w]);
                    if (i % 10 == 9)
                    {
                        await TestData.CommentAsync(connection, posts[(i + w) % posts.Length], users[i]);
                    }
                }
                catch (PostgresException e)
                {
                    lock (errors)
                    {
                        errors.Add(e);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.DoesNotContain(errors, e => e.SqlState == PostgresErrorCodes.DeadlockDetected);
        Assert.Empty(errors);
        await using var check = await db.OpenAsync();
        foreach (var post in posts)
        {
            // 8 writers × 500 reactions spread evenly over 4 posts; one comment per 10 reactions.
            Assert.Equal((1000, 125, 125, 125, 100, 0), await StatsAsync(check, post));
        }

        Assert.Equal(Writers * PerWriter, await Sql.ScalarAsync<int>(
            check, """SELECT "totalLikesReceived" FROM user_stats WHERE "userId" = (SELECT "authorId" FROM posts WHERE id = $1)""", posts[0]));
    }

    private static async Task<(int Total, int Like, int Love, int Fire, int Comments, int Bookmarks)> StatsAsync(
        NpgsqlConnection connection, string post)
    {
        var row = (await Sql.RowsAsync(
            connection,
            """
            SELECT "totalReactionCount", "likeCount", "loveCount", "fireCount", "commentCount", "bookmarkCount"
            FROM post_stats WHERE "postId" = $1
            """,
            post)).Single();
        return ((int)row[0]!, (int)row[1]!, (int)row[2]!, (int)row[3]!, (int)row[4]!, (int)row[5]!);
    }
}
