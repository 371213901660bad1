namespace Sparkle.Db.Prisma;

/// <summary>Conversions of <see cref="DbReferentialAction"/> to and from SQL and the catalog.</summary>
public static class DbReferentialActionExtensions
{
    /// <summary>The SQL words: <c>CASCADE</c>, <c>SET NULL</c>, …</summary>
    public static string ToSql(this DbReferentialAction action) => action switch
    {
        DbReferentialAction.Cascade => "CASCADE",
        DbReferentialAction.Restrict => "RESTRICT",
        DbReferentialAction.NoAction => "NO ACTION",
        DbReferentialAction.SetNull => "SET NULL",
        DbReferentialAction.SetDefault => "SET DEFAULT",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The action a <c>pg_constraint.confdeltype</c>/<c>confupdtype</c> code stands for.</summary>
    public static DbReferentialAction FromCatalogCode(char code) => code switch
    {
        'a' => DbReferentialAction.NoAction,
        'r' => DbReferentialAction.Restrict,
        'c' => DbReferentialAction.Cascade,
        'n' => DbReferentialAction.SetNull,
        'd' => DbReferentialAction.SetDefault,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown referential action code"),
    };

    /// <summary>The action a Prisma schema names (<c>Cascade</c>, <c>SetNull</c>, …).</summary>
    public static DbReferentialAction Parse(string prismaName) => prismaName switch
    {
        "Cascade" => DbReferentialAction.Cascade,
        "Restrict" => DbReferentialAction.Restrict,
        "NoAction" => DbReferentialAction.NoAction,
        "SetNull" => DbReferentialAction.SetNull,
        "SetDefault" => DbReferentialAction.SetDefault,
        _ => throw new ArgumentException($"Unknown referential action '{prismaName}'", nameof(prismaName)),
    };
}
