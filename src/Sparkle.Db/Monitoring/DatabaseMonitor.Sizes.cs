using Npgsql;

namespace Sparkle.Db.Monitoring;

public static partial class DatabaseMonitor
{
    /// <summary>Server version, database size, start time and transaction ID age.</summary>
    public static async Task<DatabaseFacts> FactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default) =>
        (await ReadAsync(connection,
            """
            SELECT current_setting('server_version'), current_database(), pg_database_size(current_database()),
                   pg_postmaster_start_time(), (SELECT age(datfrozenxid) FROM pg_database WHERE datname = current_database())::bigint,
                   current_setting('autovacuum_freeze_max_age')::bigint, pg_is_in_recovery()
            """,
            [], r => new DatabaseFacts(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetFieldValue<DateTimeOffset>(3), r.GetInt64(4), r.GetInt64(5), r.GetBoolean(6)),
            cancellationToken))[0];

    /// <summary>
    /// The largest tables and materialized views of public, a partitioned table counted with its partitions. A relation
    /// that is (or is about to be) locked ACCESS EXCLUSIVE is sized from pg_class.relpages, without waiting, and marked
    /// <see cref="TableSize.Estimated"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TableSize>> TableSizesAsync(NpgsqlConnection connection, int top, CancellationToken cancellationToken = default) =>
        await ReadAsync(connection,
            $"""
            WITH RECURSIVE {LockedRelations},
            rels AS (
                -- The partition tree from pg_inherits: pg_partition_tree would lock every partition.
                SELECT c.relname, c.relkind, c.oid AS relid, false AS isleaf
                  FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
                UNION ALL
                SELECT r.relname, r.relkind, i.inhrelid, k.relkind <> 'p'
                  FROM rels r JOIN pg_inherits i ON i.inhparent = r.relid JOIN pg_class k ON k.oid = i.inhrelid
            ),
            sized AS (
                SELECT r.relname, r.relkind, r.relid, r.isleaf, pc.reltuples, pc.relpages, pc.reltoastrelid,
                       (r.relid IN (SELECT relation FROM locked) OR pc.reltoastrelid IN (SELECT relation FROM locked)
                        OR EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = r.relid AND x.indexrelid IN (SELECT relation FROM locked))) AS busy
                  FROM rels r JOIN pg_class pc ON pc.oid = r.relid
            ),
            bytes AS (
                SELECT z.relname, z.relkind, z.isleaf, z.reltuples, z.busy,
                       CASE WHEN z.busy
                            THEN (z.relpages + coalesce((SELECT tc.relpages FROM pg_class tc WHERE tc.oid = z.reltoastrelid), 0))::bigint * current_setting('block_size')::bigint
                            ELSE pg_table_size(z.relid) END AS table_bytes,
                       CASE WHEN z.busy
                            THEN (SELECT coalesce(sum(ic.relpages), 0) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid WHERE x.indrelid = z.relid)::bigint * current_setting('block_size')::bigint
                            ELSE pg_indexes_size(z.relid) END AS index_bytes
                  FROM sized z
            )
            SELECT b.relname,
                   CASE max(b.relkind) WHEN 'p' THEN 'partitioned' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                   (count(*) FILTER (WHERE b.isleaf))::int,
                   sum(greatest(b.reltuples, 0))::bigint,
                   sum(b.table_bytes)::bigint, sum(b.index_bytes)::bigint, sum(b.table_bytes + b.index_bytes)::bigint, bool_or(b.busy)
              FROM bytes b
             GROUP BY b.relname
             ORDER BY 7 DESC, 1
             LIMIT $1
            """,
            [top], r => new TableSize(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetBoolean(7)),
            cancellationToken);

    /// <summary>The largest indexes of public with their scans since the statistics reset (partitions summed up to the parent index).</summary>
    public static async Task<IReadOnlyList<IndexSize>> IndexSizesAsync(NpgsqlConnection connection, int top, CancellationToken cancellationToken = default) =>
        await ReadAsync(connection,
            $"""
            WITH {LockedRelations},
            usage AS (
                SELECT coalesce(pg_partition_root(s.indexrelid), s.indexrelid) AS indexrelid,
                       sum(s.idx_scan)::bigint AS scans, sum({LockFreeSize("s.indexrelid")})::bigint AS bytes
                  FROM pg_stat_user_indexes s
                 WHERE s.schemaname = 'public'
                 GROUP BY 1
            )
            SELECT t.relname, i.relname, CASE WHEN x.indisprimary THEN 'primary' WHEN x.indisunique THEN 'unique' ELSE 'index' END, u.bytes, u.scans
              FROM usage u
              JOIN pg_index x ON x.indexrelid = u.indexrelid
              JOIN pg_class i ON i.oid = u.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
             ORDER BY u.bytes DESC, i.relname
             LIMIT $1
            """,
            [top], r => new IndexSize(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4)), cancellationToken);
}
