-- Phase 007, part 1c: partition upkeep as a maintenance task (the engine: db/engine/maintenance.sql).
-- Every change is one action in a transaction of its own, with a short lock_timeout and retries, so no lock on
-- one table is held while the next is processed (docs/DECISIONS.md D76, D86):
--   * rows that sit in a DEFAULT partition move to their month (stage, then move: below);
--   * the current UTC month and the months ahead get a partition;
--   * partitions past their retention are detached (archived) or dropped per sparkle_db.partition_policies.
-- DETACH PARTITION ... CONCURRENTLY does not apply: PostgreSQL refuses it on a table with a DEFAULT partition
-- (SQLSTATE 55000), and these tables keep one as a safety net. A retirement therefore takes ACCESS EXCLUSIVE on
-- the parent for a catalog-only moment; writers queue behind it for at most the action's lock_timeout, after
-- which the action gives way and is retried.

-- The partition key column of a single-column RANGE-partitioned table.
CREATE OR REPLACE FUNCTION sparkle_db.partition_key_column(p_parent regclass)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog
AS $$
    SELECT a.attname::text
      FROM pg_catalog.pg_partitioned_table pt
      JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
     WHERE pt.partrelid = p_parent AND pt.partnatts = 1;
$$;

-- Step 1 of moving a month out of DEFAULT: an empty table sparkle_db.<base>_YYYY_MM shaped like the parent, with
-- its indexes (built now, while it is empty, so the ATTACH later finds them and builds nothing) and a CHECK of the
-- month's bounds (so the ATTACH skips scanning it). In schema sparkle_db: if the move never happens, Prisma's
-- public schema never sees a half-made partition, and the next run reuses it. No foreign keys here: the ATTACH
-- clones and validates them (SHARE ROW EXCLUSIVE on users: writers of users wait, readers do not), where a
-- pre-made foreign key would be adopted by dropping its triggers on users (ACCESS EXCLUSIVE on users).
CREATE OR REPLACE FUNCTION sparkle_db.stage_month_partition(p_parent regclass, p_base_name text, p_month date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_name  text := p_base_name || '_' || pg_catalog.to_char(p_month, 'YYYY_MM');
    v_key   text := sparkle_db.partition_key_column(p_parent);
    v_lower timestamp := pg_catalog.date_trunc('month', p_month)::timestamp;
    v_upper timestamp := (pg_catalog.date_trunc('month', p_month) + interval '1 month')::timestamp;
BEGIN
    IF v_key IS NULL THEN
        RAISE EXCEPTION '% is not a single-column range-partitioned table', p_parent USING ERRCODE = '42809';
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('sparkle_db.%I', v_name)) IS NOT NULL THEN
        RETURN 'staged earlier';
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('public.%I', v_name)) IS NOT NULL THEN
        RAISE EXCEPTION 'public.% exists; not touched', v_name USING ERRCODE = '42P07';
    END IF;
    EXECUTE pg_catalog.format(
        'CREATE TABLE sparkle_db.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES '
        'INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS)', v_name, p_parent);
    EXECUTE pg_catalog.format('ALTER TABLE sparkle_db.%I ADD CONSTRAINT %I CHECK (%I IS NOT NULL AND %I >= %L AND %I < %L)',
        v_name, pg_catalog.left(v_name, 50) || '_bounds', v_key, v_key, v_lower, v_key, v_upper);
    RETURN 'staged';
END
$$;

