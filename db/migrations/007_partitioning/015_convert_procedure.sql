-- Phase 007, part 1b: sparkle_db.convert_to_partitioned — turns a populated plain table into a monthly
-- RANGE-partitioned table without losing a row, with writers held off only for a catalog-only swap (docs/DECISIONS.md
-- D75). Method:
--   1. (one transaction, no lock that blocks the table's users) create <t>__partitioned: same columns, types,
--      defaults and NOT NULLs (LIKE), primary key (id, key), every other index and outgoing foreign key of <t> (added
--      while it is empty, so validation is instant), monthly partitions for every month that holds data plus the
--      current month and p_months_ahead more, a DEFAULT partition, <t>'s own triggers (created disabled, so the copy
--      never fires them), its privileges and owner.
--   2. (short transaction, lock_timeout + retries) a mirror: a trigger function written for this table (static SQL,
--      plans cached; no dynamic SQL per row) and an AFTER ROW trigger on <t> that repeats every insert, update and
--      delete on the copy in the writer's own transaction.
--   3. copy <t> in primary-key order, one batch per transaction. A batch locks its source rows FOR SHARE, so an update
--      or delete of a row waits until the batch that copies it has committed, and its mirror then sees the copied
--      row; ON CONFLICT skips rows the mirror already wrote. Small batches keep that wait short.
--   4. verify without any lock: row count and an order-independent checksum (sum of a 64-bit hash of each row's
--      text) of <t> and of the copy, in one statement, so in one snapshot. The mirror writes the copy in the same
--      transaction as the change to <t>, so every committed state has both equal; any difference stops here.
--   5. (one transaction, lock_timeout + retries) the swap: ACCESS EXCLUSIVE on <t> (the only moment writers wait:
--      at most one lock_timeout in the queue, then the catalog work below), check that the mirror is still in force,
--      rename <t> to <t>__old and its indexes out of the way, drop the mirror trigger, rename the copy, its primary
--      key and indexes to the Prisma names, enable the copied triggers as <t> had them. Commit.
--   6. (own transactions, lock_timeout + retries) truncate <t>__old (its files go; only it is locked), then drop it.
--      Its foreign keys make the DROP take ACCESS EXCLUSIVE on the referenced tables (users): a catalog-only moment,
--      kept out of the swap. If it never gets its lock, the table stays and the next run drops it.
-- A table that is already partitioned is left alone (a second run has nothing to do but drop a leftover <t>__old).
-- When any step fails, or the caller cancels (Ctrl+C during `sparkle-db migrate`), the copy, the mirror trigger and
-- its function are removed before the error is raised, and <t> is as it was; a session killed outright leaves them,
-- and the next run removes them before it starts again.
-- Refused: tables referenced by foreign keys (incl. self-references such as messages."replyToId"), tables that views
-- depend on, and unique indexes without the partition key — a partitioned table cannot back those.
--
-- Procedures that COMMIT cannot carry a SET search_path clause (PostgreSQL rule): every name in them is qualified.
-- The helper functions pin search_path = pg_catalog, so catalog texts (pg_get_triggerdef, pg_get_constraintdef)
-- come out schema-qualified.

