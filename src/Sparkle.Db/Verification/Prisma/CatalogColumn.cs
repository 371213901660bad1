namespace Sparkle.Db.Verification.Prisma;

/// <summary>A column as the catalog reports it: <c>format_type</c>, <c>attnotnull</c> and <c>pg_get_expr</c> of its default.</summary>
public sealed record CatalogColumn(string Table, string Name, string Type, bool NotNull, string? Default);
