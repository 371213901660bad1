namespace Sparkle.Db.Prisma;

/// <summary>What a column default is made of, which decides how PostgreSQL prints it back.</summary>
public enum DbDefaultKind
{
    /// <summary>A quoted literal: <c>@default("")</c>, <c>@default("{}")</c> on Json.</summary>
    String,
    /// <summary>An enum value: <c>@default(LOCAL)</c>.</summary>
    EnumValue,
    Number,
    Boolean,
    /// <summary><c>@default(now())</c>, written <c>CURRENT_TIMESTAMP</c>.</summary>
    Now,
    /// <summary>A list literal on a list field: <c>@default([])</c>, written <c>ARRAY[]::TEXT[]</c>.</summary>
    Array,
    /// <summary><c>@default(autoincrement())</c>: a SERIAL column whose default is <c>nextval(…)</c>.</summary>
    Sequence,
    /// <summary><c>@default(dbgenerated("…"))</c>: the SQL expression as written.</summary>
    DbGenerated,
}
