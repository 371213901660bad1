using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// No project function (schemas public, sparkle_db and sparkle_archive; extension members excluded) is executable by
/// PUBLIC: every role that may call one is granted EXECUTE by name (db/engine/privileges.sql, docs/SECURITY.md).
/// </summary>
internal sealed class FunctionPrivilegesCheck : ICheck
{
    public string Name => "functions.no_public_execute";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int,
                   COALESCE(string_agg(p.oid::regprocedure::text, ', ' ORDER BY n.nspname, p.proname)
                            FILTER (WHERE EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a
                                                   WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')), '')
              FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname IN ('public', 'sparkle_db', 'sparkle_archive')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt32(0);
        var executable = reader.GetString(1);
        return
        [
            new CheckResult(Name, executable.Length == 0, "no project function executable by PUBLIC",
                executable.Length == 0 ? $"{count} functions, none executable by PUBLIC" : "PUBLIC may execute: " + executable,
                executable.Length == 0 ? null : "Run 'sparkle-db migrate' (its privilege step revokes PUBLIC and grants per role), or REVOKE EXECUTE ON FUNCTION … FROM PUBLIC."),
        ];
    }
}
