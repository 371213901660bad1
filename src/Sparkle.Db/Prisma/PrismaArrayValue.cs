namespace Sparkle.Db.Prisma;

/// <summary>A list <c>[a, b]</c>.</summary>
public sealed record PrismaArrayValue(IReadOnlyList<PrismaValue> Items) : PrismaValue
{
    public override string ToString() => $"[{string.Join(", ", Items)}]";
}
