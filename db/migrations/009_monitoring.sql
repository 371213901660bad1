-- Phase 009: monitoring views, statistics targets, perform_maintenance().
--
-- Correct on PostgreSQL 13-17: pg_stat_statements is read only through the columns that exist unchanged
-- in 1.8-1.11 (queryid, query, calls, total/mean/stddev_exec_time, rows, dbid, userid) and its info view
-- (PG14+); nothing reads pg_stat_bgwriter/pg_stat_checkpointer (split in 17) or the blk_*_time columns
-- (renamed in 17). Statistics views are read by relname/indexrelname (D-16); block size comes from
-- current_setting('block_size'), never 8192.
--
-- Grants: the views expose query text and session details, so they go to pg_monitor (the predefined
-- role a DBA's login is granted; it includes pg_read_all_stats) and are revoked from PUBLIC and from
-- the application role, which the default privileges of 001 would otherwise give SELECT on every view.

-- 001 creates it; repeated here so this phase stands on its own. Reads still need the library preloaded
-- (verify reports that).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- slow_queries -------------------------------------------------------------------------------------------
-- The share of total time is taken over all statements of this database before the > 100 ms filter
-- (the draft divided by the slow statements only, D-42).
CREATE OR REPLACE VIEW slow_queries AS
WITH statements AS (
    SELECT s.queryid, s.userid, s.query, s.calls, s.total_exec_time, s.mean_exec_time, s.stddev_exec_time, s.rows,
           sum(s.total_exec_time) OVER () AS all_exec_time
      FROM pg_stat_statements s
     WHERE s.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
)
SELECT st.queryid,
       st.userid::regrole::text                                              AS role_name,
       st.query,
       st.calls,
       round(st.total_exec_time::numeric, 2)                                 AS total_time_ms,
       round(st.mean_exec_time::numeric, 2)                                  AS mean_time_ms,
       round(st.stddev_exec_time::numeric, 2)                                AS stddev_time_ms,
       st.rows,
       round((100 * st.total_exec_time / nullif(st.all_exec_time, 0))::numeric, 2) AS percentage_of_total_time,
       round((st.mean_exec_time / greatest(st.rows::double precision / nullif(st.calls, 0), 1))::numeric, 3)
                                                                             AS time_per_row_ms
  FROM statements st
 WHERE st.mean_exec_time > 100
 ORDER BY st.mean_exec_time DESC
 LIMIT 50;

COMMENT ON VIEW slow_queries IS
    'Statements of this database with mean execution time > 100 ms (top 50 by mean); share of total time over all statements.';

-- frequent_queries ---------------------------------------------------------------------------------------
-- Calls per second since pg_stat_statements was last reset (pg_stat_statements_info, PG14+), not since
-- the database statistics reset, which is often NULL and unrelated (D-42).
CREATE OR REPLACE VIEW frequent_queries AS
SELECT s.queryid,
       s.userid::regrole::text                                                AS role_name,
       s.query,
       s.calls,
       round(s.mean_exec_time::numeric, 2)                                    AS mean_time_ms,
       round((s.calls / greatest(extract(epoch FROM now() - i.stats_reset), 1))::numeric, 3) AS calls_per_second,
       round(s.total_exec_time::numeric, 2)                                   AS total_time_ms,
       i.stats_reset                                                          AS stats_since
  FROM pg_stat_statements s
 CROSS JOIN pg_stat_statements_info i
 WHERE s.dbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
 ORDER BY s.calls DESC
 LIMIT 50;

COMMENT ON VIEW frequent_queries IS
    'Statements of this database by number of calls (top 50), with calls per second since pg_stat_statements_info.stats_reset.';

-- cache_hit_ratios ---------------------------------------------------------------------------------------
-- Always two rows; ratio is NULL while nothing has been read.
CREATE OR REPLACE VIEW cache_hit_ratios AS
SELECT 'index'::text                                                          AS cache_type,
       coalesce(sum(x.idx_blks_hit), 0)::bigint                               AS blocks_hit,
       coalesce(sum(x.idx_blks_read), 0)::bigint                              AS blocks_read,
       round(sum(x.idx_blks_hit)::numeric / nullif(sum(x.idx_blks_hit + x.idx_blks_read), 0), 4) AS ratio,
       (coalesce(sum(x.idx_blks_hit + x.idx_blks_read), 0) * current_setting('block_size')::bigint)::bigint AS bytes_accessed
  FROM pg_statio_user_indexes x
UNION ALL
SELECT 'table'::text,
       coalesce(sum(t.heap_blks_hit), 0)::bigint,
       coalesce(sum(t.heap_blks_read), 0)::bigint,
       round(sum(t.heap_blks_hit)::numeric / nullif(sum(t.heap_blks_hit + t.heap_blks_read), 0), 4),
       (coalesce(sum(t.heap_blks_hit + t.heap_blks_read), 0) * current_setting('block_size')::bigint)::bigint
  FROM pg_statio_user_tables t;

COMMENT ON VIEW cache_hit_ratios IS 'Buffer cache hit ratio (0-1) of user indexes and user tables since the statistics reset.';

-- table_cache_stats --------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW table_cache_stats AS
SELECT t.schemaname,
       t.relname                                                              AS table_name,
       t.heap_blks_read,
       t.heap_blks_hit,
       coalesce(round(100.0 * t.heap_blks_hit / nullif(t.heap_blks_hit + t.heap_blks_read, 0), 2), 0) AS hit_percent,
       pg_size_pretty(pg_table_size(t.relid))                                 AS table_size,
       pg_table_size(t.relid)                                                 AS table_bytes
  FROM pg_statio_user_tables t
 WHERE t.heap_blks_hit + t.heap_blks_read > 0
 ORDER BY t.heap_blks_hit + t.heap_blks_read DESC;

COMMENT ON VIEW table_cache_stats IS 'Per table with any heap access: blocks read from disk vs found in shared buffers.';

-- v43_index_effectiveness --------------------------------------------------------------------------------
-- Index kind from the catalog, not from the index name (no name contains "v43" or "composite", D-47).
-- Many tuples per scan means low selectivity, not effectiveness, so the draft's "High Impact" label is
-- replaced; indexes that back a constraint are never suggested for removal.
CREATE OR REPLACE VIEW v43_index_effectiveness AS
SELECT s.schemaname,
       s.relname                                                              AS table_name,
       s.indexrelname                                                         AS index_name,
       s.idx_scan,
       s.idx_tup_read,
       s.idx_tup_fetch,
       CASE WHEN s.idx_scan > 0 THEN round(s.idx_tup_fetch::numeric / s.idx_scan, 2) ELSE 0 END AS avg_tuples_per_scan,
       pg_size_pretty(pg_relation_size(s.indexrelid))                         AS index_size,
       pg_relation_size(s.indexrelid)                                         AS index_bytes,
       CASE
           WHEN i.indisprimary THEN 'Primary Key'
           WHEN i.indisunique THEN 'Unique Index'
           WHEN am.amname <> 'btree' THEN upper(am.amname) || ' Index'
           WHEN i.indnatts > i.indnkeyatts THEN 'Covering Index'
           WHEN i.indpred IS NOT NULL THEN 'Partial Index'
           WHEN i.indexprs IS NOT NULL THEN 'Expression Index'
           WHEN i.indnkeyatts > 1 THEN 'Composite Index'
           ELSE 'Standard Index'
       END                                                                    AS index_type,
       CASE
           WHEN con.conname IS NOT NULL THEN 'Constraint - Keep'
           WHEN s.idx_scan = 0 THEN 'UNUSED - Consider Removal'
           WHEN s.idx_scan < 100 THEN 'Low Usage - Monitor'
           WHEN s.idx_tup_fetch::numeric / s.idx_scan > 1000 THEN 'Low Selectivity - Review'
           ELSE 'Normal Usage'
       END                                                                    AS effectiveness
  FROM pg_stat_user_indexes s
  JOIN pg_index i ON i.indexrelid = s.indexrelid
  JOIN pg_class ic ON ic.oid = s.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_constraint con ON con.conindid = s.indexrelid AND con.contype IN ('p', 'u', 'x')
 WHERE s.schemaname = 'public'
 ORDER BY (s.idx_scan = 0 AND con.conname IS NULL) DESC, s.idx_scan DESC, s.indexrelname;

COMMENT ON VIEW v43_index_effectiveness IS
    'Per index in public: scans, tuples, size, kind from the catalog, and a usage verdict (constraint indexes are kept).';

-- table_bloat --------------------------------------------------------------------------------------------
-- Estimate from pg_stats widths (run ANALYZE first): expected pages = ceil(reltuples x tuple bytes /
-- usable page bytes), tuple bytes = MAXALIGN(23-byte header + null bitmap) + MAXALIGN(data width) + 4-byte
-- line pointer, usable page = block_size - 24-byte page header, scaled by the table's fillfactor.
-- pgstattuple_approx() gives exact figures where the extension is installed.
CREATE OR REPLACE VIEW table_bloat AS
WITH tables AS (
    SELECT c.oid, n.nspname, c.relname, c.relpages::bigint AS relpages, c.reltuples,
           current_setting('block_size')::numeric AS block_size,
           coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::numeric
                       FROM unnest(c.reloptions) o WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor,
           (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS column_count,
           (SELECT sum((1 - s.null_frac) * s.avg_width) FROM pg_stats s
             WHERE s.schemaname = n.nspname AND s.tablename = c.relname AND NOT s.inherited) AS data_width,
           (SELECT bool_or(s.null_frac > 0) FROM pg_stats s
             WHERE s.schemaname = n.nspname AND s.tablename = c.relname AND NOT s.inherited) AS has_nulls
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm') AND c.relpages > 100 AND c.reltuples >= 0
),
estimates AS (
    SELECT t.*,
           8 * ceil((23 + CASE WHEN t.has_nulls THEN ceil(t.column_count / 8.0) ELSE 0 END) / 8.0)
             + 8 * ceil(coalesce(t.data_width, 0) / 8.0) + 4 AS tuple_bytes
      FROM tables t
),
expected AS (
    SELECT e.*,
           greatest(ceil(e.reltuples * e.tuple_bytes / ((e.block_size - 24) * e.fillfactor / 100)), 1)::bigint AS expected_pages
      FROM estimates e
)
SELECT x.nspname                                                             AS schemaname,
       x.relname                                                             AS table_name,
       pg_size_pretty(x.relpages * x.block_size::bigint)                     AS real_size,
       pg_size_pretty(x.expected_pages * x.block_size::bigint)               AS expected_size,
       round((x.relpages - x.expected_pages)::numeric / x.relpages, 4)        AS bloat_ratio,
       greatest(x.relpages - x.expected_pages, 0) * x.block_size::bigint     AS bloat_bytes,
       pg_size_pretty(greatest(x.relpages - x.expected_pages, 0) * x.block_size::bigint) AS bloat_size
  FROM expected x
 WHERE (x.relpages - x.expected_pages)::numeric / x.relpages > 0.2
   -- No visible pg_stats rows (never analyzed, or a reader without column privileges) would read as 100 % bloat.
   AND x.data_width IS NOT NULL
 ORDER BY greatest(x.relpages - x.expected_pages, 0) DESC;

COMMENT ON VIEW table_bloat IS
    'Tables in public over 100 pages whose estimated bloat exceeds 20 % (estimate from pg_stats widths; needs ANALYZE).';

-- index_bloat --------------------------------------------------------------------------------------------
-- B-tree leaf estimate: per entry an 8-byte index tuple header + MAXALIGN(key and INCLUDE widths) + 4-byte
-- line pointer, pages of block_size - 24 (header) - 16 (B-tree special space) filled to the fillfactor
-- (90 by default), plus the meta page. Column widths come from the table's pg_stats; an expression
-- column's from the statistics ANALYZE keeps under the index name (pg_stats.tablename = index name).
CREATE OR REPLACE VIEW index_bloat AS
WITH indexes AS (
    SELECT ic.oid, n.nspname, tc.relname AS table_name, ic.relname AS index_name,
           ic.relpages::bigint AS relpages, ic.reltuples,
           current_setting('block_size')::numeric AS block_size,
           coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)')::numeric
                       FROM unnest(ic.reloptions) o WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor,
           (SELECT sum(coalesce(
                       CASE WHEN k.attnum <> 0
                            THEN (SELECT s.avg_width FROM pg_attribute a
                                    JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = tc.relname
                                                   AND s.attname = a.attname AND NOT s.inherited
                                   WHERE a.attrelid = tc.oid AND a.attnum = k.attnum)
                            ELSE (SELECT s.avg_width FROM pg_attribute a
                                    JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = ic.relname
                                                   AND s.attname = a.attname
                                   WHERE a.attrelid = ic.oid AND a.attnum = k.ord)
                       END, 8))
              FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)) AS key_width
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class tc ON tc.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
      JOIN pg_am am ON am.oid = ic.relam
     WHERE n.nspname = 'public' AND am.amname = 'btree' AND ic.relkind = 'i'
       AND ic.relpages > 100 AND ic.reltuples >= 0
),
expected AS (
    SELECT x.*,
           (ceil(x.reltuples * (8 + 8 * ceil(x.key_width / 8.0) + 4)
                 / ((x.block_size - 24 - 16) * x.fillfactor / 100)) + 1)::bigint AS expected_pages
      FROM indexes x
)
SELECT e.nspname                                                             AS schemaname,
       e.table_name,
       e.index_name,
       pg_size_pretty(e.relpages * e.block_size::bigint)                     AS real_size,
       pg_size_pretty(e.expected_pages * e.block_size::bigint)               AS expected_size,
       round(greatest(e.relpages - e.expected_pages, 0)::numeric / e.relpages, 4) AS bloat_ratio,
       greatest(e.relpages - e.expected_pages, 0) * e.block_size::bigint     AS bloat_bytes,
       pg_size_pretty(greatest(e.relpages - e.expected_pages, 0) * e.block_size::bigint) AS bloat_size
  FROM expected e
 ORDER BY greatest(e.relpages - e.expected_pages, 0) DESC;

