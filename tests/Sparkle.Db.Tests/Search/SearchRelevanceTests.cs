using Npgsql;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Search;

/// <summary>
/// Issue 17: relevance must not get worse with bounded ranking (D102). Queries over a small corpus with their expected
/// order, worked out by hand from the weights (title/name A, excerpt/short description B, body/bio C, keywords/tags D;
/// ts_rank's defaults 1.0, 0.4, 0.2, 0.1; result-type factors post 1.0, group 0.9, event 0.85, user 0.8), and the one
/// place the pool changes the answer: a word with more visible matches than search_pool_size() is ranked over its
/// newest matches only.
/// </summary>
public sealed class SearchRelevanceTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Weights_order_posts_title_then_excerpt_then_body_then_keywords()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostAsync(connection, "rl1-d", "Travel diary", body: "rain all week", keywords: ["sourdough"], daysAgo: 1);
        await PostAsync(connection, "rl1-c", "Kitchen notes", body: "sourdough once more", daysAgo: 2);
        await PostAsync(connection, "rl1-b", "Bread basics", excerpt: "a sourdough primer", daysAgo: 3);
        await PostAsync(connection, "rl1-a", "Sourdough starter guide", body: "feed the starter daily", daysAgo: 4);
        await PostAsync(connection, "rl1-x", "Rye loaves", body: "no starter needed", daysAgo: 5);

        Assert.Equal(["rl1-a", "rl1-b", "rl1-c", "rl1-d"], await SearchData.SearchIdsAsync(connection, "sourdough", "posts"));
        // Every word must match: only the guide has both.
        Assert.Equal(["rl1-a"], await SearchData.SearchIdsAsync(connection, "sourdough starter", "posts"));
        // Stemming: "starters" finds "starter" (guide in its title and body ranks above the body-only rye post).
        Assert.Equal(["rl1-a", "rl1-x"], await SearchData.SearchIdsAsync(connection, "starters", "posts"));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Across_types_a_post_title_beats_a_group_name_which_beats_an_excerpt_and_a_bio()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostAsync(connection, "rl2-title", "Sourdough starter guide", daysAgo: 1);
        await PostAsync(connection, "rl2-excerpt", "Bread basics", excerpt: "a sourdough primer", daysAgo: 2);
        await PostAsync(connection, "rl2-body", "Kitchen notes", body: "sourdough once more", daysAgo: 3);
        await SearchData.GroupAsync(connection, "rl2-group", "Sourdough circle", null);
        await SearchData.UserAsync(connection, "rl2-user", "rl2baker", "sourdough baker");

        // post A 0.608, group A 0.547, post B 0.243, post C 0.122, user C 0.097.
        Assert.Equal(
            ["rl2-title", "rl2-group", "rl2-excerpt", "rl2-body", "rl2-user"],
            await SearchData.SearchIdsAsync(connection, "sourdough"));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_word_with_fewer_matches_than_the_pool_is_ranked_over_all_of_them_oldest_included()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostAsync(connection, "rl3-old-title", "Pumpernickel at last", daysAgo: 900);
        await connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, content, published, deleted, "moderationStatus", "publishedAt", "updatedAt")
            SELECT 'rl3-' || g, 'rl3-' || g, 'Bakery log ' || g, '{"blocks":[{"text":"pumpernickel again"}]}'::jsonb,
                   true, false, 'APPROVED', (now() AT TIME ZONE 'UTC') - g * interval '1 hour', now() AT TIME ZONE 'UTC'
            FROM generate_series(1, 30) g
            """);

        var ids = await SearchData.SearchIdsAsync(connection, "pumpernickel", "posts", limit: 5);

        Assert.Equal("rl3-old-title", ids[0]);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_word_with_more_matches_than_the_pool_is_ranked_over_its_newest_matches()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var pool = await connection.ScalarAsync<int>("SELECT search_pool_size()");
        // A title match older than a pool's worth of newer body matches falls outside the pool; a title match
        // among the newest ones ranks first.
        await PostAsync(connection, "rl4-old-title", "Pumpernickel at last", daysAgo: 900);
        await PostAsync(connection, "rl4-new-title", "Pumpernickel again", daysAgo: 0);
        await connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, content, published, deleted, "moderationStatus", "publishedAt", "updatedAt")
            SELECT 'rl4-' || g, 'rl4-' || g, 'Bakery log ' || g, '{"blocks":[{"text":"pumpernickel again"}]}'::jsonb,
                   true, false, 'APPROVED', (now() AT TIME ZONE 'UTC') - interval '1 day' - g * interval '1 minute', now() AT TIME ZONE 'UTC'
            FROM generate_series(1, $1) g
            """,
            pool);

        var ids = await SearchData.SearchIdsAsync(connection, "pumpernickel", "posts", limit: 100);

        Assert.Equal("rl4-new-title", ids[0]);
        Assert.DoesNotContain("rl4-old-title", ids);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_post_changed_earlier_in_the_transaction_is_ranked_by_its_new_text()
    {
        // The pool is chosen by row address and those rows are read again to be ranked (D102): both reads see the
        // statement's own snapshot, so a post whose text changed (a new row version) is ranked by the new text.
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostAsync(connection, "rl5-a", "Kitchen notes", body: "marzipan once more", daysAgo: 1);
        await PostAsync(connection, "rl5-b", "Marzipan figures", daysAgo: 2);
        Assert.Equal(["rl5-b", "rl5-a"], await SearchData.SearchIdsAsync(connection, "marzipan", "posts"));

        await connection.ExecuteAsync("UPDATE posts SET title = 'Marzipan roses' WHERE id = 'rl5-a'");
        await connection.ExecuteAsync("UPDATE posts SET title = 'Bakery log' WHERE id = 'rl5-b'");

        // rl5-a now has the word in its title and body; rl5-b in no field any more.
        Assert.Equal(["rl5-a"], await SearchData.SearchIdsAsync(connection, "marzipan", "posts"));
        var titles = await connection.ColumnAsync<string>("SELECT title FROM search_all('marzipan', 'all')");
        Assert.Equal(["Marzipan roses"], titles);
        await transaction.RollbackAsync();
    }

    private static Task PostAsync(
        NpgsqlConnection connection, string id, string title, string? excerpt = null, string? body = null, string[]? keywords = null, int daysAgo = 0) =>
        connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, excerpt, content, "metaKeywords", published, deleted, "moderationStatus", "publishedAt", "updatedAt")
            VALUES ($1, $1, $2, $3, jsonb_build_object('blocks', CASE WHEN $4::text IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('text', $4::text)) END),
                    coalesce($5::text[], '{}'), true, false, 'APPROVED',
                    (now() AT TIME ZONE 'UTC') - $6 * interval '1 day', now() AT TIME ZONE 'UTC')
            """,
            id, title, (object?)excerpt ?? DBNull.Value, (object?)body ?? DBNull.Value, (object?)keywords ?? DBNull.Value, daysAgo);
}
