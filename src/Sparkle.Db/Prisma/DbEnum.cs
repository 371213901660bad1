namespace Sparkle.Db.Prisma;

/// <summary>An enum type with its labels in order.</summary>
public sealed record DbEnum(string Name, IReadOnlyList<string> Values);
