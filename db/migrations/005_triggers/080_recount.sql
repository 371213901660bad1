-- Phase 005, part 8: compare the owned counters with their recounts, and repair them.
--
-- `verify` (check counters.<table>) calls sparkle_db.check_counters: every row of a small table, a random
-- sample of a large one, and how many rows differ. `maintain` calls sparkle_db.repair_counters and
-- journals what it fixed. Neither is needed for correctness (the triggers keep the counters exact); they
-- catch what bypasses the triggers: session_replication_role = replica, a restore of part of the data,
-- a manual UPDATE made with sparkle_db.owner_write on.

-- The rows of one counter table whose stored counters differ from their recount, as (key, column,
-- stored, recounted). p_limit bounds the rows read: a table with more rows (by its statistics) is
-- sampled (TABLESAMPLE BERNOULLI) to about p_limit rows. NULL reads every row.
CREATE OR REPLACE FUNCTION sparkle_db.counter_differences(p_table text, p_limit integer DEFAULT NULL)
RETURNS TABLE (key text, column_name text, stored bigint, recounted bigint, rows_checked bigint)
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_meta    sparkle_db.counter_tables%ROWTYPE;
    v_pairs   text;
    v_source  text;
    v_rows    double precision;
BEGIN
    IF p_limit IS NOT NULL AND p_limit < 1 THEN
        RAISE EXCEPTION 'counter_differences: p_limit must be at least 1 (got %)', p_limit
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_meta FROM sparkle_db.counter_tables ct WHERE ct.table_name = p_table;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'counter_differences: % has no database-owned counters', quote_nullable(p_table)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The tables are listed in sparkle_db.counter_tables.';
    END IF;

    SELECT string_agg(format('(%L, t.%I::bigint, r.%I::bigint)', oc.column_name, oc.column_name, oc.column_name),
                      ', ' ORDER BY oc.column_name)
      INTO v_pairs
      FROM sparkle_db.owned_counters oc WHERE oc.table_name = p_table;

    SELECT c.reltuples INTO v_rows FROM pg_class c WHERE c.oid = format('public.%I', p_table)::regclass;
    v_source := format('public.%I t', p_table);
    IF p_limit IS NOT NULL AND v_rows > p_limit THEN
        v_source := v_source || format(' TABLESAMPLE BERNOULLI (%s)', round((100.0 * p_limit / v_rows)::numeric, 6));
    END IF;

    RETURN QUERY EXECUTE format(
        'WITH checked AS (SELECT t.%1$I AS key, v.column_name, v.stored, v.recounted
                            FROM %2$s
                           CROSS JOIN LATERAL sparkle_db.%3$I(t.%1$I) r
                           CROSS JOIN LATERAL (VALUES %4$s) AS v(column_name, stored, recounted))
         SELECT c.key, c.column_name, c.stored, c.recounted, (SELECT count(DISTINCT k.key) FROM checked k)
           FROM checked c
          WHERE c.stored IS DISTINCT FROM c.recounted
          UNION ALL
         SELECT NULL, NULL, NULL, NULL, (SELECT count(DISTINCT k.key) FROM checked k)
          ORDER BY 1 NULLS LAST, 2',
        v_meta.key_column, v_source, v_meta.count_function, v_pairs);
END;
$$;

COMMENT ON FUNCTION sparkle_db.counter_differences(text, integer) IS
    'Owned counters of one table that differ from their recount (all rows, or a sample of about p_limit rows); '
    'a last row with NULL key carries the number of rows checked.';

-- One summary row per counter table: rows checked, rows that differ, a few of their keys.
CREATE OR REPLACE FUNCTION sparkle_db.check_counters(p_limit integer DEFAULT 10000)
RETURNS TABLE (table_name text, rows_checked bigint, rows_differing bigint, sampled boolean, example_keys text[])
LANGUAGE sql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ct.table_name,
           max(d.rows_checked),
           count(DISTINCT d.key),
           (SELECT c.reltuples > p_limit FROM pg_class c WHERE c.oid = format('public.%I', ct.table_name)::regclass),
           (array_agg(DISTINCT d.key) FILTER (WHERE d.key IS NOT NULL))[1:5]
      FROM sparkle_db.counter_tables ct
     CROSS JOIN LATERAL sparkle_db.counter_differences(ct.table_name, p_limit) d
     GROUP BY ct.table_name
     ORDER BY ct.table_name;
