using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// R8: a SECURITY DEFINER function runs with its owner's rights, so a caller must not be able to put objects of its own
/// in front of the names it uses, nor call it when not meant to, and the owner must hold no more rights than the
/// function needs. Per project function (extension members excluded): search_path set with <c>pg_temp</c> explicitly
/// last (left out, the caller's temporary schema is searched first for relations and types), not executable by PUBLIC,
/// and not owned by a superuser (a dedicated NOLOGIN role with the few privileges it needs, as
/// <c>sparkle_mv_owner</c> for <c>refresh_materialized_views</c>).
/// </summary>
/// <remarks><see href="https://www.postgresql.org/docs/current/sql-createfunction.html#SQL-CREATEFUNCTION-SECURITY"/></remarks>
internal sealed class SecurityDefinerCheck : ICheck
{
    public string Name => "functions.security_definer";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT p.oid::regprocedure::text,
                   (SELECT substr(c, length('search_path=') + 1) FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'),
                   o.rolsuper,
                   o.rolname::text,
                   EXISTS (SELECT 1 FROM aclexplode(COALESCE(p.proacl, acldefault('f', p.proowner))) a
                            WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
              FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
              JOIN pg_roles o ON o.oid = p.proowner
             WHERE p.prosecdef
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
             ORDER BY 1
            """,
            connection);
        var unpinned = new List<string>();
        var superOwned = new List<string>();
        var publicExecute = new List<string>();
        var count = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                var function = reader.GetString(0);
                var searchPath = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (!PinsTemporarySchemaLast(searchPath))
                {
                    unpinned.Add(searchPath is null ? $"{function} (no search_path)" : $"{function} (search_path={searchPath})");
                }

                if (reader.GetBoolean(2))
                {
                    superOwned.Add($"{function} (owner {reader.GetString(3)})");
                }

                if (reader.GetBoolean(4))
                {
                    publicExecute.Add(function);
                }
            }
        }

        return
        [
            new CheckResult($"{Name}.search_path", unpinned.Count == 0, "every SECURITY DEFINER function sets search_path with pg_temp explicitly last",
                unpinned.Count == 0 ? $"{count} functions, all pinned" : "not pinned: " + string.Join(", ", unpinned),
                unpinned.Count == 0 ? null : "ALTER FUNCTION … SET search_path = pg_catalog, public, pg_temp, and schema-qualify every name in its body."),
            new CheckResult($"{Name}.owner", superOwned.Count == 0, "no SECURITY DEFINER function owned by a superuser",
                superOwned.Count == 0 ? $"{count} functions, none owned by a superuser" : "owned by a superuser: " + string.Join(", ", superOwned),
                superOwned.Count == 0 ? null : "Give the function a NOLOGIN owner role with only the privileges it needs (ALTER FUNCTION … OWNER TO …), as 004 does with sparkle_mv_owner."),
            new CheckResult($"{Name}.no_public_execute", publicExecute.Count == 0, "no SECURITY DEFINER function executable by PUBLIC",
                publicExecute.Count == 0 ? $"{count} functions, none public" : "PUBLIC may execute: " + string.Join(", ", publicExecute),
                publicExecute.Count == 0 ? null : "REVOKE EXECUTE ON FUNCTION … FROM PUBLIC; grant it to the role that calls it (db/engine/privileges.sql)."),
        ];
    }

    /// <summary>
    /// Whether a <c>search_path</c> setting as stored in <c>pg_proc.proconfig</c> names <c>pg_temp</c> as its last
    /// element. Elements are comma-separated, possibly double-quoted identifiers.
    /// </summary>
    internal static bool PinsTemporarySchemaLast(string? searchPath)
    {
        if (string.IsNullOrWhiteSpace(searchPath))
        {
            return false;
        }

        var last = searchPath.Split(',')[^1].Trim();
        // Unquoted identifiers fold to lower case, as the server reads them.
        last = last.Length >= 2 && last[0] == '"' && last[^1] == '"'
            ? last[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : last.ToLowerInvariant();

        return last == "pg_temp";
    }
}
