namespace Sparkle.Db.Prisma;

/// <summary>
/// A field attribute (<c>@default(now())</c>) or block attribute (<c>@@index([a, b])</c>).
/// <see cref="Name"/> is written without the at signs and keeps its dots: <c>db.VarChar</c>.
/// </summary>
public sealed record PrismaAttribute(string Name, IReadOnlyList<PrismaArgument> Arguments, int Line)
{
    /// <summary>The argument called <paramref name="name"/>, else (when <paramref name="position"/> is given) the positional one.</summary>
    public PrismaValue? Argument(string name, int? position = null)
    {
        foreach (var argument in Arguments)
        {
            if (string.Equals(argument.Name, name, StringComparison.Ordinal))
            {
                return argument.Value;
            }
        }

        if (position is { } index)
        {
            var positional = Arguments.Where(a => a.Name is null).ToList();
            if (index < positional.Count)
            {
                return positional[index].Value;
            }
        }

        return null;
    }

    /// <summary>The string argument called <paramref name="name"/> (or at <paramref name="position"/>), if any.</summary>
    public string? StringArgument(string name, int? position = null) =>
        Argument(name, position) is PrismaStringValue s ? s.Value : null;

    /// <summary>The bare-name argument called <paramref name="name"/>, if any (<c>onDelete: Cascade</c>).</summary>
    public string? ConstantArgument(string name) =>
        Argument(name) is PrismaConstantValue c ? c.Name : null;

    public override string ToString() => $"@{Name}({string.Join(", ", Arguments)})";
}
