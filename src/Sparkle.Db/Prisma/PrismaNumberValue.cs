namespace Sparkle.Db.Prisma;

/// <summary>A number literal exactly as written (<c>0.7000</c> keeps its trailing zeros).</summary>
public sealed record PrismaNumberValue(string Text) : PrismaValue
{
    public override string ToString() => Text;
}
