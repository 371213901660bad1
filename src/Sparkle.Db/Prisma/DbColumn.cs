namespace Sparkle.Db.Prisma;

/// <summary>A column Prisma creates; <see cref="Default"/> is null when Prisma writes no DEFAULT.</summary>
public sealed record DbColumn(string Name, DbColumnType Type, bool NotNull, DbDefault? Default);