COMMENT ON VIEW index_bloat IS
    'B-tree indexes in public over 100 pages: real vs estimated size (estimate from pg_stats widths; needs ANALYZE).';

-- active_connections -------------------------------------------------------------------------------------
-- Client sessions that are not idle, other than the one reading the view.
CREATE OR REPLACE VIEW active_connections AS
SELECT a.pid,
       a.usename                                                              AS user_name,
       a.datname                                                              AS database_name,
       a.application_name,
       a.client_addr,
       a.backend_start,
       a.state,
       a.state_change,
       a.xact_start,
       a.query_start,
       now() - a.query_start                                                  AS query_duration,
       a.wait_event_type,
       a.wait_event,
       left(a.query, 100)                                                     AS query
  FROM pg_stat_activity a
 WHERE a.backend_type = 'client backend'
   AND a.state IS NOT NULL AND a.state <> 'idle'
   AND a.pid <> pg_backend_pid()
 ORDER BY CASE a.state WHEN 'active' THEN 0 WHEN 'idle in transaction' THEN 1 ELSE 2 END, a.query_start;

COMMENT ON VIEW active_connections IS 'Non-idle client sessions (active first, then idle in transaction), excluding the reader.';

-- connection_stats ---------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW connection_stats AS
SELECT coalesce(a.state, 'unknown')                                           AS state,
       count(*)                                                               AS connections,
       max(now() - a.query_start)                                             AS max_duration,
       avg(now() - a.query_start)                                             AS avg_duration
  FROM pg_stat_activity a
 WHERE a.backend_type = 'client backend'
 GROUP BY coalesce(a.state, 'unknown')
 ORDER BY count(*) DESC;

