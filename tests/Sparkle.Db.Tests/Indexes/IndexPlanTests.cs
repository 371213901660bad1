using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Indexes;

public sealed class IndexPlanTests(IndexDataSetFixture db) : IClassFixture<IndexDataSetFixture>
{
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
}
