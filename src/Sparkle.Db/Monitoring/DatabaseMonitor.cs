using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Monitoring;

/// <summary>
/// Reads the health figures a DBA looks at: cache hit ratios, slow and frequent statements, index problems, bloat,
/// blocking locks, long and idle-in-transaction sessions, connections and sequences. Reads the catalog and statistics
/// views directly (the 009 views for bloat), so it works on a database where some phases are missing; what it cannot
/// read becomes a note.
/// </summary>
/// <remarks><see href="https://www.postgresql.org/docs/current/monitoring-stats.html"/></remarks>
public static partial class DatabaseMonitor
{
    public static async Task<MonitorReport> ReadAsync(DatabaseTarget target, MonitorThresholds? thresholds = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        return await ReadAsync(connection, thresholds, cancellationToken);
    }

    public static async Task<MonitorReport> ReadAsync(NpgsqlConnection connection, MonitorThresholds? thresholds = null, CancellationToken cancellationToken = default)
    {
        var t = thresholds ?? new MonitorThresholds();
        var notes = new List<string>();
        var measuredAt = DateTimeOffset.UtcNow;
        var cache = await CacheAsync(connection, t, cancellationToken);
        var statements = await StatementsAsync(connection, t, cancellationToken);
        var indexes = await IndexesAsync(connection, t, cancellationToken);
        var bloat = await BloatAsync(connection, t, notes, cancellationToken);
        var blocking = await BlockingAsync(connection, t, cancellationToken);
        var longRunning = await SessionsAsync(connection, "active", t.LongRunningSeconds, t.Top, cancellationToken);
        var idle = await SessionsAsync(connection, "idle in transaction", t.IdleInTransactionSeconds, t.Top, cancellationToken);
        var connections = await ConnectionsAsync(connection, t, cancellationToken);
        var sequences = await SequencesAsync(connection, t, cancellationToken);
        if (statements.Unavailable is { } why)
        {
            notes.Add("Statement statistics unavailable: " + why);
        }

        return new MonitorReport(measuredAt, connection.Database, t, cache, statements, indexes, bloat, blocking, longRunning, idle, connections, sequences, notes);
    }

    private static async Task<IReadOnlyList<CacheHitRatio>> CacheAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT 'table', coalesce(sum(heap_blks_hit), 0)::bigint, coalesce(sum(heap_blks_read), 0)::bigint FROM pg_statio_user_tables
            UNION ALL
            SELECT 'index', coalesce(sum(idx_blks_hit), 0)::bigint, coalesce(sum(idx_blks_read), 0)::bigint FROM pg_statio_user_indexes
            """;
        return await ReadAsync(connection, sql, [], r =>
        {
            var hit = r.GetInt64(1);
            var read = r.GetInt64(2);
            double? ratio = hit + read == 0 ? null : (double)hit / (hit + read);
            return new CacheHitRatio(r.GetString(0), hit, read, ratio, ratio is { } v && v < t.CacheHitTarget);
        }, cancellationToken);
    }

    private static async Task<StatementReport> StatementsAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken)
    {
        // The relation is looked up by name so that a missing extension is a note, not a failure; statements of
        // other databases are excluded.
        const string select = """
            SELECT s.queryid, regexp_replace(left(s.query, 300), '\s+', ' ', 'g'), s.calls, s.mean_exec_time, s.total_exec_time, s.rows
              FROM pg_stat_statements s
             WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        try
        {
            var slowest = await ReadAsync(connection, select + " AND s.mean_exec_time >= $1 ORDER BY s.mean_exec_time DESC LIMIT $2",
                [t.SlowMeanMs, t.Top], ReadStatement, cancellationToken);
            var frequent = await ReadAsync(connection, select + " AND s.calls >= $1 ORDER BY s.calls DESC LIMIT $2",
                [t.FrequentCalls, t.Top], ReadStatement, cancellationToken);
            var since = (await ReadAsync(connection, "SELECT stats_reset FROM pg_stat_statements_info", [], r => r.GetFieldValue<DateTimeOffset>(0), cancellationToken))
                .Cast<DateTimeOffset?>().FirstOrDefault();
            return new StatementReport(null, since, slowest, frequent);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.ObjectNotInPrerequisiteState or PostgresErrorCodes.InsufficientPrivilege)
        {
            return new StatementReport($"{ex.MessageText} (create the extension pg_stat_statements and preload its library)", null, [], []);
        }

