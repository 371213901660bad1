namespace Sparkle.Db.Prisma;

/// <summary>A string literal, unescaped.</summary>
public sealed record PrismaStringValue(string Value) : PrismaValue
{
    public override string ToString() => $"\"{Value}\"";
}