COMMENT ON VIEW connection_stats IS 'Client sessions per state with the longest and mean time since their current statement started.';

-- blocking_locks -----------------------------------------------------------------------------------------
-- pg_blocking_pids() is exact (it also sees lock queue ordering and parallel groups), where matching
-- pg_locks rows by hand misses cases.
CREATE OR REPLACE VIEW blocking_locks AS
SELECT blocked.pid                                                            AS blocked_pid,
       blocked.usename                                                        AS blocked_user,
       blocked.query                                                          AS blocked_statement,
       now() - blocked.query_start                                            AS blocked_duration,
       (SELECT l.locktype || ' ' || l.mode || coalesce(' on ' || l.relation::regclass::text, '')
          FROM pg_locks l WHERE l.pid = blocked.pid AND NOT l.granted LIMIT 1) AS waiting_for,
       blocking.pid                                                           AS blocking_pid,
       blocking.usename                                                       AS blocking_user,
       blocking.state                                                         AS blocking_state,
       blocking.query                                                         AS blocking_statement,
       now() - coalesce(blocking.xact_start, blocking.query_start)            AS blocking_duration
  FROM pg_stat_activity blocked
 CROSS JOIN LATERAL unnest(pg_blocking_pids(blocked.pid)) AS b(pid)
  JOIN pg_stat_activity blocking ON blocking.pid = b.pid
 WHERE blocked.wait_event_type = 'Lock'
 ORDER BY blocked.query_start;

