namespace Sparkle.Db.Prisma;

/// <summary>A field of a model: a scalar column, an enum column, or a relation to another model.</summary>
/// <remarks>
/// <see cref="TypeName"/> is the type as written (<c>String</c>, <c>UserRole</c>, <c>Post</c>), or
/// <c>Unsupported</c> with the database type in <see cref="UnsupportedType"/>.
/// </remarks>
public sealed record PrismaField(
    string Name,
    string TypeName,
    bool IsOptional,
    bool IsList,
    string? UnsupportedType,
    IReadOnlyList<PrismaAttribute> Attributes,
    string? Documentation,
    int Line)
{
    /// <summary>The column name: <c>@map("…")</c> or the field name.</summary>
    public string DatabaseName => Attribute("map")?.StringArgument("name", 0) ?? Name;

    public PrismaAttribute? Attribute(string name) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    public bool HasAttribute(string name) => Attribute(name) is not null;

    /// <summary>The native type attribute (<c>@db.VarChar(255)</c>), if any.</summary>
    public PrismaAttribute? NativeType =>
        Attributes.FirstOrDefault(a => a.Name.StartsWith("db.", StringComparison.Ordinal));
}
