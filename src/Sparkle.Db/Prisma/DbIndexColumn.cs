namespace Sparkle.Db.Prisma;

/// <summary>One key column of an index, with its sort order and, when the schema names one, its operator class.</summary>
public sealed record DbIndexColumn(string Name, bool Descending, string? OperatorClass)
{
    public override string ToString() =>
        $"\"{Name}\"{(OperatorClass is null ? "" : " " + OperatorClass)}{(Descending ? " DESC" : "")}";
}