COMMENT ON VIEW blocking_locks IS 'Each waiting session with the session that blocks it (pg_blocking_pids).';

-- performance_dashboard ----------------------------------------------------------------------------------
CREATE OR REPLACE VIEW performance_dashboard AS
SELECT (SELECT round(100 * ratio, 2) FROM cache_hit_ratios WHERE cache_type = 'table') AS table_cache_hit_percent,
       (SELECT round(100 * ratio, 2) FROM cache_hit_ratios WHERE cache_type = 'index') AS index_cache_hit_percent,
       (SELECT count(*) FROM pg_stat_activity a
         WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid())        AS total_connections,
       (SELECT count(*) FROM pg_stat_activity a
         WHERE a.backend_type = 'client backend' AND a.state = 'active' AND a.pid <> pg_backend_pid()) AS active_connections,
       (SELECT count(*) FROM pg_stat_activity a
         WHERE a.backend_type = 'client backend' AND a.state LIKE 'idle in transaction%') AS idle_in_transaction,
       (SELECT coalesce(round(max(extract(epoch FROM now() - a.query_start))::numeric, 1), 0) FROM pg_stat_activity a
         WHERE a.backend_type = 'client backend' AND a.state = 'active' AND a.pid <> pg_backend_pid()) AS longest_query_seconds,
       pg_size_pretty(pg_database_size(current_database()))                   AS database_size,
       (SELECT count(*) FROM pg_stat_user_tables)                             AS user_tables,
       (SELECT count(*) FROM pg_stat_user_indexes)                            AS user_indexes,
       current_setting('max_connections')::integer                            AS max_connections,
       now()                                                                  AS measured_at;

