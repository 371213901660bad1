using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class PlanIndexCatalogTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // One row per index of public that is not a partition's copy, with the facts the checks compare.
    private const string PublicIndexes =
        """
        SELECT i.relname || '|' || t.relname || '|' || am.amname || '|' || (x.indisvalid AND x.indisready)::text
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
          JOIN pg_am am ON am.oid = i.relam
         WHERE n.nspname = 'public' AND NOT i.relispartition
        """;

    [Fact]
    public async Task Every_planned_index_exists_valid_on_its_table_with_its_method()
    {
        var found = await IndexesByNameAsync();

        var problems = PlanIndexes.Expected
            .Select(p => (Planned: p, Found: found.GetValueOrDefault(p.Name)))
            .Where(x => x.Found != $"{x.Planned.Table}|{x.Planned.Method}|true")
            .Select(x => $"{x.Planned.Name}: expected {x.Planned.Table}|{x.Planned.Method}|true, found {x.Found ?? "nothing"}")
            .ToArray();

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Skipped_plan_indexes_are_absent()
    {
        var found = await IndexesByNameAsync();

        Assert.Equal(34, PlanIndexes.Skipped.Count());
        Assert.Contains(PlanIndexes.Skipped, i => i.Name == "idx_posts_listing_covering");
        Assert.Contains(PlanIndexes.Skipped, i => i.Name == "idx_post_content");
        Assert.DoesNotContain(PlanIndexes.Skipped, i => found.ContainsKey(i.Name));
    }

    [Fact]
    public void Every_departure_states_its_reason()
    {
        Assert.All(PlanIndexes.All.Where(i => i.Departure != PlanDeparture.None), i => Assert.False(string.IsNullOrWhiteSpace(i.Reason), i.Name));
        Assert.Equal(36, PlanIndexes.Expected.Count(i => i.Origin == IndexOrigin.Phase002));
        Assert.Equal(11, PlanIndexes.Expected.Count(i => i.Origin == IndexOrigin.Phase008));
    }

    [Fact]
    public async Task No_index_in_public_is_invalid()
    {
        var found = await IndexesByNameAsync();

        Assert.Empty(found.Where(f => !f.Value.EndsWith("|true", StringComparison.Ordinal)).Select(f => f.Key));
    }

    // V-1 / V-1b: counted through pg_am on non-partition indexes, never by matching text in indexdef (D-47).
    [Fact]
    public async Task Public_has_the_30_json_gin_indexes_kept_and_the_one_array_index_kept()
    {
        var found = await IndexesByNameAsync();
        var gin = found.Where(f => f.Value.EndsWith("|gin|true", StringComparison.Ordinal)).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(30, PlanIndexes.Expected.Count(i => i.Origin == IndexOrigin.Phase002 && i.Method == "gin" && gin.Contains(i.Name)));
        Assert.Equal(["idx_post_tags_gin"], PlanIndexes.Expected.Where(i => i.Origin == IndexOrigin.Phase008 && i.Method == "gin" && gin.Contains(i.Name)).Select(i => i.Name));
        Assert.True(gin.Count >= 31, $"{gin.Count} valid GIN indexes in public");
    }

    // V-2: the two "v4.3 composite indexes" by exact name, with the predicates of 8.1 #24/#25.
    [Theory]
    [InlineData("idx_posts_scheduled_publish", "((\"scheduledPublishAt\" IS NOT NULL) AND (\"contentStatus\" = 'SCHEDULED'::\"ContentStatus\") AND (deleted = false))")]
    [InlineData("idx_messages_delivery_queue", "((status = ANY (ARRAY['SENT'::\"MessageStatus\", 'DELIVERED'::\"MessageStatus\"])) AND (deleted = false))")]
    public async Task Composite_index_has_the_planned_predicate(string index, string predicate)
    {
        await using var connection = await db.OpenAsync();

        var found = await connection.ScalarAsync<string>(
            "SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x WHERE x.indexrelid = to_regclass('public.' || quote_ident($1))", index);

        Assert.Equal(predicate, found);
    }

    // D-33: no planned B-tree carries an unbounded text or JSON column in its key or INCLUDE list.
    [Theory]
    [InlineData("idx_notifications_display_covering", "message")]
    public async Task Covering_index_leaves_out_the_unbounded_text_column(string index, string column)
    {
        await using var connection = await db.OpenAsync();

        var columns = await connection.ColumnAsync<string>(
            """
            SELECT a.attname::text FROM pg_index x
              JOIN pg_attribute a ON a.attrelid = x.indexrelid
             WHERE x.indexrelid = to_regclass('public.' || quote_ident($1))
            """,
            index);

        Assert.NotEmpty(columns);
        Assert.DoesNotContain(column, columns);
    }

    [Fact]
    public async Task A_post_with_a_long_excerpt_and_an_author_with_a_long_bio_can_be_saved()
    {
        await using var connection = await db.OpenAsync();
        var longText = string.Concat(Enumerable.Range(0, 2000).Select(i => Guid.NewGuid().ToString("N")));

        await connection.ExecuteAsync(
            """INSERT INTO users (id, email, username, "updatedAt", bio) VALUES ('u-long', 'long@example.test', 'long', now(), $1)""", longText);
        await connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, content, "updatedAt", "authorId", excerpt, published, "publishedAt")
            VALUES ('p-long', 'p-long', 'Long', '{"blocks": []}', now(), 'u-long', $1, true, now())
            """,
            longText);

        Assert.Equal(1L, await connection.ScalarAsync<long>("SELECT count(*) FROM posts WHERE id = 'p-long'"));
    }

    private async Task<Dictionary<string, string>> IndexesByNameAsync()
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.ColumnAsync<string>(PublicIndexes);
        return rows.Select(r => r.Split('|', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }
}
