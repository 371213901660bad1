using System.Text.RegularExpressions;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Migrations;

/// <summary>
/// Names the sessions that hold locks on the relations a statement touches. Read right after the statement's lock
/// timeout (SQLSTATE 55P03), while those sessions still hold their locks, it names the blocker without depending on
/// a sample taken during the wait (<see cref="BlockerWatch"/>), which a busy machine can miss.
/// </summary>
internal static partial class LockHolders
{
    private const int MaxNames = 200;

    /// <summary>
    /// The names in <paramref name="sql"/> that could be relations: identifiers and quoted identifiers, schema-qualified
    /// or not. Keywords and names of other objects are among them; the server resolves only relations.
    /// </summary>
    public static IReadOnlyList<string> CandidateNames(string sql) =>
        NamePattern().Matches(sql)
            .Select(m => Regex.Replace(m.Value, @"\s*\.\s*", "."))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxNames)
            .ToArray();

    /// <summary>
    /// "pid 4242 (app, idle in transaction for 12 s, AccessShareLock on busy): SELECT …" for each other session that holds a
    /// lock on one of the statement's relations (their partitions and partitioned parents included), or null when none does.
    /// </summary>
    public static async Task<string?> DescribeAsync(DatabaseTarget target, int ownPid, string sql, CancellationToken cancellationToken)
    {
        var names = CandidateNames(sql);
        if (names.Count == 0)
        {
            return null;
        }

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            WITH named AS (
                SELECT DISTINCT r.oid
                  FROM unnest($1::text[]) AS n(name)
                  CROSS JOIN LATERAL (SELECT to_regclass(n.name) AS oid) r
                 WHERE r.oid IS NOT NULL
            ), rel AS (
                SELECT oid AS relid FROM named
                UNION SELECT t.relid FROM named CROSS JOIN LATERAL pg_partition_tree(named.oid) t
                UNION SELECT a.relid FROM named CROSS JOIN LATERAL pg_partition_ancestors(named.oid) a
            ), held AS (
                SELECT l.pid, string_agg(DISTINCT format('%s on %s', l.mode, l.relation::regclass), ', ') AS locks
                  FROM pg_locks l
                  JOIN rel ON rel.relid = l.relation
                 WHERE l.granted AND l.pid <> $2
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 GROUP BY l.pid
            )
            SELECT string_agg(format('pid %s (%s, %s for %s s, %s): %s', b.pid, coalesce(b.usename, '?'), coalesce(b.state, '?'),
                                     coalesce(round(extract(epoch FROM now() - coalesce(b.xact_start, b.query_start)))::text, '?'),
                                     h.locks, left(regexp_replace(coalesce(b.query, ''), '\s+', ' ', 'g'), 200)), '; ' ORDER BY b.pid)
              FROM held h
              JOIN pg_stat_activity b ON b.pid = h.pid
            """,
            connection);
        command.Parameters.Add(new() { Value = names.ToArray() });
        command.Parameters.Add(new() { Value = ownPid });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    // An identifier or a quoted identifier, optionally qualified by one more (schema.name). Dollar-quoted bodies are
    // scanned too: DO blocks carry real DDL.
    [GeneratedRegex(@"(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)(?:\s*\.\s*(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*))?")]
    private static partial Regex NamePattern();
}