COMMENT ON VIEW performance_dashboard IS 'One row: cache hit %, sessions, longest active statement, size, object counts.';

-- Grants -------------------------------------------------------------------------------------------------
REVOKE ALL ON slow_queries, frequent_queries, cache_hit_ratios, table_cache_stats, v43_index_effectiveness,
              table_bloat, index_bloat, active_connections, connection_stats, blocking_locks, performance_dashboard
    FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app') THEN
        REVOKE ALL ON slow_queries, frequent_queries, cache_hit_ratios, table_cache_stats, v43_index_effectiveness,
                      table_bloat, index_bloat, active_connections, connection_stats, blocking_locks,
                      performance_dashboard
            FROM sparkle_app;
    END IF;
END
$$;

GRANT SELECT ON slow_queries, frequent_queries, cache_hit_ratios, table_cache_stats, v43_index_effectiveness,
                table_bloat, index_bloat, active_connections, connection_stats, blocking_locks, performance_dashboard
    TO pg_monitor;

-- Statistics targets -------------------------------------------------------------------------------------
-- High-cardinality join and filter columns get a finer histogram/MCV list. On a partitioned table the
-- setting reaches every partition.
ALTER TABLE users ALTER COLUMN "id" SET STATISTICS 1000;
ALTER TABLE users ALTER COLUMN "username" SET STATISTICS 1000;
ALTER TABLE users ALTER COLUMN "email" SET STATISTICS 1000;
ALTER TABLE posts ALTER COLUMN "id" SET STATISTICS 1000;
ALTER TABLE posts ALTER COLUMN "slug" SET STATISTICS 1000;
ALTER TABLE messages ALTER COLUMN "senderId" SET STATISTICS 1000;
ALTER TABLE notifications ALTER COLUMN "userId" SET STATISTICS 1000;
ALTER TABLE activity_streams ALTER COLUMN "userId" SET STATISTICS 1000;
ALTER TABLE activity_streams ALTER COLUMN "entityId" SET STATISTICS 1000;
ALTER TABLE comments ALTER COLUMN "postId" SET STATISTICS 1000;
ALTER TABLE comments ALTER COLUMN "authorId" SET STATISTICS 1000;
-- Not for the two columns the app filters with an id list (= ANY): posts."authorId" (the following feed) and
-- messages."conversationId" (the inbox's last messages). The planner compares every list element with every
-- most-common value, so 1,000 of them made the following feed plan in 20.5 ms instead of 2.3 ms (D105).
ALTER TABLE posts ALTER COLUMN "authorId" SET STATISTICS -1;
ALTER TABLE messages ALTER COLUMN "conversationId" SET STATISTICS -1;

ANALYZE users, posts, messages, notifications, activity_streams, comments;

-- perform_maintenance() ----------------------------------------------------------------------------------
-- Nightly upkeep (pg_cron or `sparkle-db maintain --schedule`; `sparkle-db maintain` calls the same procedure).
-- The work is the maintenance engine's (db/engine/maintenance.sql): the registered tasks in order, each change in
-- a transaction of its own with a short lock_timeout and retries, journaled in sparkle_db.maintenance_runs as it
-- commits, and one system_health row (service maintenance) per run. This phase registers two tasks:
--   materialized_views  every materialized view of public, one refresh per transaction (CONCURRENTLY when it can)
--   statistics          ANALYZE of the hot tables and of every partitioned parent (autovacuum never analyzes those)
-- Phase 007 registers 'partitions' (position 10, before both: the statistics then see the final partitions); this
-- phase also registers 'counters' (20, phase 005's counter repair, before the views that read the counters).
-- A procedure, not the plan's function: a function cannot commit between steps, so a failure late in the run
-- rolled back the refreshes before it and the row naming the failure (DECISIONS.md D85).

CREATE OR REPLACE FUNCTION sparkle_db.maintenance_plan_materialized_views(p_options jsonb)
RETURNS TABLE (name text, kind text, statement text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT c.relname::text, 'refresh'::text,
           pg_catalog.format('SELECT sparkle_db.maintenance_refresh(%L::regclass)', c.oid::regclass::text)
      FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'm'
     ORDER BY c.relname;
$$;

CREATE OR REPLACE FUNCTION sparkle_db.maintenance_plan_statistics(p_options jsonb)
RETURNS TABLE (name text, kind text, statement text)
LANGUAGE sql
STABLE
SET search_path = pg_catalog
AS $$
    SELECT c.relname::text, 'analyze'::text,
           pg_catalog.format('SELECT sparkle_db.maintenance_analyze(%L::regclass)', c.oid::regclass::text)
      FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
       AND (c.relkind = 'p'
            OR (c.relkind = 'r' AND c.relname = ANY (coalesce(
                    (SELECT pg_catalog.array_agg(t) FROM pg_catalog.jsonb_array_elements_text(p_options->'analyze_tables') t),
                    ARRAY['users', 'posts', 'comments', 'messages', 'notifications']))))
     ORDER BY c.relname;
$$;

-- counters: the repair of phase 005's owned counters (sparkle_db.counter_tables, D82), when 005 provides it. Per
-- table, one stepwise action: the first call compares a sample of about counter_sample_rows rows (option; 10 000)
-- with their recount, and the whole table when the sample found drift; then each call recounts 500 of the drifted
-- rows (sparkle_db.recount_rows locks each row first), so no transaction holds many row locks. Its detail:
-- {rowsChecked, sampled, rowsDiffering, rowsRepaired, keys (up to 20)}.
CREATE OR REPLACE FUNCTION sparkle_db.maintenance_repair_counters(p_table text, p_sample_rows integer, p_state text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_state   jsonb;
    v_sampled boolean;
    v_keys    text[];
    v_checked bigint;
    v_pending text[];
    v_batch   text[];
BEGIN
    IF p_state IS NULL THEN
        SELECT c.reltuples > p_sample_rows INTO v_sampled FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.format('public.%I', p_table)::regclass;
        SELECT pg_catalog.array_agg(DISTINCT d.key ORDER BY d.key) FILTER (WHERE d.key IS NOT NULL), pg_catalog.max(d.rows_checked)
          INTO v_keys, v_checked FROM sparkle_db.counter_differences(p_table, p_sample_rows) d;
        IF v_keys IS NOT NULL AND v_sampled THEN
            -- A sample found drift: the rest of the table is likely to have some too.
            SELECT pg_catalog.array_agg(DISTINCT d.key ORDER BY d.key) FILTER (WHERE d.key IS NOT NULL), pg_catalog.max(d.rows_checked)
              INTO v_keys, v_checked FROM sparkle_db.counter_differences(p_table, NULL) d;
            v_sampled := false;
        END IF;
        v_state := pg_catalog.jsonb_build_object(
            'rowsChecked', coalesce(v_checked, 0), 'sampled', coalesce(v_sampled, false),
            'rowsDiffering', coalesce(pg_catalog.cardinality(v_keys), 0), 'rowsRepaired', 0,
            'keys', pg_catalog.to_jsonb(coalesce(v_keys[1:20], '{}')), 'pending', pg_catalog.to_jsonb(coalesce(v_keys, '{}')));
    ELSE
        v_state := p_state::jsonb;
    END IF;

    SELECT pg_catalog.array_agg(k) INTO v_pending FROM pg_catalog.jsonb_array_elements_text(v_state->'pending') k;
    v_batch := v_pending[1:500];
    IF pg_catalog.cardinality(v_batch) > 0 THEN
        v_state := pg_catalog.jsonb_set(v_state, '{rowsRepaired}',
            pg_catalog.to_jsonb((v_state->>'rowsRepaired')::integer + sparkle_db.recount_rows(p_table, v_batch)));
    END IF;
    v_pending := v_pending[501:];
    IF pg_catalog.cardinality(v_pending) > 0 THEN
        RETURN (v_state || pg_catalog.jsonb_build_object('pending', pg_catalog.to_jsonb(v_pending), 'more', true))::text;
    END IF;
    RETURN (v_state - 'pending' - 'more')::text;
END
$$;

CREATE OR REPLACE FUNCTION sparkle_db.maintenance_plan_counters(p_options jsonb)
RETURNS TABLE (name text, kind text, statement text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
BEGIN
    IF pg_catalog.to_regclass('sparkle_db.counter_tables') IS NULL
       OR pg_catalog.to_regprocedure('sparkle_db.recount_rows(text, text[])') IS NULL THEN
        RETURN;   -- phase 005 without owned counters
    END IF;
    RETURN QUERY EXECUTE
        'SELECT ''counters.'' || ct.table_name, ''counters''::text,
                pg_catalog.format(''SELECT sparkle_db.maintenance_repair_counters(%L, %s, $1)'', ct.table_name, $1)
           FROM sparkle_db.counter_tables ct ORDER BY ct.table_name'
        USING GREATEST(coalesce((p_options->>'counter_sample_rows')::integer, 10000), 1);
END
$$;

INSERT INTO sparkle_db.maintenance_tasks (task, position, planner, description) VALUES
    ('counters', 20, 'sparkle_db.maintenance_plan_counters',
     'Phase 005''s owned counters: compare a sample (or, on drift, every row) with the recount and recount drifted rows, 500 per transaction.'),
    ('materialized_views', 30, 'sparkle_db.maintenance_plan_materialized_views',
     'Phase 009: refresh every materialized view of public, CONCURRENTLY when it is populated and has a unique index.'),
    ('statistics', 40, 'sparkle_db.maintenance_plan_statistics',
     'Phase 009: ANALYZE users, posts, comments, messages, notifications and every partitioned parent.')
ON CONFLICT (task) DO UPDATE SET planner = EXCLUDED.planner, description = EXCLUDED.description;

-- Earlier versions defined perform_maintenance() as a function.
DROP FUNCTION IF EXISTS public.perform_maintenance();

-- CALL public.perform_maintenance();  p_run_id returns the journal id (NULL: another run held the lock).
CREATE OR REPLACE PROCEDURE public.perform_maintenance(
    INOUT p_run_id  bigint  DEFAULT NULL,
    p_lock_timeout  text    DEFAULT '200ms',
    p_lock_attempts integer DEFAULT 10,
    p_keep_days     integer DEFAULT 90)
LANGUAGE plpgsql
AS $$
BEGIN
    CALL sparkle_db.run_maintenance(p_run_id, NULL, '{"analyze": false}'::jsonb, p_lock_timeout, p_lock_attempts, p_keep_days);
END
$$;

COMMENT ON PROCEDURE public.perform_maintenance(bigint, text, integer, integer) IS
    'Runs every enabled maintenance task (partitions, materialized_views, statistics, ...), each change in its own '
    'transaction; journal sparkle_db.maintenance_runs, one system_health row (service maintenance, healthy/degraded/down).';

REVOKE ALL ON FUNCTION sparkle_db.maintenance_plan_materialized_views(jsonb), sparkle_db.maintenance_plan_statistics(jsonb),
    sparkle_db.maintenance_plan_counters(jsonb), sparkle_db.maintenance_repair_counters(text, integer, text) FROM PUBLIC;
REVOKE ALL ON PROCEDURE public.perform_maintenance(bigint, text, integer, integer) FROM PUBLIC;
