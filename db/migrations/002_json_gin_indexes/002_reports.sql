-- Phase 002 reports as views, so they can be read at any time instead of only at migration time.
-- Both skip partition-level copies of an index (relispartition), which the seed's counts included
-- (D-47), and use the access method from pg_am, never text matching on indexdef.

-- (a) every GIN index in public, plus B-tree indexes named like JSON/GIN ones.
CREATE OR REPLACE VIEW json_index_report AS
SELECT n.nspname::text                               AS schema_name,
       t.relname::text                               AS table_name,
       i.relname::text                               AS index_name,
       am.amname::text                               AS index_type,
       pg_catalog.pg_relation_size(i.oid)            AS index_bytes,
       pg_catalog.pg_size_pretty(pg_catalog.pg_relation_size(i.oid)) AS index_size,
       x.indisprimary                                AS is_primary,
       x.indisunique                                 AS is_unique,
       CASE
           WHEN am.amname = 'gin'              THEN 'JSON/Array Index'
           WHEN i.relname LIKE '%content%'     THEN 'Content Index'
           WHEN i.relname LIKE '%metadata%'    THEN 'Metadata Index'
           WHEN i.relname LIKE '%settings%'    THEN 'Settings Index'
           ELSE 'Other'
       END                                           AS index_category
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i     ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t     ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am       ON am.oid = i.relam
WHERE n.nspname = 'public'
  AND NOT i.relispartition
  AND (am.amname = 'gin' OR i.relname LIKE 'idx\_%json%' OR i.relname LIKE 'idx\_%gin%')
ORDER BY CASE t.relname WHEN 'posts' THEN 1 WHEN 'profiles' THEN 2 WHEN 'messages' THEN 3 ELSE 4 END,
         t.relname,
         i.relname;

-- (b) per table: number and total size of its GIN indexes, most indexes first.
CREATE OR REPLACE VIEW gin_index_summary AS
SELECT t.relname::text                                      AS table_name,
       count(*)                                             AS gin_index_count,
       sum(pg_catalog.pg_relation_size(i.oid))::bigint      AS total_index_bytes,
       pg_catalog.pg_size_pretty(sum(pg_catalog.pg_relation_size(i.oid))) AS total_index_size
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i     ON i.oid = x.indexrelid
JOIN pg_catalog.pg_class t     ON t.oid = x.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am       ON am.oid = i.relam
WHERE n.nspname = 'public'
  AND NOT i.relispartition
  AND am.amname = 'gin'
GROUP BY t.relname
ORDER BY count(*) DESC, t.relname;

-- (c) the seed's commented "post-deployment" coverage query, made to run: every jsonb / jsonb[] column
-- of public with whether a valid index keys on it (as a column or inside an index expression).
-- Phase 002 indexes 37 of the 109 (Appendix C lists the rest); that is by design, not a gap.
CREATE OR REPLACE VIEW json_column_coverage AS
SELECT c.relname::text                                   AS table_name,
       a.attname::text                                   AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod)   AS data_type,
       cov.indexed,
       CASE WHEN cov.indexed THEN 'Indexed' ELSE 'Not Indexed' END AS index_status
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c     ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (
    SELECT EXISTS (
        SELECT 1
        FROM pg_catalog.pg_index x
        WHERE x.indrelid = c.oid
          AND x.indisvalid
          AND (a.attnum = ANY (x.indkey::int2[])
               OR (x.indexprs IS NOT NULL
                   AND pg_catalog.pg_get_expr(x.indexprs, x.indrelid) ~ ('(^|[^A-Za-z0-9_"])' || pg_catalog.quote_ident(a.attname) || '($|[^A-Za-z0-9_"])')))
    ) AS indexed
) cov
WHERE n.nspname = 'public'
  AND c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND a.attnum > 0
  AND NOT a.attisdropped
  AND a.atttypid IN ('jsonb'::regtype, 'jsonb[]'::regtype)
ORDER BY cov.indexed DESC, c.relname, a.attname;

GRANT SELECT ON json_index_report, gin_index_summary, json_column_coverage TO sparkle_app;
