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
    [InlineData("idx_post_title_excerpt_trgm", "posts", "gin")]
    [InlineData("idx_post_title_prefix", "posts", "btree")]
    [InlineData("idx_user_username_prefix", "users", "btree")]
    [InlineData("idx_group_name_prefix", "groups", "btree")]
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
        // (phase 005's updatedAt trigger included) for this write; the backfill itself runs with triggers on.
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
    public async Task Backfill_without_superuser_neither_blocks_a_writer_nor_bumps_updatedAt()
    {
        await using var connection = await db.OpenAsync();
        await SearchData.PostAsync(connection, "si2-a", "Pegasus meadow");
        await SearchData.PostAsync(connection, "si2-b", "Pegasus river");
        await connection.ExecuteAsync("SET session_replication_role = replica");
        await connection.ExecuteAsync("""UPDATE posts SET search_vector = NULL, "updatedAt" = '2001-02-03 04:05:06' WHERE id LIKE 'si2-%'""");
        await connection.ExecuteAsync("RESET session_replication_role");
        // A migrator that is not superuser (a managed service's admin role): it owns the table and has every right
        // on the others, but may not set session_replication_role.
        await connection.ExecuteAsync(
            """
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'si2_migrator') THEN CREATE ROLE si2_migrator NOSUPERUSER; END IF; END $$;
            GRANT USAGE ON SCHEMA sparkle_db TO si2_migrator;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO si2_migrator;
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public, sparkle_db TO si2_migrator;
            GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA sparkle_db TO si2_migrator;
            ALTER TABLE posts OWNER TO si2_migrator;
            """);

        // The application is in the middle of writing a post: its transaction holds ROW EXCLUSIVE on posts.
        await using var app = await db.OpenAsync();
        await app.ExecuteAsync("BEGIN");
        await SearchData.PostAsync(app, "si2-app", "Pegasus writer");

        await using var migrator = await db.OpenAsync();
        await migrator.ExecuteAsync("SET ROLE si2_migrator");
        await migrator.ExecuteAsync("SET lock_timeout = '1s'");
        // Disabling triggers per batch needed SHARE ROW EXCLUSIVE and waited for the writer until 55P03.
        await migrator.ExecuteAsync("CALL sparkle_db.backfill_search_vectors('posts', 1)");
        await app.ExecuteAsync("COMMIT");

        Assert.False(await migrator.ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(["si2-a", "si2-app", "si2-b"], (await SearchData.SearchIdsAsync(connection, "pegasus")).Order(StringComparer.Ordinal));
        Assert.Equal(
            [new DateTime(2001, 2, 3, 4, 5, 6), new DateTime(2001, 2, 3, 4, 5, 6)],
            await connection.ColumnAsync<DateTime>("""SELECT "updatedAt" FROM posts WHERE id IN ('si2-a', 'si2-b') ORDER BY id"""));
        // An ordinary update (no backfill flag) still stamps "updatedAt".
        await connection.ExecuteAsync("UPDATE posts SET title = 'Pegasus meadows' WHERE id = 'si2-a'");
        Assert.NotEqual(new DateTime(2001, 2, 3, 4, 5, 6), await connection.ScalarAsync<DateTime>("""SELECT "updatedAt" FROM posts WHERE id = 'si2-a'"""));
        await connection.ExecuteAsync("ALTER TABLE posts OWNER TO CURRENT_USER");
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

    [Fact]
    public async Task The_apps_title_or_excerpt_search_reads_both_columns_from_one_trigram_index()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SearchData.PostAsync(connection, "si9-title", "Moonstone carving");
        await SearchData.PostAsync(connection, "si9-excerpt", "Weekend notes", excerpt: "more moonstone work");
        await SearchData.PostAsync(connection, "si9-neither", "Weekend notes", excerpt: "sunstone only");
        await SearchData.PostAsync(connection, "si9-draft", "Moonstone draft", published: false);
        // A test database is too small for the planner to prefer an index, so the plan is asked for as on a large
        // table: no whole-table read, and a pattern test on every row priced far above the index's recheck of its
        // candidates. The plan then shows whether one index can answer both arms of the OR.
        await connection.ExecuteAsync("SET LOCAL enable_seqscan = off");
        await connection.ExecuteAsync("SET LOCAL enable_indexscan = off");
        await connection.ExecuteAsync("SET LOCAL cpu_operator_cost = 10");
        // The app's statement (search.service searchPostsInDatabase, Prisma contains + insensitive).
        const string sql = """
            SELECT id FROM posts
            WHERE published = true AND deleted = false AND (title ILIKE $1 OR excerpt ILIKE $1)
            ORDER BY featured DESC, "publishedAt" DESC LIMIT 20 OFFSET 0
            """;

        var plan = string.Join('\n', await connection.ColumnAsync<string>("EXPLAIN " + sql.Replace("$1", "'%MoonStone%'")));
        var ids = await connection.ColumnAsync<string>(sql, "%MoonStone%");

        Assert.True(plan.Contains("BitmapOr"), plan);
        Assert.Equal(2, plan.Split("idx_post_title_excerpt_trgm").Length - 1);
        Assert.Equal(["si9-excerpt", "si9-title"], ids.Order(StringComparer.Ordinal).ToArray());
        await transaction.RollbackAsync();
    }
}
