using Sparkle.Db.Benchmarks;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class BenchGoalsTests
{
    private static QuerySide Side(string? index, double p50, double? server, params string[] seqScans) =>
        new(index is null ? "Seq Scan" : "Index Scan", index, index is null ? [] : [index], seqScans, 10, p50, p50 * 2, server, 3, 0, null);

    private static QueryResult Query(string name, string kind, string intended, QuerySide plan, QuerySide baseline)
    {
        var ratio = RatioClassifier.Ratio(baseline.ServerMeanMs, plan.ServerMeanMs);
        return new QueryResult(name, kind, intended, "", [], plan, baseline, ratio, RatioClassifier.Ratio(baseline.P50, plan.P50),
            RatioClassifier.Classify(ratio), plan.Indexes.Contains(intended));
    }

    private static BenchReport Report(IReadOnlyList<QueryResult> queries) => new()
    {
        GeneratedAtUtc = "2026-11-24 00:00 UTC",
        Scale = 1,
        Seed = 1,
        Runs = 10,
        ServerVersion = "15",
        ProcessorCount = 2,
        Migrations = [],
        SeedRows = new Dictionary<string, long>(),
        SeedSeconds = 1,
        SeedRowsPerSecond = 1,
        Floor = new FloorResult(0.03, 0.05, 0.05, 0.08),
        Queries = queries,
        Writes = [new WriteResult("reactions", 400, 100, 400, 0.25), new WriteResult("messages", 400, 400, 400, 1.0)],
        Migration = new MigrationResult([], 10, [new WriterResult("notifications", 100, 0, 3500, 20, "007_partitioning"), new WriterResult("posts", 100, 0, 80, 20, null)])
        {
            Conversions = [new ConversionResult("notifications", 1000, 1, 2, 1, 3400, 20)],
            ConversionWriterMaxMs = 3500,
        },
        Refreshes = [],
        PlanIndexes = [new PlanIndexUse("idx_used", "posts", 1 << 20, ["feed"]), new PlanIndexUse("idx_big_unused", "reactions", 1 << 20, []), new PlanIndexUse("idx_small", "tags", 8192, [])],
        TableRows = new Dictionary<string, long> { ["events"] = 1000 },
        LoadAverage = "1 1 1",
    };

    [Fact]
    public void Each_missed_goal_is_reported_with_its_size()
    {
        var findings = BenchGoals.Evaluate(Report(
        [
            Query("feed", "feed", "idx_used", Side("idx_used", 0.2, 0.05), Side("prisma_idx", 0.2, 0.1)),
            Query("events", "keyed", "idx_events_gin", Side(null, 1.5, 0.06, "events"), Side(null, 1.0, 0.03, "events")),
        ]));

        Assert.Contains(findings, f => f.StartsWith("BELOW 10× `feed`", StringComparison.Ordinal) && f.Contains("2.0×", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("SEQ SCAN `events` reads events (~1,000 rows)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("OFF INDEX `events`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("SLOW `events` (keyed) client p50 1.50 ms, 1.5×", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("REGRESSION `events`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("WRITE COST inserts into reactions run at 25 %", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("into messages", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("STALL a writer into notifications waited 3.5 s during 007_partitioning", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("into posts waited", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("CONVERSION WAIT an insert into a table phase 007 converts waited 3500 ms", StringComparison.Ordinal) && f.Contains("17.5×", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("UNUSED `idx_big_unused` on reactions (1.0 MB)", StringComparison.Ordinal) && f.Contains("25 %", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("UNUSED 1 more plan indexes under 64 kB", StringComparison.Ordinal));
    }

    [Fact]
    public void A_few_microseconds_on_a_tiny_query_are_negligible_not_a_regression()
    {
        // Floor: SELECT 1 p50 0.03 ms, so a tenth is 3 µs. 2 µs slower is negligible; 4 µs is a regression.
        var findings = BenchGoals.Evaluate(Report(
        [
            Query("card", "keyed", "prisma_idx", Side("prisma_idx", 0.1, 0.008), Side("prisma_idx", 0.1, 0.006)),
            Query("count", "keyed", "prisma_idx", Side("prisma_idx", 0.1, 0.010), Side("prisma_idx", 0.1, 0.006)),
        ]));

        Assert.Contains(findings, f => f.StartsWith("NEGLIGIBLE `card` is slower with the plan by 2 µs", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("REGRESSION `card`", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("REGRESSION `count`", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("NEGLIGIBLE `count`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_query_meant_for_a_data_model_index_is_not_held_to_the_ten_times_goal()
    {
        var findings = BenchGoals.Evaluate(Report([Query("chat", "keyed", "prisma_idx", Side("prisma_idx", 0.2, 0.1), Side("prisma_idx", 0.2, 0.1))]));
        Assert.DoesNotContain(findings, f => f.Contains("`chat`", StringComparison.Ordinal));
    }
}
