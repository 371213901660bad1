using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// The app's write paths replayed as its Prisma calls send them, as the app's role, with and without the app's own
/// counter code: every effect the database maintains happens once, and every owned counter equals a recount made by
/// the test (<see cref="CounterOracle"/>) after every path.
/// </summary>
public sealed class AppReplayTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Follow_and_unfollow_count_once(bool appCounters)
    {
        var (app, connection) = await SessionAsync(appCounters);
        await using var _ = connection;
        var fan = await app.RegisterAsync();
        var star = await app.RegisterAsync();

        await app.FollowAsync(fan, star);
        Assert.Equal((0, 1), await FollowCountsAsync(connection, fan));
        Assert.Equal((1, 0), await FollowCountsAsync(connection, star));
        await AssertCountersExactAsync(connection);

        await app.UnfollowAsync(fan, star);
        Assert.Equal((0, 0), await FollowCountsAsync(connection, fan));
        Assert.Equal((0, 0), await FollowCountsAsync(connection, star));
        await AssertCountersExactAsync(connection);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Posts_count_once_and_the_apps_delete_is_a_delete(bool appCounters)
    {
        var (app, connection) = await SessionAsync(appCounters);
        await using var _ = connection;
        var author = await app.RegisterAsync();
        var category = await CategoryAsync(connection);

        var word = "zyzzogeton" + PrismaStatements.NewId()[..6].Replace("0", "", StringComparison.Ordinal);
        var post = await app.CreatePostAsync(author, categoryId: category, title: "The " + word + " parade");
        await app.CreatePostAsync(author, draft: true, categoryId: category);
        Assert.Equal([post], await SearchAsync(connection, word));
        Assert.Equal(1, await UserCounterAsync(connection, author, "totalPosts"));
        Assert.Equal(1, await connection.ScalarAsync<int>("""SELECT "postCount" FROM categories WHERE id = $1""", category));
        await AssertCountersExactAsync(connection);

        // The app deletes by contentStatus and deletedAt; deleted becomes true with them, and every reader treats it so.
        await app.DeletePostAsync(post, author);
        var state = (await connection.ColumnAsync<string>(
            """SELECT format('%s %s %s', deleted, "deletedAt" IS NOT NULL, "contentStatus") FROM posts WHERE id = $1""", post)).Single();
        Assert.Equal("t t DELETED", state.Replace("true", "t", StringComparison.Ordinal).Replace("false", "f", StringComparison.Ordinal));
        Assert.Equal(0, await UserCounterAsync(connection, author, "totalPosts"));
        Assert.Equal(0, await connection.ScalarAsync<int>("""SELECT "postCount" FROM categories WHERE id = $1""", category));
        Assert.Empty(await SearchAsync(connection, word));
        await AssertCountersExactAsync(connection);
    }

    // Search as the app's search router calls it (search_all, posts only).
    private static Task<List<string>> SearchAsync(NpgsqlConnection connection, string word) =>
        connection.ColumnAsync<string>("SELECT id FROM public.search_all($1, 'posts')", word);

    [Theory]
    [InlineData(true, "LIKE")]
    [InlineData(true, "FIRE")]
    [InlineData(true, "SPARKLE")]
    [InlineData(false, "LOVE")]
    public async Task Likes_count_once_on_the_post_the_liker_and_the_author(bool appCounters, string type)
    {
        var (app, connection) = await SessionAsync(appCounters);
        await using var _ = connection;
        var author = await app.RegisterAsync();
        var fan = await app.RegisterAsync();
        var post = await app.CreatePostAsync(author);

        await app.LikePostAsync(post, fan, type);
        await app.LikePostAsync(post, author, type);   // a like of one's own post: given, not received
        Assert.Equal(2, await PostCounterAsync(connection, post, "totalReactionCount"));
        Assert.Equal(1, await UserCounterAsync(connection, fan, "totalLikesGiven"));
        Assert.Equal(1, await UserCounterAsync(connection, author, "totalLikesGiven"));
        Assert.Equal(1, await UserCounterAsync(connection, author, "totalLikesReceived"));
        await AssertCountersExactAsync(connection);

        await app.UnlikePostAsync(post, fan, type);
        Assert.Equal(1, await PostCounterAsync(connection, post, "totalReactionCount"));
        Assert.Equal(0, await UserCounterAsync(connection, author, "totalLikesReceived"));
        await AssertCountersExactAsync(connection);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Comments_bookmarks_and_comment_likes_count_once(bool appCounters)
    {
        var (app, connection) = await SessionAsync(appCounters);
        await using var _ = connection;
        var author = await app.RegisterAsync();
        var fan = await app.RegisterAsync();
        var post = await app.CreatePostAsync(author);

        var parent = await app.CommentAsync(post, fan);
        var reply = await app.CommentAsync(post, author, parent);
        var lone = await app.CommentAsync(post, fan);
        await app.BookmarkAsync(post, fan, add: true);
        await app.ReactToCommentAsync(parent, fan, author, "LIKE");
        await app.ReactToCommentAsync(lone, fan, author, "LIKE");
        Assert.Equal(3, await PostCounterAsync(connection, post, "commentCount"));
        Assert.Equal(1, await PostCounterAsync(connection, post, "bookmarkCount"));
        Assert.Equal(2, await UserCounterAsync(connection, fan, "totalComments"));
        Assert.Equal(2, await UserCounterAsync(connection, fan, "totalLikesReceived"));
        await AssertCountersExactAsync(connection);

        // A changed reaction type is no longer a LIKE; the app's own code leaves the count alone here, the database does not.
        await app.ChangeCommentReactionAsync(lone, author, "LAUGH");
        Assert.Equal(1, await UserCounterAsync(connection, fan, "totalLikesReceived"));
        await AssertCountersExactAsync(connection);

        // With replies: a soft delete; without: a hard delete that takes its LIKE from the author's count.
        await app.DeleteCommentAsync(parent, post, fan, hasReplies: true, deletedBy: fan);
        await app.ReactToCommentAsync(lone, fan, author, "LIKE");
        await app.DeleteCommentAsync(lone, post, fan, hasReplies: false, deletedBy: fan);
        await app.BookmarkAsync(post, fan, add: false);
        Assert.Equal(1, await PostCounterAsync(connection, post, "commentCount"));
        Assert.Equal(0, await UserCounterAsync(connection, fan, "totalComments"));
        Assert.Equal(1, await UserCounterAsync(connection, author, "totalComments"));
        Assert.Equal(1, await UserCounterAsync(connection, fan, "totalLikesReceived"));
        Assert.Equal(0, await PostCounterAsync(connection, post, "bookmarkCount"));
        await AssertCountersExactAsync(connection);

        await app.RemoveCommentReactionAsync(parent, fan, author, "LIKE");
        Assert.Equal(0, await UserCounterAsync(connection, fan, "totalLikesReceived"));
        Assert.Equal(new[] { reply }, await connection.ColumnAsync<string>("""SELECT id FROM comments WHERE "postId" = $1 AND NOT deleted""", post));
        await AssertCountersExactAsync(connection);
    }

    [Fact]
    public async Task The_apps_update_of_an_owned_counter_gets_its_row_back_with_the_databases_value()
    {
        var (app, connection) = await SessionAsync(appCounters: true);
        await using var _ = connection;
        var author = await app.RegisterAsync();
        var post = await app.CreatePostAsync(author);

        var row = await app.Prisma.UpdateAsync(
            "user_stats", "userId", author, increments: new Dictionary<string, int> { ["totalPosts"] = 41, ["profileViews"] = 3 });
        Assert.Equal(1, row["totalPosts"]);       // the database's
        Assert.Equal(3, row["profileViews"]);     // the app's own counter: written

        await app.ViewAndShareAsync(post);
        var stats = await app.Prisma.UpdateAsync("post_stats", "postId", post, set: new Dictionary<string, object?> { ["engagementRate"] = 250.0 });
        Assert.Equal(new object?[] { 1, 1, 1.0 }, new[] { stats["viewCount"], stats["shareCount"], stats["engagementRate"] });
    }

    [Fact]
    public async Task A_stats_row_the_app_creates_after_the_database_made_one_is_adopted_not_refused()
    {
        var (app, connection) = await SessionAsync(appCounters: true);
        await using var _ = connection;
        var star = await app.RegisterAsync();
        // Users created without the registration path (imports, admin tools) have no stats rows.
        var quiet = await UserWithoutStatsAsync(app);
        var other = await UserWithoutStatsAsync(app);

        // A follow without the app's counter code: the follow's trigger creates the follower's stats row.
        await new AppWritePaths(app.Prisma, appCounters: false).FollowAsync(quiet, star);
        Assert.True(await IsDatabaseRowAsync(connection, quiet));

        // getUserStats: a plain create when findUnique found nothing earlier (here: the database made the row since).
        var created = await app.Prisma.CreateAsync("user_stats", new Dictionary<string, object?> { ["userId"] = quiet, ["profileViews"] = 7 });
        Assert.Equal(1, created["totalFollowing"]);
        Assert.Equal(7, created["profileViews"]);
        Assert.False(await IsDatabaseRowAsync(connection, quiet));
        Assert.Equal(1L, await connection.ScalarAsync<long>("""SELECT count(*) FROM user_stats WHERE "userId" = $1""", quiet));

        // The app's upsert (INSERT … ON CONFLICT) adopts the database's row the same way.
        await new AppWritePaths(app.Prisma, appCounters: false).FollowAsync(other, star);
        await app.Prisma.UpsertAsync(
            "user_stats", "userId",
            new Dictionary<string, object?> { ["userId"] = other, ["totalFollowing"] = 1 },
            new Dictionary<string, int> { ["totalFollowing"] = 1 });
        Assert.False(await IsDatabaseRowAsync(connection, other));
        Assert.Equal(1, await UserCounterAsync(connection, other, "totalFollowing"));

        // The same for post_stats: a reaction on a post without stats, then the app's create.
        var post = await app.Prisma.CreateAsync("posts", new Dictionary<string, object?>
        {
            ["title"] = "t", ["slug"] = "t-" + PrismaStatements.NewId(), ["content"] = new Json("{}"), ["authorId"] = other, ["published"] = true,
        });
        await app.LikePostAsync((string)post["id"]!, star);
        var postStats = await app.Prisma.CreateAsync("post_stats", new Dictionary<string, object?> { ["postId"] = post["id"] });
        Assert.Equal(1, postStats["totalReactionCount"]);

        // A row the app created itself is not replaced: a second create is the unique violation it always was.
        var duplicate = await Assert.ThrowsAsync<PostgresException>(
            () => app.Prisma.CreateAsync("user_stats", new Dictionary<string, object?> { ["userId"] = quiet }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        await AssertCountersExactAsync(connection);
    }

    [Fact]
    public async Task Without_a_stats_row_the_apps_first_create_gets_the_recount()
    {
        var (app, connection) = await SessionAsync(appCounters: true);
        await using var _ = connection;
        var fan = await app.RegisterAsync();
        var a = await app.RegisterAsync();
        var b = await app.RegisterAsync();
        await app.FollowAsync(fan, a);
        await app.FollowAsync(fan, b);
        // An operator removes the row (or a restore lacks it): the counts live on in the follows.
        await using (var owner = await db.OpenAsync())
        {
            await owner.ExecuteAsync("""DELETE FROM user_stats WHERE "userId" = $1""", fan);
        }

        var stats = await app.GetUserStatsAsync(fan);
        Assert.Equal(2, stats["totalFollowing"]);
        await AssertCountersExactAsync(connection);
    }

    private async Task<(AppWritePaths App, NpgsqlConnection Connection)> SessionAsync(bool appCounters)
    {
        var connection = await AppRole.OpenAsync(db);
        return (new AppWritePaths(new PrismaStatements(connection), appCounters), connection);
    }

    private static async Task<string> UserWithoutStatsAsync(AppWritePaths app)
    {
        var user = await app.Prisma.CreateAsync("users", new Dictionary<string, object?>
        {
            ["email"] = PrismaStatements.NewId() + "@example.test", ["username"] = "u_" + PrismaStatements.NewId()[..12],
        });
        return (string)user["id"]!;
    }

    private static async Task<string> CategoryAsync(NpgsqlConnection connection)
    {
        var id = PrismaStatements.NewId();
        await connection.ExecuteAsync(
            """INSERT INTO categories (id, name, slug, "updatedAt") VALUES ($1, $1, $1, now() AT TIME ZONE 'UTC')""", id);
        return id;
    }

    private static Task<bool> IsDatabaseRowAsync(NpgsqlConnection connection, string user) =>
        connection.ScalarAsync<bool>("""SELECT sparkle_db.is_database_id(id) FROM user_stats WHERE "userId" = $1""", user);

    internal static async Task<(int Followers, int Following)> FollowCountsAsync(NpgsqlConnection connection, string user) =>
        (await UserCounterAsync(connection, user, "totalFollowers"), await UserCounterAsync(connection, user, "totalFollowing"));

    internal static Task<int> UserCounterAsync(NpgsqlConnection connection, string user, string column) =>
        connection.ScalarAsync<int>($"""SELECT "{column}" FROM user_stats WHERE "userId" = $1""", user);

    internal static Task<int> PostCounterAsync(NpgsqlConnection connection, string post, string column) =>
        connection.ScalarAsync<int>($"""SELECT "{column}" FROM post_stats WHERE "postId" = $1""", post);

    internal static async Task AssertCountersExactAsync(NpgsqlConnection connection) =>
        Assert.Empty(await CounterOracle.DifferencesAsync(connection));
}