$$;

COMMENT ON FUNCTION sparkle_db.check_counters(integer) IS
    'For each table with owned counters: rows checked (all, or a sample of about p_limit), rows whose counters '
    'differ from a recount, and up to five of their keys.';

-- Sets every owned counter of the given rows to its recount. Each row is locked before it is recounted,
-- so the recount (a new snapshot, taken after the lock) includes every writer that touched the row
-- before, and writers that come later apply their deltas on top: nothing is lost or counted twice.
CREATE OR REPLACE FUNCTION sparkle_db.recount_rows(p_table text, p_keys text[])
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_meta     sparkle_db.counter_tables%ROWTYPE;
    v_set      text;
    v_changed  text;
    v_key      text;
    v_fixed    integer := 0;
    v_count    integer;
    v_previous text := current_setting('sparkle_db.owner_write', true);
BEGIN
    SELECT * INTO v_meta FROM sparkle_db.counter_tables ct WHERE ct.table_name = p_table;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'recount_rows: % has no database-owned counters', quote_nullable(p_table)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT string_agg(format('%1$I = r.%1$I', oc.column_name), ', ' ORDER BY oc.column_name),
           string_agg(format('t.%1$I IS DISTINCT FROM r.%1$I', oc.column_name), ' OR ' ORDER BY oc.column_name)
      INTO v_set, v_changed
      FROM sparkle_db.owned_counters oc WHERE oc.table_name = p_table;

    PERFORM set_config('sparkle_db.owner_write', 'on', true);
    FOREACH v_key IN ARRAY (SELECT array_agg(DISTINCT k ORDER BY k) FROM unnest(p_keys) k WHERE k IS NOT NULL) LOOP
        EXECUTE format('SELECT 1 FROM public.%I t WHERE t.%I = $1 FOR NO KEY UPDATE', p_table, v_meta.key_column)
          USING v_key;
        EXECUTE format('UPDATE public.%1$I t SET %2$s FROM sparkle_db.%3$I($1) r WHERE t.%4$I = $1 AND (%5$s)',
                       p_table, v_set, v_meta.count_function, v_meta.key_column, v_changed)
          USING v_key;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        v_fixed := v_fixed + v_count;
    END LOOP;
    PERFORM set_config('sparkle_db.owner_write', COALESCE(v_previous, ''), true);
    RETURN v_fixed;
END;
$$;

COMMENT ON FUNCTION sparkle_db.recount_rows(text, text[]) IS
    'Sets the owned counters of the rows with the given keys to their recount; returns how many rows changed.';

-- Finds drifted rows (all rows, or a sample) and recounts them; one row per table with what was fixed.
CREATE OR REPLACE FUNCTION sparkle_db.repair_counters(p_limit integer DEFAULT NULL)
RETURNS TABLE (table_name text, rows_checked bigint, rows_repaired integer, repaired_keys text[])
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_table text;
    v_keys  text[];
    v_rows  bigint;
BEGIN
    FOR v_table IN SELECT ct.table_name FROM sparkle_db.counter_tables ct ORDER BY ct.table_name LOOP
        SELECT array_agg(DISTINCT d.key) FILTER (WHERE d.key IS NOT NULL), max(d.rows_checked)
          INTO v_keys, v_rows
          FROM sparkle_db.counter_differences(v_table, p_limit) d;
        table_name := v_table;
        rows_checked := v_rows;
        rows_repaired := CASE WHEN v_keys IS NULL THEN 0 ELSE sparkle_db.recount_rows(v_table, v_keys) END;
        repaired_keys := v_keys[1:20];
        RETURN NEXT;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION sparkle_db.repair_counters(integer) IS
    'Recounts the owned counters that differ from their sources (all rows, or a sample of about p_limit per '
    'table); one row per table with rows checked, rows repaired and up to 20 of their keys.';
