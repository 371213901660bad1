using System.Text.Json;

namespace Sparkle.Db.Benchmarks;

/// <summary>Reads EXPLAIN (FORMAT JSON) output.</summary>
/// <remarks>See https://www.postgresql.org/docs/15/sql-explain.html; node fields "Node Type", "Relation Name", "Index Name", "Plans".</remarks>
public static class PlanAnalyzer
{
    /// <param name="json">The single text value EXPLAIN (FORMAT JSON) returns.</param>
    /// <param name="rootIndexName">Maps an index name as seen in the plan (e.g. a partition's index) to the name the catalog uses; identity when null.</param>
    public static PlanSummary Parse(string json, Func<string, string>? rootIndexName = null)
    {
        using var document = JsonDocument.Parse(json);
        var plan = document.RootElement[0].GetProperty("Plan");
        var scans = new List<PlanScan>();
        Walk(plan, scans, rootIndexName ?? (s => s));
        var root = plan.GetProperty("Node Type").GetString()!;
        // The main node: the first index access in plan order, else the first scan, else the root.
        var main = scans.FirstOrDefault(s => s.Index is not null) ?? scans.FirstOrDefault();
        var cost = plan.TryGetProperty("Total Cost", out var c) ? c.GetDouble() : 0;
        return new PlanSummary(root, main?.NodeType ?? root, main?.Index, scans, cost);
    }

    /// <summary>The "Planning Time" (ms) of EXPLAIN (SUMMARY ON, FORMAT JSON) output; null when the summary is absent.</summary>
    public static double? PlanningTime(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].TryGetProperty("Planning Time", out var t) ? t.GetDouble() : null;
    }

    private static void Walk(JsonElement node, List<PlanScan> scans, Func<string, string> rootIndexName)
    {
        var type = node.GetProperty("Node Type").GetString()!;
        var relation = node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null;
        var index = node.TryGetProperty("Index Name", out var i) ? rootIndexName(i.GetString()!) : null;
        if (index is not null || relation is not null || type == "Function Scan")
        {
            scans.Add(new PlanScan(type, relation, index));
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, scans, rootIndexName);
            }
        }
    }
}
