namespace Sparkle.Db.Prisma;

/// <summary>A generated SQL file of a migration folder.</summary>
public sealed record PrismaMigrationFile(string FileName, string Sql);
