using Sparkle.Db.Prisma;

namespace Sparkle.Db.Verification.Prisma;

/// <summary>
/// What one schema of a live database holds, in the shapes of <see cref="PrismaDatabaseModel"/> so both
/// sides compare directly. Indexes include the primary keys' indexes; <see cref="PrimaryKeys"/> is keyed by table.
/// </summary>
public sealed record CatalogSnapshot(
    IReadOnlySet<string> Extensions,
    IReadOnlyList<DbEnum> Enums,
    IReadOnlySet<string> Tables,
    IReadOnlyList<CatalogColumn> Columns,
    IReadOnlyDictionary<string, DbPrimaryKey> PrimaryKeys,
    IReadOnlyList<DbIndex> Indexes,
    IReadOnlyList<DbForeignKey> ForeignKeys)
{
    /// <summary>
    /// Partition key columns of each partitioned table. Phase 007 partitions some tables, whose primary key then
    /// has to be (id, partition key); the comparer accepts exactly that widening.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PartitionKeys { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