-- Step 2, one transaction: the month's rows leave DEFAULT and enter the staged table in one statement (DELETE …
-- RETURNING into INSERT: no reader ever misses or double-sees a row), the table moves to public and is attached
-- for the month. Locks: the move itself takes only ROW EXCLUSIVE on DEFAULT (readers and other writers go on);
-- the ATTACH takes ACCESS EXCLUSIVE on DEFAULT only to scan what remains in it (the staged table's CHECK spares
-- its own scan), and then the transaction commits. One month per transaction is the batch (as pg_partman's
-- partition_data); a row written into DEFAULT for this month meanwhile makes the ATTACH fail and the action is
-- retried or reported, never lost.
CREATE OR REPLACE FUNCTION sparkle_db.move_default_rows(p_parent regclass, p_base_name text, p_month date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_name    text := p_base_name || '_' || pg_catalog.to_char(p_month, 'YYYY_MM');
    v_key     text := sparkle_db.partition_key_column(p_parent);
    v_lower   timestamp := pg_catalog.date_trunc('month', p_month)::timestamp;
    v_upper   timestamp := (pg_catalog.date_trunc('month', p_month) + interval '1 month')::timestamp;
    v_default regclass;
    v_columns text;
    v_rows    bigint;
    v_staged  boolean;
BEGIN
    SELECT NULLIF(pt.partdefid, 0)::regclass INTO v_default FROM pg_catalog.pg_partitioned_table pt WHERE pt.partrelid = p_parent;
    IF v_default IS NULL THEN
        RAISE EXCEPTION '% has no DEFAULT partition', p_parent USING ERRCODE = '42809';
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('sparkle_db.%I', v_name)) IS NULL THEN
        PERFORM sparkle_db.stage_month_partition(p_parent, p_base_name, p_month);
    END IF;
    -- Staged by an earlier run whose move rolled back, it is empty; rows there came from somewhere else.
    EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM sparkle_db.%I)', v_name) INTO STRICT v_staged;
    IF v_staged THEN
        RAISE EXCEPTION 'sparkle_db.% already holds rows; inspect it before moving % out of DEFAULT', v_name, p_month
            USING ERRCODE = '55000';
    END IF;
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_columns
      FROM pg_catalog.pg_attribute a WHERE a.attrelid = p_parent AND a.attnum > 0 AND NOT a.attisdropped;

    EXECUTE pg_catalog.format(
        'WITH moved AS (DELETE FROM ONLY %s d WHERE d.%I >= $1 AND d.%I < $2 RETURNING d.*) '
        'INSERT INTO sparkle_db.%I (%s) SELECT %s FROM moved', v_default, v_key, v_key, v_name, v_columns, v_columns)
        USING v_lower, v_upper;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    EXECUTE pg_catalog.format('ALTER TABLE sparkle_db.%I SET SCHEMA public', v_name);
    EXECUTE pg_catalog.format('ALTER TABLE %s ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)', p_parent, v_name, v_lower, v_upper);
    -- Redundant with the partition bound from now on.
    EXECUTE pg_catalog.format('ALTER TABLE public.%I DROP CONSTRAINT %I', v_name, pg_catalog.left(v_name, 50) || '_bounds');
    RETURN pg_catalog.format('%s rows moved out of %s', v_rows, v_default);
END
$$;

