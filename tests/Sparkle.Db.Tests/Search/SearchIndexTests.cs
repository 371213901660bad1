using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Search;

public sealed class SearchIndexTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Theory]
    [InlineData("idx_post_search_vector", "posts", "gin")]
    [InlineData("idx_user_search_vector", "users", "gin")]
    [InlineData("idx_group_search_vector", "groups", "gin")]
    [InlineData("idx_event_search_vector", "events", "gin")]
    [InlineData("idx_post_title_trgm", "posts", "gin")]
    [InlineData("idx_post_title_prefix", "posts", "btree")]
    [InlineData("idx_user_username_trgm", "users", "gin")]
    [InlineData("idx_group_name_trgm", "groups", "gin")]
    public async Task Search_index_exists_and_is_valid(string index, string table, string method)
    {
        await using var connection = await db.OpenAsync();

        var found = await connection.ScalarAsync<string>(
            """
            SELECT t.relname || ':' || am.amname || ':' || (x.indisvalid AND x.indisready)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_am am ON am.oid = i.relam
            WHERE i.relname = $1 AND i.relnamespace = 'public'::regnamespace
            """,
            index);

        Assert.Equal($"{table}:{method}:true", found);
    }

    [Fact]
    public async Task Backfill_fills_missing_vectors_without_bumping_updatedAt()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "si1-post", "Unicorn stable");
        // A row as it was before phase 006: no vector, an old "updatedAt". Replica mode silences every trigger
        // (phase 005's updatedAt trigger included) for this write.
        await connection.ExecuteAsync("SET session_replication_role = replica");
        await connection.ExecuteAsync("""UPDATE posts SET search_vector = NULL, "updatedAt" = '2001-02-03 04:05:06' WHERE id = 'si1-post'""");
        await connection.ExecuteAsync("RESET session_replication_role");

        await connection.ExecuteAsync("CALL sparkle_db.backfill_search_vectors('posts', 2)");

        Assert.Equal(["si1-post"], await SearchData.SearchIdsAsync(connection, "unicorn"));
        Assert.Equal(
            new DateTime(2001, 2, 3, 4, 5, 6),
            await connection.ScalarAsync<DateTime>("""SELECT "updatedAt" FROM posts WHERE id = 'si1-post'"""));
    }

    [Fact]
    public async Task Posts_search_uses_the_gin_index()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // 400 live posts, 2 of them about unicorns, analyzed, no sequential scan: the partial GIN index is the selective
        // path for the visible-post predicate search uses (on an empty table any index is as cheap).
        await connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, content, published, deleted, "moderationStatus", "updatedAt")
            SELECT 'si3-' || g, 'si3-' || g, CASE WHEN g % 150 = 0 THEN 'Unicorn care ' ELSE 'Garden notes ' END || g,
                   '{"blocks":[]}'::jsonb, true, false, 'APPROVED', now() AT TIME ZONE 'UTC'
            FROM generate_series(1, 400) g
            """);
        await connection.ExecuteAsync("ANALYZE posts");
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off");

        var plan = await connection.ScalarAsync<string>(
            """
            EXPLAIN (FORMAT JSON) SELECT id FROM posts
            WHERE search_vector @@ plainto_tsquery('english', 'unicorn')
              AND published AND NOT deleted AND "moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
            """);

        Assert.Contains("idx_post_search_vector", plan, StringComparison.Ordinal);
        await transaction.RollbackAsync();
    }
}
