namespace Sparkle.Db.Prisma;

/// <summary>A value of an enum; <see cref="DatabaseName"/> honours <c>@map("…")</c>.</summary>
public sealed record PrismaEnumValue(string Name, IReadOnlyList<PrismaAttribute> Attributes)
{
    public string DatabaseName =>
        Attributes.FirstOrDefault(a => string.Equals(a.Name, "map", StringComparison.Ordinal))?.StringArgument("name", 0) ?? Name;
}
