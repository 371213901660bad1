using System.Globalization;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// The goals the plan is held to, checked against a report: every hot query on its intended index; keyed and
/// feed p50 &lt; 1 ms; search &lt; 10 ms; plan indexes ≥ 10× the baseline on their target queries; single-row inserts
/// and the app's updates with the plan ≥ 80 % of the baseline rate (issue 17); no writer stalled &gt; 1 s while the
/// phases were applied; no insert into a table phase 007 converts waited ≥ 200 ms during the conversion.
/// </summary>
public static class BenchGoals
{
    public const double FastQueryMs = 1.0;
    public const double SearchMs = 10.0;
    public const double TargetRatio = 10.0;
    public const double MinimumInsertRatio = 0.8;
    public const double MaxStallMs = 1000.0;
    public const double ConversionWaitMs = 200.0;

    /// <summary>
    /// A query slower with the plan by less than this share of the run's own round trip (SELECT 1, client p50) is
    /// reported as negligible, not as a regression: a few microseconds of server time on a query that answers in
    /// 0.01 ms swing the ratio below 0.9 without any client being able to see it.
    /// </summary>
    public const double NegligibleShareOfRoundTrip = 0.1;

    public static IReadOnlyList<string> Evaluate(BenchReport report)
    {
        var findings = new List<string>();
        // The 10x goal is for the plan's own indexes; a query meant for a data-model index is only checked for use.
        var planIndexes = report.PlanIndexes.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var q in report.Queries)
        {
            if (q.Plan.Error is { } error)
            {
                findings.Add($"ERROR `{q.Name}` fails on the plan database: {error}");
                continue;
            }

            if (q.Plan.SeqScans.Count > 0)
            {
                var tables = string.Join(", ", q.Plan.SeqScans.Select(t => report.TableRows.TryGetValue(t, out var n) ? F($"{t} (~{n:N0} rows)") : t));
                findings.Add($"SEQ SCAN `{q.Name}` reads {tables} sequentially with the plan.");
            }

            if (q.IntendedIndex != "-" && !q.OnIntendedIndex)
            {
                var used = q.Plan.Indexes.Count > 0 ? string.Join(", ", q.Plan.Indexes.Select(i => $"`{i}`")) : "no index";
                findings.Add($"OFF INDEX `{q.Name}` is meant for `{q.IntendedIndex}` but the planner chose {used} ({q.Plan.MainNode}).");
            }

            var goal = q.Kind switch { "keyed" or "feed" or "queue" => FastQueryMs, "search" => SearchMs, _ => (double?)null };
            if (goal is { } g && q.Plan.P50 >= g)
            {
                findings.Add(F($"SLOW `{q.Name}` ({q.Kind}) client p50 {q.Plan.P50:F2} ms, {q.Plan.P50 / g:F1}× the {g:0} ms goal (server mean {q.Plan.ServerMeanMs:F3} ms)."));
            }

            if (q.Class == RatioClass.Slower && q.Plan.ServerMeanMs - q.Baseline?.ServerMeanMs is { } extra
                && extra < NegligibleShareOfRoundTrip * report.Floor.SelectOneP50)
            {
                findings.Add(F($"NEGLIGIBLE `{q.Name}` is slower with the plan by {extra * 1000:F0} µs of server time (ratio {q.Ratio:F2}; plan {q.Plan.ServerMeanMs:F3} ms vs baseline {q.Baseline!.ServerMeanMs:F3} ms), under a tenth of this run's round trip (SELECT 1 p50 {report.Floor.SelectOneP50:F3} ms): not counted as a regression."));
            }
            else if (q.Class == RatioClass.Slower)
            {
                findings.Add(F($"REGRESSION `{q.Name}` is slower with the plan: ratio {q.Ratio:F2} (server mean plan {q.Plan.ServerMeanMs:F3} ms vs baseline {q.Baseline!.ServerMeanMs:F3} ms; client p50 {q.Plan.P50:F3} vs {q.Baseline.P50:F3} ms)."));
            }
            else if (q.OnIntendedIndex && planIndexes.Contains(q.IntendedIndex) && q.Ratio is { } r && r < TargetRatio)
            {
                var baselineIndex = q.Baseline?.MainIndex is { } b ? $"the baseline already answers it with `{b}`" : $"the baseline answers it with {q.Baseline?.MainNode}";
                findings.Add(F($"BELOW 10× `{q.Name}`: `{q.IntendedIndex}` gives {r:F1}×; {baselineIndex}."));
            }
        }

        foreach (var w in report.Writes)
        {
            if (w.Ratio < MinimumInsertRatio)
            {
                var what = w.Kind == "insert" ? "inserts into " + w.Table : "updates (" + w.Table + ")";
                findings.Add(F($"WRITE COST {what} run at {w.Ratio:P0} of the baseline rate ({w.PlanRowsPerSecond:F0} vs {w.BaselineRowsPerSecond:F0} rows/s), below the {MinimumInsertRatio:P0} goal."));
            }
        }

        foreach (var w in report.Migration.Writers)
        {
            if (w.MaxMs > MaxStallMs)
            {
                findings.Add(F($"STALL a writer into {w.Table} waited {w.MaxMs / 1000:F1} s during {w.MaxDuring ?? "the migration"} ({w.MaxMs / MaxStallMs:F1}× the 1 s goal)."));
            }
        }

        if (report.Migration.ConversionWriterMaxMs is { } wait && wait >= ConversionWaitMs)
        {
            findings.Add(F($"CONVERSION WAIT an insert into a table phase 007 converts waited {wait:F0} ms during the conversion ({wait / ConversionWaitMs:F1}× the {ConversionWaitMs:0} ms goal)."));
        }

        // Unused plan indexes: one line each from 64 kB up, the small ones counted together.
        var unused = report.PlanIndexes.Where(i => i.UsedBy.Count == 0).ToArray();
        foreach (var i in unused.Where(i => i.SizeBytes >= 64 * 1024))
        {
            // Per-index write cost is not isolated; the measured insert rate of its table (all plan objects together) stands in.
            var write = report.Writes.FirstOrDefault(w => w.Kind == "insert" && w.Table == i.Table);
            var cost = write is null ? "" : F($"; inserts into {i.Table} run at {write.Ratio:P0} of the baseline rate with all plan objects");
            findings.Add(F($"UNUSED `{i.Name}` on {i.Table} ({i.SizeBytes / 1048576.0:F1} MB) served no hot query{cost}."));
        }

        var small = unused.Where(i => i.SizeBytes < 64 * 1024).ToArray();
        if (small.Length > 0)
        {
            findings.Add(F($"UNUSED {small.Length} more plan indexes under 64 kB each (together {small.Sum(i => i.SizeBytes) / 1024.0:F0} kB) served no hot query: see the index table."));
        }

        return findings;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
