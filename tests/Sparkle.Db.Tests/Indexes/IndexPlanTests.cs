using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class IndexPlanTests(IndexDataSetFixture db) : IClassFixture<IndexDataSetFixture>
{
    private const string ConversationImages =
        """
        SELECT id FROM messages
         WHERE "conversationId" = 'c8' AND attachments @> '[{"type": "image"}]'
         ORDER BY "createdAt" DESC
        """;

    public static TheoryData<string> BuiltIndexes() => [.. PlanIndexes.Expected.Select(i => i.Name)];

    [Fact]
    public void Every_built_index_has_a_representative_query()
    {
        var missing = PlanIndexes.Expected.Select(i => i.Name).Except(RepresentativeQueries.ByIndex.Keys, StringComparer.Ordinal);
        var unknown = RepresentativeQueries.ByIndex.Keys.Except(PlanIndexes.Expected.Select(i => i.Name), StringComparer.Ordinal);
        Assert.Empty(missing);
        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(BuiltIndexes))]
    public async Task Index_is_used_by_its_representative_query(string index)
    {
        await using var connection = await db.OpenAsync();
        // Disabling sequential scans makes a tiny table behave like a large one; the planner still
        // chooses among all indexes, so the named one must be the cheapest fit for the query.
        await connection.ExecuteAsync("SET enable_seqscan = off");

        // On a table partitioned by phase 007 the plan names the partitions' indexes attached to this one.
        var family = await connection.ColumnAsync<string>(
            """
            WITH RECURSIVE tree(oid) AS (
                SELECT to_regclass('public.' || quote_ident($1))::oid
                UNION ALL
                SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.oid)
            SELECT c.relname::text FROM tree JOIN pg_class c ON c.oid = tree.oid
            """,
            index);

        var plan = await PlanJson.ExplainAsync(connection, RepresentativeQueries.ByIndex[index]);

        Assert.Contains(index, family);
        Assert.NotEmpty(PlanJson.IndexNames(plan).Intersect(family, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Conversation_image_query_uses_one_gin_scan_without_bitmap_and()
    {
        await using var connection = await db.OpenAsync();

        var plan = await PlanJson.ExplainAsync(connection, ConversationImages);

        Assert.Equal(["idx_message_attachments"], PlanJson.IndexNames(plan));
        Assert.DoesNotContain("BitmapAnd", PlanJson.NodeTypes(plan));
    }

    // Regression evidence for the departure of idx_message_attachments: with the plan's single-column GIN the
    // planner ANDs the conversation's B-tree with a posting list that covers a third of the table.
    [Fact]
    public async Task Plan_design_of_message_attachments_index_is_bitmap_anded_with_the_conversation_index()
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DROP INDEX idx_message_attachments");
        await connection.ExecuteAsync("CREATE INDEX plan_message_attachments ON messages USING gin (attachments) WHERE attachments IS NOT NULL");
        await connection.ExecuteAsync("ANALYZE messages");

        var plan = await PlanJson.ExplainAsync(connection, ConversationImages);

        Assert.Contains("BitmapAnd", PlanJson.NodeTypes(plan));
        Assert.Contains("plan_message_attachments", PlanJson.IndexNames(plan));
        await transaction.RollbackAsync();
    }

    // posts_in_month and feed_latest_page ask for the newest rows of a month or of the feed: the index must give
    // that order, so the scan stops at the limit instead of fetching and sorting every matching post (D104).
    [Theory]
    [InlineData("idx_posts_published_month")]
    [InlineData("idx_posts_feed_latest")]
    public async Task Newest_first_pages_read_in_index_order_without_a_sort(string index)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("SET enable_seqscan = off");

        var plan = await PlanJson.ExplainAsync(connection, RepresentativeQueries.ByIndex[index]);

        Assert.Contains(index, PlanJson.IndexNames(plan));
        Assert.DoesNotContain("Sort", PlanJson.NodeTypes(plan));
        Assert.DoesNotContain("Bitmap Heap Scan", PlanJson.NodeTypes(plan));
    }

    [Fact]
    public async Task Conversation_timeline_is_not_affected_by_the_message_json_indexes()
    {
        await using var connection = await db.OpenAsync();

        var plan = await PlanJson.ExplainAsync(connection,
            """SELECT id FROM messages WHERE "conversationId" = 'c8' ORDER BY "createdAt" DESC LIMIT 50""");

        Assert.DoesNotContain(PlanJson.IndexNames(plan), name => name.StartsWith("idx_message_", StringComparison.Ordinal));
    }
}