        static StatementStat ReadStatement(NpgsqlDataReader r) =>
            new(r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? "<insufficient privilege>" : r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5));
    }

    private static async Task<IndexReport> IndexesAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken)
    {
        var since = (await ReadAsync(connection, "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()", [],
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0), cancellationToken)).FirstOrDefault();

        // Constraint-backing indexes are never "unused": they enforce uniqueness whether or not a query scans them.
        // Scans of a partitioned table's index are counted on its partitions' indexes, so they are summed up to the
        // parent index (pg_partition_root).
        var unused = await ReadAsync(connection,
            $"""
            WITH {LockedRelations},
            usage AS (
                SELECT coalesce(pg_partition_root(s.indexrelid), s.indexrelid) AS indexrelid,
                       sum(s.idx_scan)::bigint AS scans, sum({LockFreeSize("s.indexrelid")})::bigint AS bytes
                  FROM pg_stat_user_indexes s
                 WHERE s.schemaname = 'public'
                 GROUP BY 1
            )
            SELECT t.relname, i.relname, u.bytes, u.scans
              FROM usage u
              JOIN pg_index x ON x.indexrelid = u.indexrelid
              JOIN pg_class i ON i.oid = u.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
             WHERE u.scans = 0 AND NOT x.indisunique AND NOT x.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = u.indexrelid)
             ORDER BY u.bytes DESC, i.relname
             LIMIT $1
            """,
            [t.Top], r => new IndexFinding("unused", r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), null), cancellationToken);

        // Same table, key columns, expressions, operator classes and predicate as another index. The one reported
        // is the one to drop: a non-unique twin of a unique index, else the later name of two equals. Expressions are
        // compared as node trees (pg_get_expr would lock the table; see LockFree).
        var duplicate = await ReadAsync(connection,
            $"""
            WITH {LockedRelations}
            SELECT t.relname, i.relname, {LockFreeSize("i.oid")}, coalesce(s.idx_scan, 0), 'same definition as ' || twin.names
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
              JOIN LATERAL (
                   SELECT string_agg(oi.relname, ', ' ORDER BY oi.relname) AS names
                     FROM pg_index ox JOIN pg_class oi ON oi.oid = ox.indexrelid
                    WHERE ox.indrelid = x.indrelid AND ox.indexrelid <> x.indexrelid
                      AND ox.indkey::text = x.indkey::text AND ox.indclass::text = x.indclass::text
                      AND {NodeText("ox.indexprs")} = {NodeText("x.indexprs")}
                      AND {NodeText("ox.indpred")} = {NodeText("x.indpred")}
                      AND ((ox.indisunique AND NOT x.indisunique) OR (ox.indisunique = x.indisunique AND oi.relname < i.relname))) twin
                ON twin.names IS NOT NULL
             WHERE i.relnamespace = 'public'::regnamespace AND NOT i.relispartition
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
             ORDER BY t.relname, i.relname
             LIMIT $1
            """,
            [t.Top], r => new IndexFinding("duplicate", r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4)), cancellationToken);

        var invalid = await ReadAsync(connection,
            $"""
            WITH {LockedRelations}
            SELECT t.relname, i.relname, {LockFreeSize("i.oid")}, coalesce(s.idx_scan, 0)
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = i.relnamespace
              LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
             WHERE NOT (x.indisvalid AND x.indisready) AND n.nspname NOT IN ('pg_catalog', 'information_schema')
             ORDER BY t.relname, i.relname
            """,
            [], r => new IndexFinding("invalid", r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3),
                "an interrupted concurrent build: writes still maintain it, queries never use it"), cancellationToken);
        return new IndexReport(since, since is null, unused, duplicate, invalid);
    }

    private static async Task<IReadOnlyList<BloatEntry>> BloatAsync(NpgsqlConnection connection, MonitorThresholds t, List<string> notes, CancellationToken cancellationToken)
    {
        var views = await ReadAsync(connection,
            "SELECT to_regclass('public.table_bloat') IS NOT NULL AND to_regclass('public.index_bloat') IS NOT NULL", [], r => r.GetBoolean(0), cancellationToken);
        if (!views[0])
        {
            notes.Add("Bloat estimates need the views table_bloat and index_bloat (phase 009).");
            return [];
        }

        return await ReadAsync(connection,
            """
            SELECT table_name, NULL::text, bloat_bytes::bigint, bloat_ratio::float8 FROM public.table_bloat WHERE bloat_ratio >= $1
            UNION ALL
            SELECT table_name, index_name, bloat_bytes::bigint, bloat_ratio::float8 FROM public.index_bloat WHERE bloat_ratio >= $1
            ORDER BY 3 DESC
            LIMIT $2
            """,
            [t.BloatRatio, t.Top], r => new BloatEntry(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), r.GetDouble(3)), cancellationToken);
    }

    private static async Task<IReadOnlyList<BlockingLock>> BlockingAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken) =>
        await ReadAsync(connection,
            """
            SELECT w.pid, w.usename, left(w.query, 200), extract(epoch FROM now() - coalesce(w.state_change, w.query_start))::float8,
                   (SELECT l.locktype || ' ' || l.mode || coalesce(' on ' || l.relation::regclass::text, '')
                      FROM pg_locks l WHERE l.pid = w.pid AND NOT l.granted LIMIT 1),
                   h.pid, h.usename, h.state, left(h.query, 200), coalesce(extract(epoch FROM now() - h.xact_start), 0)::float8
              FROM pg_stat_activity w
             CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS b(pid)
              JOIN pg_stat_activity h ON h.pid = b.pid
             WHERE w.wait_event_type = 'Lock'
             ORDER BY 4 DESC
             LIMIT $1
            """,
            [t.Top], r => new BlockingLock(r.GetInt32(0), Text(r, 1), Text(r, 2), r.GetDouble(3), Text(r, 4), r.GetInt32(5), Text(r, 6), Text(r, 7), Text(r, 8), r.GetDouble(9)),
            cancellationToken);

    private static async Task<IReadOnlyList<SessionInfo>> SessionsAsync(NpgsqlConnection connection, string state, double seconds, int top, CancellationToken cancellationToken) =>
        await ReadAsync(connection,
            """
            SELECT a.pid, a.usename, a.datname, a.application_name, a.state,
                   extract(epoch FROM now() - CASE WHEN a.state = 'active' THEN a.query_start ELSE a.state_change END)::float8 AS seconds,
                   left(regexp_replace(a.query, '\s+', ' ', 'g'), 200)
              FROM pg_stat_activity a
             WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
               AND (a.state = $1 OR ($1 = 'idle in transaction' AND a.state = 'idle in transaction (aborted)'))
               AND extract(epoch FROM now() - CASE WHEN a.state = 'active' THEN a.query_start ELSE a.state_change END) >= $2
             ORDER BY seconds DESC
             LIMIT $3
            """,
            [state, seconds, top], r => new SessionInfo(r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), r.GetString(4), r.GetDouble(5), Text(r, 6)), cancellationToken);

    private static async Task<ConnectionSummary> ConnectionsAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken) =>
        (await ReadAsync(connection,
            """
            SELECT count(*)::int,
                   count(*) FILTER (WHERE state = 'active')::int,
                   count(*) FILTER (WHERE state = 'idle')::int,
                   count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int,
                   current_setting('max_connections')::int
              FROM pg_stat_activity WHERE backend_type = 'client backend'
            """,
            [], r =>
            {
                var total = r.GetInt32(0);
                var max = r.GetInt32(4);
                var percent = 100.0 * total / max;
                return new ConnectionSummary(total, r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), max, percent, percent >= t.ConnectionsPercent);
            }, cancellationToken))[0];

    private static async Task<IReadOnlyList<SequenceUsage>> SequencesAsync(NpgsqlConnection connection, MonitorThresholds t, CancellationToken cancellationToken) =>
        // An integer column fed by a bigint sequence overflows at the column's limit, not the sequence's.
        await ReadAsync(connection,
            """
            SELECT * FROM (
                SELECT format('%I.%I', s.schemaname, s.sequencename) AS sequence, col.name,
                       s.last_value,
                       least(s.max_value, CASE col.typname WHEN 'int2' THEN 32767 WHEN 'int4' THEN 2147483647 ELSE s.max_value END) AS lim
                  FROM pg_sequences s
                  LEFT JOIN LATERAL (
                       SELECT format('%s.%I', d.refobjid::regclass, a.attname) AS name, ty.typname
                         FROM pg_depend d
                         JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                         JOIN pg_type ty ON ty.oid = a.atttypid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = format('%I.%I', s.schemaname, s.sequencename)::regclass
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                        LIMIT 1) col ON true
                 WHERE s.last_value IS NOT NULL AND s.increment_by > 0 AND s.schemaname NOT IN ('pg_catalog', 'information_schema')) q
             WHERE 100.0 * q.last_value / q.lim >= $1
             ORDER BY 100.0 * q.last_value / q.lim DESC
             LIMIT $2
            """,
            [t.SequencePercent, t.Top], r => new SequenceUsage(r.GetString(0), Text(r, 1), r.GetInt64(2), r.GetInt64(3), 100.0 * r.GetInt64(2) / r.GetInt64(3)),
            cancellationToken);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, object[] parameters, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new() { Value = p });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
