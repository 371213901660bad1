using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// R8: a SECURITY DEFINER function runs with its owner's rights, so it must pin search_path (else a caller's
/// schema can shadow the objects it uses) and must not be executable by PUBLIC.
/// </summary>
/// <remarks><see href="https://www.postgresql.org/docs/current/sql-createfunction.html#SQL-CREATEFUNCTION-SECURITY"/></remarks>
internal sealed class SecurityDefinerCheck : ICheck
{
    public string Name => "functions.security_definer";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int,
                   coalesce(string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname)
                            FILTER (WHERE NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')), ''),
                   coalesce(string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname)
                            FILTER (WHERE p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a
                                                                      WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')), '')
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt32(0);
        var unpinned = reader.GetString(1);
        var publicExecute = reader.GetString(2);
        return
        [
            new CheckResult($"{Name}.search_path", unpinned.Length == 0, "every SECURITY DEFINER function has SET search_path",
                unpinned.Length == 0 ? $"{count} functions, all pinned" : "unpinned: " + unpinned,
                unpinned.Length == 0 ? null : "ALTER FUNCTION … SET search_path = pg_catalog, public."),
            new CheckResult($"{Name}.no_public_execute", publicExecute.Length == 0, "no SECURITY DEFINER function executable by PUBLIC",
                publicExecute.Length == 0 ? $"{count} functions, none public" : "PUBLIC may execute: " + publicExecute,
                publicExecute.Length == 0 ? null : "REVOKE EXECUTE ON FUNCTION … FROM PUBLIC; GRANT it to sparkle_app where the application calls it."),
        ];
    }
}
