namespace Sparkle.Db.Prisma;

/// <summary>One file of the base migration: a domain of the data model and the tables it holds.</summary>
public sealed record PrismaSchemaDomain(string FileName, string Title, IReadOnlyList<string> Tables);
