-- Phase 007, part 1: the partitioning toolkit (schema sparkle_db) and the plan's three functions
-- (schema public). Part 2 (020) converts the tables. Decisions: docs/DECISIONS.md.

CREATE SCHEMA IF NOT EXISTS sparkle_db;
-- Detached (archived) partitions move here so that Prisma, which looks at public, never sees them.
CREATE SCHEMA IF NOT EXISTS sparkle_archive;

-- Which tables are partitioned, on which column, and what retention does with old months.
-- retention_action 'detach' keeps the rows (archived table in sparkle_archive), 'drop' deletes them.
-- Ledgers (currency_transactions, xp_logs) and audit history are never dropped.
CREATE TABLE IF NOT EXISTS sparkle_db.partition_policies (
    table_name       text PRIMARY KEY,
    key_column       text NOT NULL,
    retention_months integer CHECK (retention_months IS NULL OR retention_months > 0),
    retention_action text NOT NULL CHECK (retention_action IN ('drop', 'detach'))
);

-- An operator's later change of a policy survives a re-run of this file.
INSERT INTO sparkle_db.partition_policies (table_name, key_column, retention_months, retention_action) VALUES
    ('analytics_events',      'timestamp', 12,   'drop'),
    ('activity_streams',      'createdAt', 12,   'drop'),
    ('audit_logs',            'createdAt', NULL, 'detach'),
    ('notifications',         'createdAt', 6,    'detach'),
    ('xp_logs',               'createdAt', 12,   'detach'),
    ('currency_transactions', 'createdAt', 12,   'detach')
ON CONFLICT (table_name) DO NOTHING;

-- One row per finished conversion: what was copied, the verification figures and how long writers
-- (EXCLUSIVE) and readers (ACCESS EXCLUSIVE) were held off.
CREATE TABLE IF NOT EXISTS sparkle_db.partition_conversions (
    table_name          text        NOT NULL,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz NOT NULL,
    row_count           bigint      NOT NULL,
    checksum            numeric     NOT NULL,
    batches             integer     NOT NULL,
    lock_attempts       integer     NOT NULL,
    write_block_ms      numeric     NOT NULL,
    access_exclusive_ms numeric     NOT NULL,
    PRIMARY KEY (table_name, started_at)
);

-- Bounds of one partition as timestamps; is_default for the DEFAULT partition. NULL bounds stand
-- for MINVALUE/MAXVALUE.
CREATE OR REPLACE FUNCTION sparkle_db.partition_bounds(p_partition regclass,
    OUT lower_bound timestamp, OUT upper_bound timestamp, OUT is_default boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_expr  text;
    v_match text[];
BEGIN
    SELECT pg_get_expr(c.relpartbound, c.oid) INTO v_expr FROM pg_class c WHERE c.oid = p_partition;
    is_default := v_expr = 'DEFAULT';
    IF v_expr IS NULL OR is_default THEN
        RETURN;
    END IF;
    v_match := regexp_match(v_expr, '^FOR VALUES FROM \((.*)\) TO \((.*)\)$');
    IF v_match IS NULL THEN
        RAISE EXCEPTION 'partition_bounds: % is not a single-column range partition (%)', p_partition, v_expr;
    END IF;
    lower_bound := CASE WHEN v_match[1] = 'MINVALUE' THEN NULL ELSE trim(both '''' from v_match[1])::timestamp END;
    upper_bound := CASE WHEN v_match[2] = 'MAXVALUE' THEN NULL ELSE trim(both '''' from v_match[2])::timestamp END;
END
$$;

-- The partitioned parent in public named p_table_name, or an error when the name is not one:
-- partition functions never act on a plain table.
CREATE OR REPLACE FUNCTION sparkle_db.partitioned_parent(p_table_name text)
RETURNS regclass
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_oid oid;
BEGIN
    SELECT c.oid INTO v_oid
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
    WHERE n.nspname = 'public' AND c.relname = p_table_name AND c.relkind = 'p'
      AND pt.partstrat = 'r' AND pt.partnatts = 1;
    IF v_oid IS NULL THEN
        RAISE EXCEPTION 'public.% is not a range-partitioned table', p_table_name USING ERRCODE = '42809';
    END IF;
    RETURN v_oid::regclass;
END
$$;

-- Ensures the calendar month containing p_month has a partition named <p_base_name>_YYYY_MM.
-- Returns 'created', or 'exists' when that partition (or another one covering the month) is already
-- attached. A relation of that name that is not a partition of p_parent is an error: it is left alone.
-- The partition is created as a plain table and then attached, because ATTACH takes only SHARE UPDATE
-- EXCLUSIVE on the parent (CREATE TABLE … PARTITION OF takes ACCESS EXCLUSIVE); indexes, foreign
-- keys and row triggers of the parent are cloned onto it by the ATTACH.
CREATE OR REPLACE FUNCTION sparkle_db.ensure_month_partition(p_parent regclass, p_base_name text, p_month date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_schema text;
    v_lower  timestamp := date_trunc('month', p_month)::timestamp;
    v_upper  timestamp := (date_trunc('month', p_month) + interval '1 month')::timestamp;
    v_name   text := p_base_name || '_' || to_char(date_trunc('month', p_month), 'YYYY_MM');
    v_existing oid;
    v_is_partition boolean;
BEGIN
    SELECT n.nspname INTO v_schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_parent;

    SELECT c.oid, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = p_parent)
      INTO v_existing, v_is_partition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = v_schema AND c.relname = v_name;

    IF v_existing IS NOT NULL THEN
        IF v_is_partition THEN
            RETURN 'exists';
        END IF;
        RAISE EXCEPTION '%.% exists and is not a partition of %; not touched', v_schema, v_name, p_parent
            USING ERRCODE = '42P07';
    END IF;

    -- Another partition (other name, or a wider range) may already cover this month.
    IF EXISTS (
        SELECT 1 FROM pg_inherits i, LATERAL sparkle_db.partition_bounds(i.inhrelid::regclass) b
        WHERE i.inhparent = p_parent AND NOT b.is_default
          AND coalesce(b.lower_bound, '-infinity') < v_upper AND coalesce(b.upper_bound, 'infinity') > v_lower)
    THEN
        RETURN 'exists';
    END IF;

    EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS)',
                   v_schema, v_name, p_parent);
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                   p_parent, v_schema, v_name, v_lower, v_upper);
    RETURN 'created';