-- Runs one statement (a SELECT that returns one text value) in a transaction of its own with p_lock_timeout, retrying
-- lock timeouts and deadlocks with backoff up to p_attempts times. Never raises: the outcome is in p_state (NULL =
-- done, else the SQLSTATE; 57014 when the caller cancelled), p_message, p_attempt and p_result, because a procedure
-- that commits cannot be called inside an exception block.
CREATE OR REPLACE PROCEDURE sparkle_db.run_locked(
    p_statement     text,
    p_lock_timeout  text,
    p_attempts      integer,
    INOUT p_state   text    DEFAULT NULL,
    INOUT p_message text    DEFAULT NULL,
    INOUT p_attempt integer DEFAULT 0,
    INOUT p_result  text    DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_retry boolean;
BEGIN
    p_attempt := 0;
    LOOP
        p_attempt := p_attempt + 1;
        p_state := NULL;
        p_message := NULL;
        p_result := NULL;
        v_retry := false;
        BEGIN
            PERFORM pg_catalog.set_config('lock_timeout', p_lock_timeout, true);
            EXECUTE p_statement INTO p_result;
        EXCEPTION
            WHEN lock_not_available OR deadlock_detected THEN
                GET STACKED DIAGNOSTICS p_state = RETURNED_SQLSTATE, p_message = MESSAGE_TEXT;
                v_retry := p_attempt < p_attempts;
            WHEN query_canceled THEN
                p_state := '57014';
                p_message := 'cancelled';
            WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS p_state = RETURNED_SQLSTATE, p_message = MESSAGE_TEXT;
        END;
        COMMIT;
        EXIT WHEN NOT v_retry;
        -- Outside any transaction (no lock held); jitter so two waiters do not collide again.
        BEGIN
            PERFORM pg_catalog.pg_sleep(LEAST(0.05 * p_attempt, 1.0) * (0.5 + pg_catalog.random()));
        EXCEPTION WHEN query_canceled THEN
            p_state := '57014';
            p_message := 'cancelled';
        END;
        COMMIT;
        EXIT WHEN p_state = '57014';
    END LOOP;
END
$$;

-- The mirror's trigger function for one table (not shared: static SQL, so its plans are prepared once).
CREATE OR REPLACE FUNCTION sparkle_db.partition_mirror_name(p_table text)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog
AS $$ SELECT pg_catalog.left('partition_mirror__' || p_table, 63) $$;

-- Returned void before; the result type cannot change in place.
DROP FUNCTION IF EXISTS sparkle_db.discard_partition_copy(text);

-- Removes what an unfinished conversion of public.<p_table> left behind: the mirror trigger on the table, its
-- function and the partitioned copy (its partitions go with it). The table itself is never touched. DROP TRIGGER
-- takes ACCESS EXCLUSIVE on the table: callers run this under a short lock_timeout (run_locked).
CREATE OR REPLACE FUNCTION sparkle_db.discard_partition_copy(p_table text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_table regclass := pg_catalog.to_regclass(pg_catalog.format('public.%I', p_table));
    v_done  text[] := '{}';
BEGIN
    IF v_table IS NOT NULL
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid = v_table AND tg.tgname = 'sparkle_partition_mirror') THEN
        EXECUTE pg_catalog.format('DROP TRIGGER sparkle_partition_mirror ON %s', v_table);
        v_done := v_done || 'mirror trigger'::text;
    END IF;
    IF pg_catalog.to_regclass(pg_catalog.format('public.%I', p_table || '__partitioned')) IS NOT NULL THEN
        EXECUTE pg_catalog.format('DROP TABLE public.%I', p_table || '__partitioned');
        v_done := v_done || 'copy'::text;
    END IF;
    EXECUTE pg_catalog.format('DROP FUNCTION IF EXISTS sparkle_db.%I()', sparkle_db.partition_mirror_name(p_table));
    RETURN pg_catalog.array_to_string(v_done, ', ');
END
$$;

-- Step 1. Returns what the swap needs: {indexes: {temporary name: final name}, triggers: [{name, enabled}]}.
CREATE OR REPLACE FUNCTION sparkle_db.create_partition_copy(p_table text, p_key_column text, p_months_ahead integer)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_old      regclass := pg_catalog.format('public.%I', p_table)::regclass;
    v_copy     text := p_table || '__partitioned';
    v_copy_oid regclass;
    v_owner    name;
    v_index    record;
    v_indexes  jsonb := '{}';
    v_temp     text;
    v_fk       record;
    v_months   date[];
    v_month    date;
    v_trigger  record;
    v_triggers jsonb := '[]';
    v_def      text;
    v_from     text := ' ON ' || pg_catalog.format('public.%I', p_table) || ' ';
    v_acl      record;
    v_part     record;
BEGIN
    SELECT pg_catalog.pg_get_userbyid(c.relowner) INTO v_owner FROM pg_catalog.pg_class c WHERE c.oid = v_old;

    EXECUTE pg_catalog.format(
        'CREATE TABLE public.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED '
        'INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS INCLUDING COMMENTS) '
        'PARTITION BY RANGE (%I)', v_copy, v_old, p_key_column);
    v_copy_oid := pg_catalog.format('public.%I', v_copy)::regclass;

    -- The primary key must contain the partition key (D-36): (id, key), renamed to <t>_pkey at the swap.
    EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (id, %I)',
                              v_copy_oid, pg_catalog.left(p_table, 50) || '_pkey__new', p_key_column);

    -- Every other index of the old table (Prisma's and any added by earlier phases), under temporary names.
    FOR v_index IN
        SELECT ic.relname AS name, pg_catalog.pg_get_indexdef(x.indexrelid) AS def, x.indisunique
          FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
         WHERE x.indrelid = v_old AND NOT x.indisprimary
         ORDER BY ic.relname
    LOOP
        v_temp := 'sparkle_tmp_' || pg_catalog.md5(v_index.name);
        v_indexes := v_indexes || pg_catalog.jsonb_build_object(v_temp, v_index.name);
        EXECUTE pg_catalog.format('CREATE %sINDEX %I ON %s%s',
            CASE WHEN v_index.indisunique THEN 'UNIQUE ' ELSE '' END, v_temp, v_copy_oid,
            pg_catalog.substr(v_index.def, pg_catalog.strpos(v_index.def, ' USING ')));
    END LOOP;

    -- Outgoing foreign keys keep their names (FK names are per table). PostgreSQL 15 has no NOT VALID foreign key on
    -- a partitioned table: an unvalidated key becomes a validated one, so a row that violates it stops the copy
    -- instead of being carried over.
    FOR v_fk IN
        SELECT k.conname, pg_catalog.replace(pg_catalog.pg_get_constraintdef(k.oid), ' NOT VALID', '') AS def
          FROM pg_catalog.pg_constraint k WHERE k.conrelid = v_old AND k.contype = 'f' ORDER BY k.conname
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I %s', v_copy_oid, v_fk.conname, v_fk.def);
    END LOOP;

    -- Months that hold data, the current UTC month and the months ahead; anything else goes to DEFAULT.
    EXECUTE pg_catalog.format(
        'SELECT pg_catalog.array_agg(DISTINCT m ORDER BY m) FROM ('
        '  SELECT pg_catalog.date_trunc(''month'', t.%I)::date AS m FROM %s t WHERE t.%I IS NOT NULL'
        '  UNION ALL'
        '  SELECT (pg_catalog.date_trunc(''month'', pg_catalog.now() AT TIME ZONE ''UTC'') + pg_catalog.make_interval(months => g))::date'
        '  FROM pg_catalog.generate_series(0, $1) g) s',
        p_key_column, v_old, p_key_column)
        INTO v_months USING GREATEST(p_months_ahead, 0);
    FOREACH v_month IN ARRAY v_months LOOP
        PERFORM sparkle_db.ensure_month_partition(v_copy_oid, p_table, v_month);
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE public.%I PARTITION OF %s DEFAULT', p_table || '_default', v_copy_oid);

    -- The table's own triggers, created now and disabled (the copy must not fire them while it is filled), enabled at
    -- the swap as the old table had them.
    FOR v_trigger IN
        SELECT tg.oid, tg.tgname, tg.tgenabled FROM pg_catalog.pg_trigger tg
         WHERE tg.tgrelid = v_old AND NOT tg.tgisinternal AND tg.tgname <> 'sparkle_partition_mirror'
         ORDER BY tg.tgname
    LOOP
        v_def := pg_catalog.pg_get_triggerdef(v_trigger.oid);
        IF pg_catalog.strpos(v_def, v_from) = 0 THEN
            RAISE EXCEPTION 'convert_to_partitioned: cannot re-target trigger % (%)', v_trigger.tgname, v_def USING ERRCODE = '0A000';
        END IF;
        EXECUTE pg_catalog.left(v_def, pg_catalog.strpos(v_def, v_from) - 1) || ' ON ' || v_copy_oid::text || ' '
             || pg_catalog.substr(v_def, pg_catalog.strpos(v_def, v_from) + pg_catalog.length(v_from));
        EXECUTE pg_catalog.format('ALTER TABLE %s DISABLE TRIGGER %I', v_copy_oid, v_trigger.tgname);
        v_triggers := v_triggers || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('name', v_trigger.tgname, 'enabled', v_trigger.tgenabled));
    END LOOP;

    FOR v_acl IN
        SELECT a.grantee, a.privilege_type, a.is_grantable
          FROM pg_catalog.pg_class c, LATERAL pg_catalog.aclexplode(c.relacl) a
         WHERE c.oid = v_old AND a.grantee <> c.relowner
    LOOP
        EXECUTE pg_catalog.format('GRANT %s ON %s TO %s%s', v_acl.privilege_type, v_copy_oid,
            CASE WHEN v_acl.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(v_acl.grantee)) END,
            CASE WHEN v_acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
    EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO %I', v_copy_oid, v_owner);
    FOR v_part IN SELECT i.inhrelid::regclass AS rel FROM pg_catalog.pg_inherits i WHERE i.inhparent = v_copy_oid LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO %I', v_part.rel, v_owner);
    END LOOP;

    RETURN pg_catalog.jsonb_build_object('indexes', v_indexes, 'triggers', v_triggers);
