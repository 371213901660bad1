namespace Sparkle.Db.Prisma;

/// <summary>A column default; <see cref="Sql"/> is the expression Prisma writes after <c>DEFAULT</c> (empty for a sequence).</summary>
public sealed record DbDefault(DbDefaultKind Kind, string Sql)
{
    public override string ToString() => Kind == DbDefaultKind.Sequence ? "autoincrement()" : Sql;
}