END
$$;

-- Plan 7.3. Calendar-month bounds whatever day start_date names (D-39); idempotent.
CREATE OR REPLACE FUNCTION public.create_monthly_partition(table_name text, start_date date)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_result text;
BEGIN
    v_result := sparkle_db.ensure_month_partition(sparkle_db.partitioned_parent(table_name), table_name, start_date);
    RAISE NOTICE 'create_monthly_partition(%, %): %', table_name, date_trunc('month', start_date)::date, v_result;
END
$$;

-- Retention candidates: the parent's real partitions (pg_inherits), never a name pattern (D-39),
-- whose upper bound is <= today (UTC) minus the retention, so no partition that may still hold a row
-- inside the retention period qualifies. The DEFAULT partition never qualifies.
CREATE OR REPLACE FUNCTION sparkle_db.retention_candidates(p_parent regclass, p_retention_months integer)
RETURNS TABLE (partition_oid regclass, partition_name text, upper_bound timestamp)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF p_retention_months IS NULL OR p_retention_months < 1 THEN
        RAISE EXCEPTION 'retention must be at least one month' USING ERRCODE = '22023';
    END IF;
    RETURN QUERY
    SELECT i.inhrelid::regclass, c.relname::text, b.upper_bound
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    CROSS JOIN LATERAL sparkle_db.partition_bounds(i.inhrelid::regclass) b
    WHERE i.inhparent = p_parent AND NOT b.is_default
      AND b.upper_bound IS NOT NULL
      AND b.upper_bound <= ((now() AT TIME ZONE 'UTC')::date - make_interval(months => p_retention_months))::timestamp
    ORDER BY b.upper_bound;
END
$$;

-- Retires one partition: 'drop' deletes it; 'detach' detaches it and moves it to sparkle_archive,
-- keeping every row. Refuses anything that is not a partition of p_parent.
CREATE OR REPLACE FUNCTION sparkle_db.retire_partition(p_parent regclass, p_partition regclass, p_action text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = p_parent AND i.inhrelid = p_partition) THEN
        RAISE EXCEPTION '% is not a partition of %; not touched', p_partition, p_parent USING ERRCODE = '42809';
    END IF;
    IF p_action = 'drop' THEN
        EXECUTE format('DROP TABLE %s', p_partition);
        RETURN 'dropped';
    ELSIF p_action = 'detach' THEN
        EXECUTE format('ALTER TABLE %s DETACH PARTITION %s', p_parent, p_partition);
        EXECUTE format('ALTER TABLE %s SET SCHEMA sparkle_archive', p_partition);
        RETURN 'detached';
    END IF;
    RAISE EXCEPTION 'retention action must be drop or detach (got %)', p_action USING ERRCODE = '22023';
END
$$;

-- Plan 7.4. Tables whose policy says 'detach' (the ledgers currency_transactions and xp_logs, audit
-- and notifications) are archived, never dropped, whatever the caller asks.
CREATE OR REPLACE FUNCTION public.drop_old_partitions(table_name text, retention_months integer DEFAULT 12)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_parent regclass := sparkle_db.partitioned_parent(table_name);
    v_action text;
    v_row    record;
BEGIN
    SELECT p.retention_action INTO v_action FROM sparkle_db.partition_policies p
    WHERE p.table_name = drop_old_partitions.table_name;
    FOR v_row IN SELECT * FROM sparkle_db.retention_candidates(v_parent, retention_months) LOOP
        RAISE NOTICE 'drop_old_partitions(%): % %', table_name,
            sparkle_db.retire_partition(v_parent, v_row.partition_oid, coalesce(v_action, 'drop')), v_row.partition_name;
    END LOOP;
END
$$;

-- maintain_partitions() was a function (one transaction for all six tables) before it became the procedure of 012.
DROP FUNCTION IF EXISTS public.maintain_partitions(text, integer, boolean);

REVOKE ALL ON FUNCTION public.create_monthly_partition(text, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.drop_old_partitions(text, integer) FROM PUBLIC;
