namespace Sparkle.Db.Prisma;

/// <summary>One token of a Prisma schema, with its 1-based line and column.</summary>
/// <remarks><see cref="Text"/> is the identifier or number as written, the unescaped string, or the doc comment text.</remarks>
public readonly record struct PrismaToken(PrismaTokenKind Kind, string Text, int Line, int Column)
{
    public override string ToString() => Kind switch
    {
        PrismaTokenKind.End => "end of file",
        PrismaTokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
