namespace Sparkle.Db.Prisma;

/// <summary>A foreign key's ON DELETE / ON UPDATE action, named as in the Prisma schema.</summary>
public enum DbReferentialAction
{
    Cascade,
    Restrict,
    NoAction,
    SetNull,
    SetDefault,
}
