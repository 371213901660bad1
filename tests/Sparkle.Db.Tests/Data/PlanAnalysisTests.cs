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
    public void The_chart_is_well_formed_svg_with_each_query_named_and_its_bar_coloured_by_class()
    {
        var svg = RatioChart.Render([(1, "user_by_email", 12.0, RatioClass.TenTimes), (2, "home_feed <&>", 0.5, RatioClass.Slower), (3, "search_all", null, RatioClass.NotComparable)]);

        // Parsed by the XML reader (an independent check of well-formedness and escaping).
        var document = System.Xml.Linq.XDocument.Parse(svg);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        var texts = document.Descendants(ns + "text").Select(t => t.Value).ToArray();
        Assert.Contains("1  user_by_email", texts);
        Assert.Contains("2  home_feed <&>", texts);
        Assert.Contains("n/a (no baseline)", texts);
        var bars = document.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToArray();
        Assert.Equal(2, bars.Length);
        Assert.Equal(RatioChart.Colour(RatioClass.TenTimes), bars[0].Attribute("fill")!.Value);
        Assert.Equal(RatioChart.Colour(RatioClass.Slower), bars[1].Attribute("fill")!.Value);

        // 12x is log10(12) = 1.08 decades right of the 1x line; 0.5x is 0.30 decades left of it.
        var one = double.Parse(document.Descendants(ns + "line").Single(l => l.Attribute("stroke")!.Value == "#202124").Attribute("x1")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        double X(System.Xml.Linq.XElement e, string a) => double.Parse(e.Attribute(a)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(one, X(bars[0], "x"));
        Assert.Equal(Math.Log10(12) / Math.Log10(0.5) * -1, X(bars[0], "width") / X(bars[1], "width"), 1);
        Assert.Equal(one, X(bars[1], "x") + X(bars[1], "width"), 1);
    }
}