END
$$;

-- Step 2. The mirror function has the table's columns written out; CREATE TRIGGER takes SHARE ROW EXCLUSIVE on the
-- table for a moment (run under a short lock_timeout).
CREATE OR REPLACE FUNCTION sparkle_db.create_partition_mirror(p_table text, p_key_column text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $fn$
DECLARE
    v_old     regclass := pg_catalog.format('public.%I', p_table)::regclass;
    v_copy    text := pg_catalog.format('public.%I', p_table || '__partitioned');
    v_columns text;
    v_values  text;
    v_excluded text;
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum),
           pg_catalog.string_agg('NEW.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum),
           pg_catalog.string_agg('EXCLUDED.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
      INTO v_columns, v_values, v_excluded
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = v_old AND a.attnum > 0 AND NOT a.attisdropped;

    EXECUTE pg_catalog.format($f$
        CREATE OR REPLACE FUNCTION sparkle_db.%1$I()
        RETURNS trigger
        LANGUAGE plpgsql
        SET search_path = pg_catalog
        AS $body$
        -- Written by sparkle_db.convert_to_partitioned for public.%2$I; dropped with the conversion.
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                DELETE FROM %3$s t WHERE t.id = OLD.id AND t.%4$I = OLD.%4$I;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO %3$s (%5$s) VALUES (%6$s)
                ON CONFLICT (id, %4$I) DO UPDATE SET (%5$s) = ROW(%7$s);
            END IF;
            RETURN NULL;
        END
        $body$$f$,
        sparkle_db.partition_mirror_name(p_table), p_table, v_copy, p_key_column, v_columns, v_values, v_excluded);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION sparkle_db.%I() FROM PUBLIC', sparkle_db.partition_mirror_name(p_table));
    EXECUTE pg_catalog.format(
        'CREATE TRIGGER sparkle_partition_mirror AFTER INSERT OR UPDATE OR DELETE ON %s '
        'FOR EACH ROW EXECUTE FUNCTION sparkle_db.%I()', v_old, sparkle_db.partition_mirror_name(p_table));
    RETURN 'mirrored';
END
$fn$;

-- Step 3, one batch: copies up to p_batch_size rows after p_after_id; returns the last id copied, NULL when none.
CREATE OR REPLACE FUNCTION sparkle_db.copy_partition_batch(p_table text, p_key_column text, p_after_id text, p_batch_size integer)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_columns text;
    v_last    text;
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_columns
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = pg_catalog.format('public.%I', p_table)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE pg_catalog.format(
        'WITH src AS (SELECT * FROM public.%I WHERE id > $1 ORDER BY id LIMIT $2 FOR SHARE), '
        '     ins AS (INSERT INTO public.%I (%s) SELECT %s FROM src ON CONFLICT (id, %I) DO NOTHING) '
        'SELECT pg_catalog.max(id) FROM src',
        p_table, p_table || '__partitioned', v_columns, v_columns, p_key_column)
        INTO v_last USING p_after_id, p_batch_size;
    RETURN v_last;
END
$$;

-- Step 5. Returns {waitMs, holdMs}: how long the ACCESS EXCLUSIVE request queued, and how long it was then held
-- (until this function returns; the commit follows at once).
CREATE OR REPLACE FUNCTION sparkle_db.swap_partition_copy(p_table text, p_state jsonb)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    v_requested timestamptz := pg_catalog.clock_timestamp();
    v_granted   timestamptz;
    v_old       regclass;
    v_index     record;
    v_trigger   jsonb;
BEGIN
    EXECUTE pg_catalog.format('LOCK TABLE public.%I IN ACCESS EXCLUSIVE MODE', p_table);
    v_granted := pg_catalog.clock_timestamp();
    v_old := pg_catalog.format('public.%I', p_table)::regclass;
    -- Only mirror writers touch the copy, and they hold <t> first: this lock never waits for long.
    EXECUTE pg_catalog.format('LOCK TABLE public.%I IN ACCESS EXCLUSIVE MODE', p_table || '__partitioned');

    -- A writer that bypassed the mirror (session_replication_role = replica, or the trigger disabled) would have left
    -- the copy behind the table.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg
                    WHERE tg.tgrelid = v_old AND tg.tgname = 'sparkle_partition_mirror' AND tg.tgenabled = 'O') THEN
        RAISE EXCEPTION 'convert_to_partitioned: the mirror trigger of public.% is missing or disabled; the copy may be stale', p_table
            USING ERRCODE = 'XX001';
    END IF;

    -- The old table steps aside (dropped after the commit), its index names freed for the copy's.
    EXECUTE pg_catalog.format('DROP TRIGGER sparkle_partition_mirror ON %s', v_old);
    FOR v_index IN
        SELECT ic.relname AS name FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
         WHERE x.indrelid = v_old ORDER BY ic.relname
    LOOP
        EXECUTE pg_catalog.format('ALTER INDEX public.%I RENAME TO %I', v_index.name, 'sparkle_old_' || pg_catalog.md5(v_index.name));
    END LOOP;
    EXECUTE pg_catalog.format('ALTER TABLE %s RENAME TO %I', v_old, p_table || '__old');

    EXECUTE pg_catalog.format('ALTER TABLE public.%I RENAME TO %I', p_table || '__partitioned', p_table);
    EXECUTE pg_catalog.format('ALTER TABLE public.%I RENAME CONSTRAINT %I TO %I',
                              p_table, pg_catalog.left(p_table, 50) || '_pkey__new', p_table || '_pkey');
    FOR v_index IN SELECT e.key AS temp_name, e.value AS final_name FROM pg_catalog.jsonb_each_text(p_state->'indexes') e LOOP
        EXECUTE pg_catalog.format('ALTER INDEX public.%I RENAME TO %I', v_index.temp_name, v_index.final_name);
    END LOOP;
    FOR v_trigger IN SELECT * FROM pg_catalog.jsonb_array_elements(coalesce(p_state->'triggers', '[]')) LOOP
        CONTINUE WHEN v_trigger->>'enabled' = 'D';
        EXECUTE pg_catalog.format('ALTER TABLE public.%I %s TRIGGER %I', p_table,
            CASE v_trigger->>'enabled' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' ELSE 'ENABLE' END,
            v_trigger->>'name');
    END LOOP;
    EXECUTE pg_catalog.format('DROP FUNCTION sparkle_db.%I()', sparkle_db.partition_mirror_name(p_table));

    RETURN pg_catalog.jsonb_build_object(
        'waitMs', pg_catalog.round((EXTRACT(epoch FROM v_granted - v_requested) * 1000)::numeric, 1),
        'holdMs', pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_granted) * 1000)::numeric, 1))::text;
