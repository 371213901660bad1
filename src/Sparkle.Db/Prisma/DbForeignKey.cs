namespace Sparkle.Db.Prisma;

/// <summary>A foreign key constraint Prisma adds with <c>ALTER TABLE … ADD CONSTRAINT</c>.</summary>
public sealed record DbForeignKey(
    string Name,
    string Table,
    IReadOnlyList<string> Columns,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    DbReferentialAction OnDelete,
    DbReferentialAction OnUpdate)
{
    public override string ToString() =>
        $"({string.Join(", ", Columns)}) REFERENCES {ReferencedTable}({string.Join(", ", ReferencedColumns)}) " +
        $"ON DELETE {OnDelete.ToSql()} ON UPDATE {OnUpdate.ToSql()}";
}
