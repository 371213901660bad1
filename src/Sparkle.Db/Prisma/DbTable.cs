namespace Sparkle.Db.Prisma;

/// <summary>A table Prisma creates, for a model or for an implicit many-to-many relation (<see cref="ModelName"/> null).</summary>
public sealed record DbTable(
    string Name,
    string? ModelName,
    IReadOnlyList<DbColumn> Columns,
    DbPrimaryKey? PrimaryKey,
    IReadOnlyList<DbIndex> Indexes)
{
    public DbColumn? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
