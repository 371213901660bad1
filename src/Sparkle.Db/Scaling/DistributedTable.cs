namespace Sparkle.Db.Scaling;

/// <summary>A table the proposal shards by <paramref name="Column"/>; tables of one <paramref name="Group"/> are co-located
/// (their shards of equal key live on the same node, so joins and foreign keys on the key stay on one node).</summary>
public sealed record DistributedTable(string Table, string Column, string Group);