-- The planner of task 'partitions'. Options: table (one policy table, else all), months_ahead (3), analyze
-- (false: perform_maintenance's statistics task analyzes every parent; maintain_partitions asks for it).
-- Lists only what the catalog says is needed, so a second run plans nothing.
CREATE OR REPLACE FUNCTION sparkle_db.maintenance_plan_partitions(p_options jsonb)
RETURNS TABLE (name text, kind text, statement text)
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
    v_table   text := p_options->>'table';
    v_ahead   integer := GREATEST(coalesce((p_options->>'months_ahead')::integer, 3), 0);
    v_analyze boolean := coalesce((p_options->>'analyze')::boolean, false);
    v_policy  record;
    v_parent  regclass;
    v_default regclass;
    v_key     text;
    v_months  date[];
    v_month   date;
    v_ret     record;
BEGIN
    FOR v_policy IN
        SELECT p.table_name, p.retention_months, p.retention_action FROM sparkle_db.partition_policies p
         WHERE v_table IS NULL OR p.table_name = v_table
         ORDER BY p.table_name
    LOOP
        -- A policy table that is not (yet) partitioned is skipped, never created.
        v_parent := NULL;
        SELECT c.oid::regclass INTO v_parent FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relname = v_policy.table_name AND c.relkind = 'p';
        CONTINUE WHEN v_parent IS NULL;
        v_key := sparkle_db.partition_key_column(v_parent);
        SELECT NULLIF(pt.partdefid, 0)::regclass INTO v_default FROM pg_catalog.pg_partitioned_table pt WHERE pt.partrelid = v_parent;

        -- 1. Months whose rows sit in DEFAULT (an import of history, late events): stage, then move.
        v_months := '{}';
        IF v_default IS NOT NULL THEN
            EXECUTE pg_catalog.format(
                'SELECT coalesce(pg_catalog.array_agg(m ORDER BY m), ''{}'') FROM '
                '(SELECT DISTINCT pg_catalog.date_trunc(''month'', d.%I)::date AS m FROM ONLY %s d WHERE d.%I IS NOT NULL) s',
                v_key, v_default, v_key) INTO v_months;
        END IF;
        FOREACH v_month IN ARRAY v_months LOOP
            name := v_policy.table_name || '_' || pg_catalog.to_char(v_month, 'YYYY_MM');
            kind := 'stage';
            statement := pg_catalog.format('SELECT sparkle_db.stage_month_partition(%L::regclass, %L, %L::date)',
                                           v_parent::text, v_policy.table_name, v_month);
            RETURN NEXT;
            kind := 'move';
            statement := pg_catalog.format('SELECT sparkle_db.move_default_rows(%L::regclass, %L, %L::date)',
                                           v_parent::text, v_policy.table_name, v_month);
            RETURN NEXT;
        END LOOP;

        -- 2. The current UTC month and the months ahead that no partition covers yet.
        FOR i IN 0 .. v_ahead LOOP
            v_month := (pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC') + pg_catalog.make_interval(months => i))::date;
            CONTINUE WHEN v_month = ANY (v_months);
            CONTINUE WHEN EXISTS (
                SELECT 1 FROM pg_catalog.pg_inherits h, LATERAL sparkle_db.partition_bounds(h.inhrelid::regclass) b
                 WHERE h.inhparent = v_parent AND NOT b.is_default
                   AND coalesce(b.lower_bound, '-infinity') <= v_month::timestamp
                   AND coalesce(b.upper_bound, 'infinity') >= (v_month + interval '1 month')::timestamp);
            name := v_policy.table_name || '_' || pg_catalog.to_char(v_month, 'YYYY_MM');
            kind := 'create';
            statement := pg_catalog.format('SELECT sparkle_db.ensure_month_partition(%L::regclass, %L, %L::date)',
                                           v_parent::text, v_policy.table_name, v_month);
            RETURN NEXT;
        END LOOP;

        -- 3. Retention per policy (D3): detach to sparkle_archive, or drop.
        IF v_policy.retention_months IS NOT NULL THEN
            FOR v_ret IN SELECT r.partition_oid, r.partition_name FROM sparkle_db.retention_candidates(v_parent, v_policy.retention_months) r LOOP
                name := v_ret.partition_name;
                kind := CASE v_policy.retention_action WHEN 'detach' THEN 'detach' ELSE 'drop' END;
                statement := pg_catalog.format('SELECT sparkle_db.retire_partition(%L::regclass, %L::regclass, %L)',
                                               v_parent::text, v_ret.partition_oid::text, v_policy.retention_action);
                RETURN NEXT;
            END LOOP;
        END IF;

        IF v_analyze THEN
            name := v_policy.table_name;
            kind := 'analyze';
            statement := pg_catalog.format('SELECT sparkle_db.maintenance_analyze(%L::regclass)', v_parent::text);
            RETURN NEXT;
        END IF;
    END LOOP;
END
$$;

INSERT INTO sparkle_db.maintenance_tasks (task, position, planner, description)
VALUES ('partitions', 10, 'sparkle_db.maintenance_plan_partitions',
        'Phase 007: rows out of DEFAULT into their month, partitions for the current month and 3 ahead, retention per sparkle_db.partition_policies.')
ON CONFLICT (task) DO UPDATE SET planner = EXCLUDED.planner, description = EXCLUDED.description;

-- Plan 7.5, now a procedure: each change commits on its own (a function cannot), so no lock on one parent is
-- held while the next table is processed. Runs the 'partitions' task through the maintenance engine (one
-- journal row in sparkle_db.maintenance_runs) and returns that run's steps in p_changes: one element per change
-- {task, name, kind: stage/move/create/detach/drop/analyze, status: ok/failed/skipped, attempts, durationMs,
-- detail}; [] when nothing was needed; NULL when another maintenance run held the lock (it does this work).
-- Call it in autocommit: CALL maintain_partitions();  or  CALL maintain_partitions('notifications');
CREATE OR REPLACE PROCEDURE public.maintain_partitions(
    p_table_name   text    DEFAULT NULL,
    p_months_ahead integer DEFAULT 3,
    p_analyze      boolean DEFAULT true,
    INOUT p_changes jsonb  DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_run bigint;
BEGIN
    CALL sparkle_db.run_maintenance(v_run, ARRAY['partitions'],
        pg_catalog.jsonb_build_object('table', p_table_name, 'months_ahead', p_months_ahead, 'analyze', p_analyze));
    p_changes := NULL;
    IF v_run IS NOT NULL THEN
        SELECT r.steps INTO p_changes FROM sparkle_db.maintenance_runs r WHERE r.id = v_run;
    END IF;
END
$$;

REVOKE ALL ON FUNCTION sparkle_db.partition_key_column(regclass) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.stage_month_partition(regclass, text, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.move_default_rows(regclass, text, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.maintenance_plan_partitions(jsonb) FROM PUBLIC;
REVOKE ALL ON PROCEDURE public.maintain_partitions(text, integer, boolean, jsonb) FROM PUBLIC;
