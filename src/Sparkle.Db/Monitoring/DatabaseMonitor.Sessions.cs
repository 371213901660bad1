using Npgsql;

namespace Sparkle.Db.Monitoring;

public static partial class DatabaseMonitor
{
    /// <summary>
    /// Every session in a blocking chain: those waiting for a heavyweight lock and those they wait for (pg_blocking_pids),
    /// each with its query and the lock it waits for.
    /// </summary>
    public static async Task<IReadOnlyList<LockSession>> LockSessionsAsync(NpgsqlConnection connection, int top, CancellationToken cancellationToken = default) =>
        await ReadAsync(connection,
            """
            WITH waiting AS (
                SELECT a.pid, pg_blocking_pids(a.pid) AS blocked_by
                  FROM pg_stat_activity a
                 WHERE a.wait_event_type = 'Lock'
            ),
            involved AS (
                SELECT pid FROM waiting WHERE cardinality(blocked_by) > 0
                UNION
                SELECT unnest(blocked_by) FROM waiting
            )
            SELECT a.pid, a.usename, a.application_name, a.state, left(regexp_replace(a.query, '\s+', ' ', 'g'), 300),
                   coalesce(w.blocked_by, '{}'::int[]),
                   l.what, extract(epoch FROM now() - l.waitstart)::float8,
                   extract(epoch FROM now() - a.xact_start)::float8
              FROM involved i
              JOIN pg_stat_activity a ON a.pid = i.pid
              LEFT JOIN waiting w ON w.pid = a.pid AND cardinality(w.blocked_by) > 0
              LEFT JOIN LATERAL (
                   SELECT lk.locktype || ' ' || lk.mode || coalesce(' on ' || lk.relation::regclass::text, '') AS what, lk.waitstart
                     FROM pg_locks lk WHERE lk.pid = a.pid AND NOT lk.granted LIMIT 1) l ON true
             ORDER BY cardinality(coalesce(w.blocked_by, '{}'::int[])), a.xact_start NULLS LAST, a.pid
             LIMIT $1
            """,
            [top], r => new LockSession(r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), r.GetFieldValue<int[]>(5),
                Text(r, 6), Number(r, 7), Number(r, 8)),
            cancellationToken);

    /// <summary>Client sessions whose transaction has been open at least <paramref name="seconds"/> (they hold locks and hold back vacuum).</summary>
    public static async Task<IReadOnlyList<SessionInfo>> LongTransactionsAsync(NpgsqlConnection connection, double seconds, int top, CancellationToken cancellationToken = default) =>
        await ReadAsync(connection,
            """
            SELECT a.pid, a.usename, a.datname, a.application_name, coalesce(a.state, ''),
                   extract(epoch FROM now() - a.xact_start)::float8 AS seconds,
                   left(regexp_replace(a.query, '\s+', ' ', 'g'), 200)
              FROM pg_stat_activity a
             WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
               AND extract(epoch FROM now() - a.xact_start) >= $1
             ORDER BY seconds DESC
             LIMIT $2
            """,
            [seconds, top], r => new SessionInfo(r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), r.GetString(4), r.GetDouble(5), Text(r, 6)), cancellationToken);

    /// <summary>Client sessions of the whole server grouped by database, user, application and state, largest groups first.</summary>
    public static async Task<IReadOnlyList<ConnectionGroup>> ConnectionGroupsAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default) =>
        await ReadAsync(connection,
            """
            SELECT datname, usename, application_name, coalesce(state, 'unknown'), count(*)::int
              FROM pg_stat_activity
             WHERE backend_type = 'client backend'
             GROUP BY 1, 2, 3, 4
             ORDER BY 5 DESC, 1, 2, 3, 4
            """,
            [], r => new ConnectionGroup(Text(r, 0), Text(r, 1), Text(r, 2), r.GetString(3), r.GetInt32(4)), cancellationToken);

    /// <summary>
    /// Sends pg_cancel_backend to a client session of this database (never another database's, never this connection's).
    /// Returns whether such a session existed and whether the signal was sent; the statement it was running fails with
    /// SQLSTATE 57014, the session survives.
    /// </summary>
    public static async Task<(bool Found, bool Signalled)> CancelBackendAsync(NpgsqlConnection connection, int pid, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(connection,
            """
            SELECT pg_cancel_backend(a.pid)
              FROM pg_stat_activity a
             WHERE a.pid = $1 AND a.datname = current_database() AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
            """,
            [pid], r => r.GetBoolean(0), cancellationToken);
        return rows.Count == 0 ? (false, false) : (true, rows[0]);
    }
}
