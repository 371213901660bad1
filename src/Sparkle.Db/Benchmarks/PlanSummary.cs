namespace Sparkle.Db.Benchmarks;

/// <summary>A plan node that reads a relation: its type, relation and index (null for Seq Scan and the like).</summary>
public sealed record PlanScan(string NodeType, string? Relation, string? Index);

/// <summary>What EXPLAIN (FORMAT JSON) says about one query: the root node, the main access node and every scan.</summary>
public sealed record PlanSummary(string RootNode, string MainNode, string? MainIndex, IReadOnlyList<PlanScan> Scans, double TotalCost)
{
    public IEnumerable<string> Indexes => Scans.Where(s => s.Index is not null).Select(s => s.Index!).Distinct(StringComparer.Ordinal);

    public IEnumerable<string> SeqScannedRelations => Scans.Where(s => s.NodeType == "Seq Scan").Select(s => s.Relation ?? "?").Distinct(StringComparer.Ordinal);

    public bool HasSeqScan => Scans.Any(s => s.NodeType == "Seq Scan");

    public bool Uses(string index) => Indexes.Contains(index, StringComparer.Ordinal);
}
