using Sparkle.Db.Benchmarks;
using Xunit;

namespace Sparkle.Db.Tests.Data;

public sealed class BenchVerdictsTests
{
    [Fact]
    public void An_index_gets_its_target_querys_ratio_other_users_and_an_unused_plan_index_says_so()
    {
        var report = BenchVerdicts.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "performance.json")), "docs/performance.json");

        var verdicts = BenchVerdicts.For(report);

        foreach (var query in report.Queries.Where(q => q.IntendedIndex.Length > 1))
        {
            Assert.Contains(query.Name + ": ", verdicts[query.IntendedIndex].Verdict, StringComparison.Ordinal);
        }

        var notification = report.Queries.Single(q => q.Name == "notification_panel");
        var verdict = verdicts[notification.IntendedIndex];
        Assert.Equal(notification.Class, verdict.Class);
        // Every query that intends the index is named with its ratio (notification_list intends it too).
        Assert.Contains($"notification_panel: {notification.Ratio!.Value:0}× vs the data model's indexes", verdict.Verdict, StringComparison.Ordinal);
        foreach (var unused in report.PlanIndexes.Where(p => p.UsedBy.Count == 0 && report.Queries.All(q => q.IntendedIndex != p.Name)))
        {
            Assert.StartsWith("served no hot query", verdicts[unused.Name].Verdict, StringComparison.Ordinal);
            Assert.Null(verdicts[unused.Name].Class);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_report_is_one_clear_error()
    {
        var error = Assert.Throws<InvalidInputException>(() => BenchVerdicts.Parse("{ \"scale\": \"big\" }", "x.json"));
        Assert.StartsWith("x.json is not a benchmark report", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sparkle.Db.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (Sparkle.Db.slnx) is not above the test binaries.");
    }
}
