namespace Sparkle.Db.Prisma;

/// <summary>A value in a Prisma schema: an attribute argument or a datasource property.</summary>
public abstract record PrismaValue;
