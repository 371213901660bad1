namespace Sparkle.Db.Prisma;

/// <summary>A <c>model</c> block: its fields in declaration order and its block attributes (<c>@@…</c>).</summary>
public sealed record PrismaModel(
    string Name,
    IReadOnlyList<PrismaField> Fields,
    IReadOnlyList<PrismaAttribute> BlockAttributes,
    string? Documentation,
    int Line)
{
    /// <summary>The table name: <c>@@map("…")</c> or the model name.</summary>
    public string TableName => BlockAttribute("map")?.StringArgument("name", 0) ?? Name;

    public PrismaField? Field(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public PrismaAttribute? BlockAttribute(string name) =>
        BlockAttributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    public IEnumerable<PrismaAttribute> BlockAttributesNamed(string name) =>
        BlockAttributes.Where(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