END
$$;

DROP FUNCTION IF EXISTS sparkle_db.drop_replaced_table(text);   -- its earlier shape

-- Step 6, in two transactions. TRUNCATE first: it locks only the replaced table, and its commit releases the
-- table's files (the slow part of dropping a large table); then the DROP, which must take ACCESS EXCLUSIVE on the
-- tables the foreign keys reference (users), holds that only for catalog work.
CREATE OR REPLACE FUNCTION sparkle_db.drop_replaced_table(p_table text, p_truncate_only boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF pg_catalog.to_regclass(pg_catalog.format('public.%I', p_table || '__old')) IS NULL THEN
        RETURN 'absent';
    END IF;
    IF p_truncate_only THEN
        EXECUTE pg_catalog.format('TRUNCATE public.%I', p_table || '__old');
        RETURN 'truncated';
    END IF;
    EXECUTE pg_catalog.format('DROP TABLE public.%I', p_table || '__old');
    RETURN 'dropped';
END
$$;

-- The earlier generic mirror (dynamic SQL for every row).
DROP FUNCTION IF EXISTS sparkle_db.partition_mirror();
DROP PROCEDURE IF EXISTS sparkle_db.convert_to_partitioned(text, text, integer, integer, text, integer);

CREATE OR REPLACE PROCEDURE sparkle_db.convert_to_partitioned(
    p_table          text,
    p_key_column     text,
    p_batch_size     integer DEFAULT 1000,
    p_months_ahead   integer DEFAULT 3,
    p_lock_timeout   text    DEFAULT '100ms',
    p_lock_attempts  integer DEFAULT 100)
LANGUAGE plpgsql
AS $$
DECLARE
    v_old        oid;
    v_kind       "char";
    v_started    timestamptz := pg_catalog.clock_timestamp();
    v_state      jsonb;
    v_last_id    text := '';
    v_batches    integer := 0;
    v_error_state text;
    v_error_text text;
    v_attempt    integer;
    v_result     text;
    v_swap       jsonb;
    v_count_old  bigint;
    v_count_new  bigint;
    v_sum_old    numeric;
    v_sum_new    numeric;
    v_step       text;
    v_clean_state text;
    v_clean_text text;
BEGIN
    SELECT c.oid, c.relkind INTO v_old, v_kind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = p_table;
    IF v_old IS NULL THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% does not exist', p_table USING ERRCODE = '42P01';
    END IF;
    IF v_kind = 'p' THEN
        -- Done earlier; a replaced table whose drop never got its lock goes now.
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.drop_replaced_table(%L, true)', p_table),
                                   p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
        IF v_error_state IS NULL THEN
            CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.drop_replaced_table(%L)', p_table),
                                       p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
        END IF;
        IF v_error_state IS NOT NULL THEN
            RAISE EXCEPTION 'convert_to_partitioned: public.% is partitioned, but public.%__old could not be dropped: %',
                p_table, p_table, v_error_text USING ERRCODE = v_error_state;
        END IF;
        RAISE NOTICE 'convert_to_partitioned: public.% is already partitioned; nothing to do', p_table;
        RETURN;
    END IF;
    IF v_kind <> 'r' THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% is not a table', p_table USING ERRCODE = '42809';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' AND k.confrelid = v_old) THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% is referenced by a foreign key; a partitioned table cannot back it', p_table
            USING ERRCODE = '0A000';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
                WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refobjid = v_old AND r.ev_class <> v_old) THEN
        RAISE EXCEPTION 'convert_to_partitioned: views depend on public.%; they would keep reading the replaced table', p_table
            USING ERRCODE = '0A000';
    END IF;
    IF EXISTS (
        SELECT 1 FROM pg_catalog.pg_index x
         WHERE x.indrelid = v_old AND x.indisunique AND NOT x.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                            WHERE a.attrelid = v_old AND a.attname = p_key_column AND a.attnum = ANY (x.indkey)))
    THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% has a unique index without %', p_table, p_key_column
            USING ERRCODE = '0A000';
    END IF;

    -- Leftovers of a run that was killed outright.
    CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.discard_partition_copy(%L)', p_table),
                               p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
    IF v_error_state IS NOT NULL THEN
        RAISE EXCEPTION 'convert_to_partitioned: the leftovers of an earlier conversion of public.% could not be removed: %', p_table, v_error_text
            USING ERRCODE = v_error_state;
    END IF;

    <<convert>>
    BEGIN
        -- 1. the partitioned copy (locks nothing the table's users need; a failure rolls it back whole)
        v_step := 'creating the copy';
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.create_partition_copy(%L, %L, %s)', p_table, p_key_column, p_months_ahead),
                                   p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
        EXIT convert WHEN v_error_state IS NOT NULL;
        v_state := v_result::jsonb;

        -- 2. the mirror
        v_step := 'installing the mirror';
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.create_partition_mirror(%L, %L)', p_table, p_key_column),
                                   p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
        EXIT convert WHEN v_error_state IS NOT NULL;

        -- 3. batched copy. A failing batch (say a row whose "userId" no longer exists under a NOT VALID foreign key)
        -- ends the conversion.
        v_step := 'copying';
        LOOP
            CALL sparkle_db.run_locked(
                pg_catalog.format('SELECT sparkle_db.copy_partition_batch(%L, %L, %L, %s)', p_table, p_key_column, v_last_id, p_batch_size),
                p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
            EXIT convert WHEN v_error_state IS NOT NULL;
            EXIT WHEN v_result IS NULL;
            v_last_id := v_result;
            v_batches := v_batches + 1;
        END LOOP;

        -- 4. verification in one snapshot, without a lock
        v_step := 'verifying';
        BEGIN
            EXECUTE pg_catalog.format(
                'SELECT o.n, o.s, c.n, c.s FROM '
                '(SELECT pg_catalog.count(*) AS n, coalesce(pg_catalog.sum(pg_catalog.hashtextextended(t::text, 0)::numeric), 0) AS s FROM public.%I t) o, '
                '(SELECT pg_catalog.count(*) AS n, coalesce(pg_catalog.sum(pg_catalog.hashtextextended(t::text, 0)::numeric), 0) AS s FROM public.%I t) c',
                p_table, p_table || '__partitioned') INTO v_count_old, v_sum_old, v_count_new, v_sum_new;
            IF v_count_old <> v_count_new OR v_sum_old <> v_sum_new THEN
                v_error_state := 'XX001';
                v_error_text := pg_catalog.format('verification failed (rows %s vs %s, checksum %s vs %s)', v_count_old, v_count_new, v_sum_old, v_sum_new);
            END IF;
        EXCEPTION
            WHEN query_canceled THEN
                v_error_state := '57014';
                v_error_text := 'cancelled';
            WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_error_state = RETURNED_SQLSTATE, v_error_text = MESSAGE_TEXT;
        END;
        COMMIT;
        EXIT convert WHEN v_error_state IS NOT NULL;

        -- 5. the swap
        v_step := 'swapping';
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.swap_partition_copy(%L, %L)', p_table, v_state::text),
                                   p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
        EXIT convert WHEN v_error_state IS NOT NULL;
        v_swap := v_result::jsonb;
    END;

    IF v_error_state IS NOT NULL THEN
        -- The table is untouched: take the copy, the mirror trigger and its function away before raising.
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.discard_partition_copy(%L)', p_table),
                                   p_lock_timeout, p_lock_attempts, v_clean_state, v_clean_text, v_attempt, v_result);
        RAISE EXCEPTION 'convert_to_partitioned: public.% was not converted (%: %); %', p_table,
            CASE WHEN v_error_state = '57014' THEN 'cancelled while ' || v_step ELSE v_step || ' failed' END, v_error_text,
            CASE WHEN v_clean_state IS NULL THEN 'the table is unchanged and the partial copy is removed'
                 ELSE 'the table is unchanged; the partial copy and its mirror trigger could not be removed now ('
                      || v_clean_text || ') and the next run removes them' END
            USING ERRCODE = v_error_state;
    END IF;

    INSERT INTO sparkle_db.partition_conversions
        (table_name, started_at, finished_at, row_count, checksum, batches, lock_attempts, write_block_ms, access_exclusive_ms)
    VALUES (p_table, v_started, pg_catalog.clock_timestamp(), v_count_old, v_sum_old, v_batches, v_attempt,
            (v_swap->>'waitMs')::numeric + (v_swap->>'holdMs')::numeric, (v_swap->>'holdMs')::numeric);
    COMMIT;

    -- 6. the replaced table
    CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.drop_replaced_table(%L, true)', p_table),
                               p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
    IF v_error_state IS NULL THEN
        CALL sparkle_db.run_locked(pg_catalog.format('SELECT sparkle_db.drop_replaced_table(%L)', p_table),
                                   p_lock_timeout, p_lock_attempts, v_error_state, v_error_text, v_attempt, v_result);
    END IF;
    IF v_error_state IS NOT NULL THEN
        RAISE WARNING 'convert_to_partitioned: public.% is partitioned; public.%__old (the replaced table) could not be dropped now (%); the next run drops it',
            p_table, p_table, v_error_text;
    END IF;

    -- Autovacuum never analyzes a partitioned parent.
    EXECUTE pg_catalog.format('ANALYZE public.%I', p_table);
    COMMIT;
    RAISE NOTICE 'convert_to_partitioned: public.% partitioned by %, % rows in % batches, writers held off % ms',
        p_table, p_key_column, v_count_old, v_batches, (v_swap->>'waitMs')::numeric + (v_swap->>'holdMs')::numeric;
END
$$;

REVOKE ALL ON PROCEDURE sparkle_db.run_locked(text, text, integer, text, text, integer, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.partition_mirror_name(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.discard_partition_copy(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.create_partition_copy(text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.create_partition_mirror(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.copy_partition_batch(text, text, text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.swap_partition_copy(text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.drop_replaced_table(text, boolean) FROM PUBLIC;
REVOKE ALL ON PROCEDURE sparkle_db.convert_to_partitioned(text, text, integer, integer, text, integer) FROM PUBLIC;
