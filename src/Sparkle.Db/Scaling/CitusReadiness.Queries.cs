using System.Text.RegularExpressions;
using Sparkle.Db.Benchmarks;

namespace Sparkle.Db.Scaling;

public static partial class CitusReadiness
{
    /// <summary>
    /// Hot queries that read a distributed table without an equality filter on its distribution column (= $n, = ANY(...),
    /// IN (...)): Citus cannot route them to one shard, so they run on every shard. Read from the SQL text: a table
    /// named after FROM or JOIN, the column quoted as the migrations write it.
    /// </summary>
    private static (List<CitusFinding> Findings, int Checked, int Routable) Queries(DistributionPlan plan, IReadOnlyList<HotQuery> queries)
    {
        var findings = new List<CitusFinding>();
        var touching = 0;
        foreach (var query in queries)
        {
            var code = CommentPattern().Replace(query.Sql, " ");
            var distributed = TablePattern().Matches(code).Select(m => m.Groups[1].Value).Distinct()
                .Select(plan.DistributionOf).OfType<DistributedTable>().ToList();
            if (distributed.Count == 0)
            {
                continue;
            }

            touching++;
            var unfiltered = distributed.Where(d => !Regex.IsMatch(code, KeyFilter(d.Column), RegexOptions.IgnoreCase)).ToList();
            if (unfiltered.Count > 0)
            {
                findings.Add(new CitusFinding(CitusFindingKind.QueryWithoutDistributionKey, unfiltered[0].Table, query.Name,
                    $"reads {string.Join(", ", unfiltered.Select(d => $"{d.Table} without a filter on \"{d.Column}\""))}: it runs on every shard"));
            }
        }

        return (findings, touching, touching - findings.Count);
    }

    private static string KeyFilter(string column)
    {
        var name = column == column.ToLowerInvariant() ? $"(?:\"{column}\"|\\b{column})" : Regex.Escape($"\"{column}\"");
        return $@"(?:\w+\.)?{name}\s*(?:=\s*(?:\$\d|ANY\b)|IN\s*\()|\$\d\s*=\s*(?:\w+\.)?{name}";
    }

    [GeneratedRegex("""\b(?:FROM|JOIN)\s+(?:ONLY\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex TablePattern();
}
