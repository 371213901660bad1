namespace Sparkle.Db.Prisma;

/// <summary>A bare name: <c>true</c>, <c>false</c>, an enum value, a field name, <c>Desc</c>, <c>Cascade</c>.</summary>
public sealed record PrismaConstantValue(string Name) : PrismaValue
{
    public override string ToString() => Name;
}
