using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Behaviour;

public sealed class CalculateEngagementRateTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly string[] ReactionTypes =
        ["LIKE", "LOVE", "FIRE", "SPARKLE", "MIND_BLOWN", "LAUGH", "CRY", "ANGRY", "CUSTOM"];

    [Fact]
    public async Task Rate_is_capped_at_one_when_interactions_exceed_views()
    {
        // Check F-3: 27 reactions on 1 view overflowed numeric(5,4) in the draft.
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        for (var u = 0; u < 3; u++)
        {
            var user = await TestData.UserAsync(connection);
            foreach (var type in ReactionTypes)
            {
                await TestData.ReactAsync(connection, post, user, type);
            }
        }

        await Sql.ExecAsync(connection, """UPDATE post_stats SET "viewCount" = 1 WHERE "postId" = $1""", post);

        Assert.Equal(1m, await Sql.ScalarAsync<decimal>(connection, "SELECT calculate_engagement_rate($1)", post));
    }

    [Fact]
    public async Task Rate_counts_each_source_once()
    {
        // 2 reactions + 1 live comment (the deleted one does not count) + 3 shares + 1 bookmark = 7 over 20 views.
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var reader = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, reader, "LIKE");
        await TestData.ReactAsync(connection, post, reader, "FIRE");
        await TestData.CommentAsync(connection, post, reader);
        var deleted = await TestData.CommentAsync(connection, post, reader);
        await Sql.ExecAsync(connection, "UPDATE comments SET deleted = true WHERE id = $1", deleted);
        await TestData.BookmarkAsync(connection, post, reader);
        await Sql.ExecAsync(connection, """UPDATE post_stats SET "viewCount" = 20, "shareCount" = 3 WHERE "postId" = $1""", post);

        Assert.Equal(0.35m, await Sql.ScalarAsync<decimal>(connection, "SELECT calculate_engagement_rate($1)", post));
    }

    [Fact]
    public async Task Rate_is_rounded_to_four_decimals()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, await TestData.UserAsync(connection));
        await Sql.ExecAsync(connection, """UPDATE post_stats SET "viewCount" = 3 WHERE "postId" = $1""", post);

        Assert.Equal(0.3333m, await Sql.ScalarAsync<decimal>(connection, "SELECT calculate_engagement_rate($1)", post));
    }

    [Fact]
    public async Task Rate_is_zero_without_views_or_for_an_unknown_post()
    {
        await using var connection = await db.OpenAsync();
        var author = await TestData.UserAsync(connection);
        var post = await TestData.PostAsync(connection, author);
        await TestData.ReactAsync(connection, post, await TestData.UserAsync(connection));

        Assert.Equal(0m, await Sql.ScalarAsync<decimal>(connection, "SELECT calculate_engagement_rate($1)", post));
        Assert.Equal(0m, await Sql.ScalarAsync<decimal>(connection, "SELECT calculate_engagement_rate('no-such-post')"));
    }
}
