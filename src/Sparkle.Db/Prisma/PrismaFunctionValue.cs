namespace Sparkle.Db.Prisma;

/// <summary>A call such as <c>now()</c>, <c>dbgenerated("…")</c> or a field with arguments, <c>createdAt(sort: Desc)</c>.</summary>
public sealed record PrismaFunctionValue(string Name, IReadOnlyList<PrismaArgument> Arguments) : PrismaValue
{
    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}
