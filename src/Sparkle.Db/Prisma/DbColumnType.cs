namespace Sparkle.Db.Prisma;

/// <summary>
/// A column type twice: <see cref="Ddl"/> as Prisma Migrate writes it (<c>VARCHAR(255)</c>, <c>TIMESTAMP(3)</c>,
/// <c>SERIAL</c>) and <see cref="Catalog"/> as PostgreSQL's <c>format_type</c> reports it afterwards
/// (<c>character varying(255)</c>, <c>timestamp(3) without time zone</c>, <c>integer</c>).
/// </summary>
public sealed record DbColumnType(string Ddl, string Catalog)
{
    public DbColumnType AsArray() => new(Ddl + "[]", Catalog + "[]");

    public override string ToString() => Catalog;
}
