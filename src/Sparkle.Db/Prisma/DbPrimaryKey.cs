namespace Sparkle.Db.Prisma;

/// <summary>A primary key constraint.</summary>
public sealed record DbPrimaryKey(string Name, IReadOnlyList<string> Columns)
{
    public override string ToString() => $"PRIMARY KEY ({string.Join(", ", Columns)})";
}
