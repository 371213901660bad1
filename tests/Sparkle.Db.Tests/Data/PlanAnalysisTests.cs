using Sparkle.Db.Benchmarks;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class PlanAnalysisTests
{
    private const string IndexScan = """
        [{"Plan": {"Node Type": "Limit", "Total Cost": 4.2, "Plans": [
          {"Node Type": "Index Scan", "Parent Relationship": "Outer", "Scan Direction": "Forward",
           "Index Name": "idx_posts_listing_covering", "Relation Name": "posts", "Alias": "posts", "Total Cost": 80.1}]}}]
        """;

    private const string BitmapAndSeq = """
        [{"Plan": {"Node Type": "Hash Join", "Total Cost": 900, "Plans": [
          {"Node Type": "Seq Scan", "Relation Name": "users", "Alias": "u"},
          {"Node Type": "Hash", "Plans": [
            {"Node Type": "Bitmap Heap Scan", "Relation Name": "groups", "Alias": "g", "Plans": [
              {"Node Type": "Bitmap Index Scan", "Index Name": "idx_group_tags_gin"}]}]}]}}]
        """;

    private const string Partitioned = """
        [{"Plan": {"Node Type": "Append", "Plans": [
          {"Node Type": "Index Scan", "Index Name": "notifications_p0_userId_createdAt_idx", "Relation Name": "notifications_p0"},
          {"Node Type": "Index Scan", "Index Name": "notifications_p1_userId_createdAt_idx", "Relation Name": "notifications_p1"}]}}]
        """;

    [Fact]
    public void An_index_scan_under_a_limit_is_the_main_node()
    {
        var plan = PlanAnalyzer.Parse(IndexScan);
        Assert.Equal("Limit", plan.RootNode);
        Assert.Equal("Index Scan", plan.MainNode);
        Assert.Equal("idx_posts_listing_covering", plan.MainIndex);
        Assert.False(plan.HasSeqScan);
        Assert.True(plan.Uses("idx_posts_listing_covering"));
        Assert.Equal(4.2, plan.TotalCost);
    }

    [Fact]
    public void A_seq_scan_beside_a_bitmap_index_scan_is_found()
    {
        var plan = PlanAnalyzer.Parse(BitmapAndSeq);
        Assert.True(plan.HasSeqScan);
        Assert.Equal(["users"], plan.SeqScannedRelations);
        Assert.Equal("Bitmap Index Scan", plan.MainNode);
        Assert.Equal("idx_group_tags_gin", plan.MainIndex);
    }

    [Fact]
    public void Partition_indexes_are_reported_under_their_parent_index()
    {
        var plan = PlanAnalyzer.Parse(Partitioned, name => name.Contains("userId_createdAt", StringComparison.Ordinal) ? "idx_notifications_unread_partial" : name);
        Assert.Equal(["idx_notifications_unread_partial"], plan.Indexes);
    }

    [Fact]
    public void A_plan_without_any_scan_falls_back_to_its_root()
    {
        var plan = PlanAnalyzer.Parse("""[{"Plan": {"Node Type": "Result"}}]""");
        Assert.Equal("Result", plan.MainNode);
        Assert.Null(plan.MainIndex);
    }

    [Theory]
    [InlineData(50, 5.5)]
    [InlineData(95, 9.55)]
    [InlineData(0, 1)]
    [InlineData(100, 10)]
    public void Percentiles_interpolate_between_closest_ranks(double p, double expected)
    {
        double[] samples = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(expected, LatencyStats.Percentile(samples, p), 6);
    }

    [Fact]
    public void The_percentile_of_one_sample_is_that_sample_and_of_none_is_nan()
    {
        Assert.Equal(3.0, LatencyStats.Percentile([3.0], 95));
        Assert.True(double.IsNaN(LatencyStats.Percentile([], 50)));
    }

    [Theory]
    [InlineData(10.0, 1.0, RatioClass.TenTimes)]
    [InlineData(5.0, 1.0, RatioClass.Faster)]
    [InlineData(1.05, 1.0, RatioClass.Same)]
    [InlineData(0.95, 1.0, RatioClass.Same)]
    [InlineData(0.5, 1.0, RatioClass.Slower)]
    public void Ratios_are_classified_against_noise_and_the_ten_times_goal(double baseline, double plan, RatioClass expected)
    {
        var ratio = RatioClassifier.Ratio(baseline, plan);
        Assert.Equal(baseline / plan, ratio!.Value, 9);
        Assert.Equal(expected, RatioClassifier.Classify(ratio));
    }

    [Fact]
    public void A_missing_side_is_not_comparable()
    {
        Assert.Null(RatioClassifier.Ratio(null, 1.0));
        Assert.Null(RatioClassifier.Ratio(2.0, 0));
        Assert.Equal(RatioClass.NotComparable, RatioClassifier.Classify(null));
    }

    [Fact]
    public void The_chart_is_a_well_formed_png()
    {
        var png = RatioChart.Render([(1, 12.0, RatioClass.TenTimes), (2, 0.5, RatioClass.Slower), (3, null, RatioClass.NotComparable)]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        // IEND's CRC is a constant of the format.
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]);
    }
}
