-- Index-usage tooling of phase 008 (8.2-8.4). The statistics views name tables and indexes
-- relname / indexrelname; the draft's tablename / indexname do not exist there (D-16). The output
-- columns keep the draft's names so reports written against the plan still read them.

CREATE OR REPLACE VIEW index_usage_stats AS
SELECT s.schemaname::text                                 AS schemaname,
       s.relname::text                                    AS tablename,
       s.indexrelname::text                               AS indexname,
       s.idx_scan                                         AS index_scans,
       s.idx_tup_read                                     AS tuples_read,
       s.idx_tup_fetch                                    AS tuples_fetched,
       pg_catalog.pg_size_pretty(pg_catalog.pg_relation_size(s.indexrelid)) AS index_size,
       CASE
           WHEN s.idx_scan = 0    THEN 'UNUSED'
           WHEN s.idx_scan < 100  THEN 'RARELY USED'
           WHEN s.idx_scan < 1000 THEN 'OCCASIONALLY USED'
           ELSE 'FREQUENTLY USED'
       END                                                AS usage_category,
       pg_catalog.pg_relation_size(s.indexrelid)          AS index_bytes
FROM pg_catalog.pg_stat_user_indexes s
ORDER BY s.idx_scan DESC, s.schemaname, s.relname, s.indexrelname;

-- Candidates for removal: fewer than 100 scans since the statistics were reset. Unique and primary
-- key indexes are never candidates, they enforce constraints whatever their scan count.
CREATE OR REPLACE FUNCTION find_unused_indexes()
RETURNS TABLE (
    schemaname  text,
    tablename   text,
    indexname   text,
    index_size  text,
    index_scans bigint
)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public
AS $$
    SELECT s.schemaname::text,
           s.relname::text,
           s.indexrelname::text,
           pg_size_pretty(pg_relation_size(s.indexrelid)),
           s.idx_scan
    FROM pg_stat_user_indexes s
    JOIN pg_index i ON i.indexrelid = s.indexrelid
    WHERE s.schemaname = 'public'
      AND s.idx_scan < 100
      AND NOT i.indisunique
      AND NOT i.indisprimary
      AND s.indexrelname NOT LIKE '%\_pkey'
      AND s.indexrelname NOT LIKE '%\_key'
    ORDER BY pg_relation_size(s.indexrelid) DESC, s.relname, s.indexrelname;
$$;

-- Per table: how many of its indexes are used, and how their size compares with the table's main
-- fork. index_ratio is NULL for an empty table rather than a division by zero.
CREATE OR REPLACE FUNCTION analyze_index_effectiveness()
RETURNS TABLE (
    tablename        text,
    total_indexes    bigint,
    used_indexes     bigint,
    unused_indexes   bigint,
    total_index_size text,
    table_size       text,
    index_ratio      numeric
)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public
AS $$
    WITH per_table AS (
        SELECT s.relid,
               s.relname,
               count(*)                                    AS total_indexes,
               count(*) FILTER (WHERE s.idx_scan > 0)      AS used_indexes,
               count(*) FILTER (WHERE s.idx_scan = 0)      AS unused_indexes,
               sum(pg_relation_size(s.indexrelid))::bigint AS index_bytes
        FROM pg_stat_user_indexes s
        WHERE s.schemaname = 'public'
        GROUP BY s.relid, s.relname
    )
    SELECT t.relname::text,
           t.total_indexes,
           t.used_indexes,
           t.unused_indexes,
           pg_size_pretty(t.index_bytes),
           pg_size_pretty(pg_relation_size(t.relid)),
           round(t.index_bytes::numeric / nullif(pg_relation_size(t.relid), 0), 2)
    FROM per_table t
    ORDER BY t.index_bytes DESC, t.relname;
$$;

GRANT SELECT ON index_usage_stats TO sparkle_app;
