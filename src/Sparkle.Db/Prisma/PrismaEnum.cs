namespace Sparkle.Db.Prisma;

/// <summary>An <c>enum</c> block.</summary>
public sealed record PrismaEnum(
    string Name,
    IReadOnlyList<PrismaEnumValue> Values,
    IReadOnlyList<PrismaAttribute> BlockAttributes,
    string? Documentation,
    int Line)
{
    /// <summary>The PostgreSQL type name: <c>@@map("…")</c> or the enum name.</summary>
    public string DatabaseName =>
        BlockAttributes.FirstOrDefault(a => string.Equals(a.Name, "map", StringComparison.Ordinal))?.StringArgument("name", 0) ?? Name;

    /// <summary>The database name of the value called <paramref name="name"/> in the schema.</summary>
    public string DatabaseValue(string name) =>
        Values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))?.DatabaseName ?? name;
}
