namespace Sparkle.Db.Prisma;

/// <summary>An index Prisma creates: unique (<c>@unique</c>, <c>@@unique</c>) or not (<c>@@index</c>).</summary>
/// <remarks><see cref="Method"/> is the access method in lower case as <c>pg_am.amname</c> names it.</remarks>
public sealed record DbIndex(string Name, string Table, IReadOnlyList<DbIndexColumn> Columns, bool IsUnique, string Method)
{
    public override string ToString() =>
        $"{(IsUnique ? "UNIQUE " : "")}{Method} ({string.Join(", ", Columns)})";
}
