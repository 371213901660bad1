-- Phase 007, part 1b: sparkle_db.convert_to_partitioned — turns a populated plain table into a
-- monthly RANGE-partitioned table without losing a row and with writers held off only for the final
-- verification and swap. Method (docs/DECISIONS.md D75):
--   1. (short transaction) create <t>__partitioned: same columns, types, defaults and NOT NULLs
--      (LIKE), primary key (id, key), every other index and every outgoing foreign key of <t>
--      (added while it is empty, so validation is instant), monthly partitions for every month
--      that holds data plus the current month and p_months_ahead more, and a DEFAULT partition;
--      then an AFTER row trigger on <t> that mirrors every insert/update/delete into the copy.
--   2. copy <t> in primary-key order, one batch per transaction. Each batch locks its source rows
--      FOR SHARE, so a concurrent update/delete of a row waits until the batch that copies it has
--      committed and then its mirror trigger sees the copied row; ON CONFLICT skips rows the
--      mirror already wrote.
--   3. (one transaction, retried on lock_timeout) LOCK <t> IN EXCLUSIVE MODE (writers wait, readers
--      continue), compare row count and an order-independent checksum (sum of a 64-bit hash of
--      each row's text) of <t> and the copy; on any difference raise and leave <t> untouched.
--      Then ACCESS EXCLUSIVE, drop <t>, rename the copy, its primary key and indexes to the old
--      names, re-create <t>'s own triggers (pg_get_triggerdef, enabled state kept), privileges and
--      owner on the new parent.
-- A table that is already partitioned is left alone (a second run has nothing to do). When a batch,
-- the verification or the lock fails, the copy and the mirror trigger are dropped and the error is
-- raised; a copy left by a killed session is dropped by the next run, which starts again.
-- Refused: tables referenced by foreign keys (incl. self-references such as messages."replyToId")
-- and unique indexes without the partition key — a partitioned table cannot back either.
--
-- No SET search_path clause: PostgreSQL forbids COMMIT in a procedure that has one; every name is
-- schema-qualified instead.

CREATE OR REPLACE FUNCTION sparkle_db.partition_mirror()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
-- TG_ARGV: [0] target table (qualified), [1] partition key column, [2] SET list of an upsert.
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format('DELETE FROM %s t WHERE t.id = ($1).id AND t.%I = ($1).%I', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1])
            USING OLD;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format('INSERT INTO %s SELECT ($1).* ON CONFLICT (id, %I) DO UPDATE SET %s', TG_ARGV[0], TG_ARGV[1], TG_ARGV[2])
            USING NEW;
    END IF;
    RETURN NULL;
END
$$;

-- Removes what an unfinished conversion of public.<p_table> left behind: the mirror trigger on the
-- table and the partitioned copy (its partitions go with it). The table itself is never touched.
CREATE OR REPLACE FUNCTION sparkle_db.discard_partition_copy(p_table text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_table regclass := to_regclass(format('public.%I', p_table));
BEGIN
    IF v_table IS NOT NULL
       AND EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = v_table AND tg.tgname = 'sparkle_partition_mirror') THEN
        EXECUTE format('DROP TRIGGER sparkle_partition_mirror ON %s', v_table);
    END IF;
    IF to_regclass(format('public.%I', p_table || '__partitioned')) IS NOT NULL THEN
        EXECUTE format('DROP TABLE public.%I', p_table || '__partitioned');
    END IF;
END
$$;

CREATE OR REPLACE PROCEDURE sparkle_db.convert_to_partitioned(
    p_table          text,
    p_key_column     text,
    p_batch_size     integer DEFAULT 10000,
    p_months_ahead   integer DEFAULT 3,
    p_lock_timeout   text    DEFAULT '5s',
    p_lock_attempts  integer DEFAULT 20)
LANGUAGE plpgsql
AS $$
DECLARE
    v_old        oid;
    v_kind       "char";
    v_copy       text := p_table || '__partitioned';
    v_copy_oid   oid;
    v_started    timestamptz := pg_catalog.clock_timestamp();
    v_columns    text;
    v_set_list   text;
    v_months     date[];
    v_month      date;
    v_index      record;
    v_indexes    jsonb := '{}'::jsonb;
    v_temp_name  text;
    v_fk         record;
    v_last_id    text := '';
    v_batch_last text;
    v_error_state text;
    v_error_text text;
    v_batch_rows bigint;
    v_batches    integer := 0;
    v_attempt    integer := 0;
    v_done       boolean := false;
    v_t_locked   timestamptz;
    v_t_exclusive timestamptz;
    v_t_finished timestamptz;
    v_count_old  bigint;
    v_count_new  bigint;
    v_sum_old    numeric;
    v_sum_new    numeric;
    v_triggers   jsonb;
    v_trigger    jsonb;
    v_acl        record;
    v_owner      name;
    v_part       record;
BEGIN
    SELECT c.oid, c.relkind, pg_catalog.pg_get_userbyid(c.relowner) INTO v_old, v_kind, v_owner
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname = p_table;
    IF v_old IS NULL THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% does not exist', p_table USING ERRCODE = '42P01';
    END IF;
    IF v_kind = 'p' THEN
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
    IF EXISTS (
        SELECT 1 FROM pg_catalog.pg_index x
        WHERE x.indrelid = v_old AND x.indisunique AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = v_old AND a.attname = p_key_column AND a.attnum = ANY (x.indkey)))
    THEN
        RAISE EXCEPTION 'convert_to_partitioned: public.% has a unique index without %', p_table, p_key_column
            USING ERRCODE = '0A000';
    END IF;

    -- Leftovers of an interrupted run.
    PERFORM sparkle_db.discard_partition_copy(p_table);
    COMMIT;

    ---------------------------------------------------------------- 1. the partitioned copy
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum),
           pg_catalog.format('(%s) = ROW(%s)',
               pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum),
               pg_catalog.string_agg('EXCLUDED.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum))
      INTO v_columns, v_set_list
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = v_old AND a.attnum > 0 AND NOT a.attisdropped;

    EXECUTE pg_catalog.format(
        'CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED '
        'INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS INCLUDING COMMENTS) '
        'PARTITION BY RANGE (%I)', v_copy, p_table, p_key_column);
    v_copy_oid := pg_catalog.format('public.%I', v_copy)::regclass;

    -- The primary key must contain the partition key (D-36): (id, key). Named after the final name
    -- plus a suffix, renamed at the swap.
    EXECUTE pg_catalog.format('ALTER TABLE public.%I ADD CONSTRAINT %I PRIMARY KEY (id, %I)',
                              v_copy, pg_catalog.left(p_table, 50) || '_pkey__new', p_key_column);

    -- Every other index of the old table (Prisma's and any added by earlier phases).
    FOR v_index IN
        SELECT ic.relname AS name, pg_catalog.pg_get_indexdef(x.indexrelid) AS def, x.indisunique
        FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
        WHERE x.indrelid = v_old AND NOT x.indisprimary
        ORDER BY ic.relname
    LOOP
        v_temp_name := 'sparkle_tmp_' || pg_catalog.md5(v_index.name);
        v_indexes := v_indexes || pg_catalog.jsonb_build_object(v_temp_name, v_index.name);
        EXECUTE pg_catalog.format('CREATE %sINDEX %I ON public.%I%s',
            CASE WHEN v_index.indisunique THEN 'UNIQUE ' ELSE '' END, v_temp_name, v_copy,
            pg_catalog.substr(v_index.def, pg_catalog.strpos(v_index.def, ' USING ')));
    END LOOP;

    -- Outgoing foreign keys keep their names (FK names are per table). Added while the copy is empty.
    -- PostgreSQL 15 has no NOT VALID foreign key on a partitioned table: an unvalidated key becomes a
    -- validated one, so a row that violates it stops the copy (below) instead of being carried over.
    FOR v_fk IN
        SELECT k.conname, pg_catalog.replace(pg_catalog.pg_get_constraintdef(k.oid), ' NOT VALID', '') AS def
        FROM pg_catalog.pg_constraint k WHERE k.conrelid = v_old AND k.contype = 'f' ORDER BY k.conname
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', v_copy, v_fk.conname, v_fk.def);
    END LOOP;

    -- Months that hold data, the current UTC month and the months ahead; the rest goes to DEFAULT.
    EXECUTE pg_catalog.format(
        'SELECT pg_catalog.array_agg(DISTINCT m ORDER BY m) FROM ('
        '  SELECT pg_catalog.date_trunc(''month'', %I)::date AS m FROM public.%I WHERE %I IS NOT NULL'
        '  UNION ALL'
        '  SELECT (pg_catalog.date_trunc(''month'', pg_catalog.now() AT TIME ZONE ''UTC'') + pg_catalog.make_interval(months => g))::date'
        '  FROM pg_catalog.generate_series(0, $1) g) s',
        p_key_column, p_table, p_key_column)
        INTO v_months USING greatest(p_months_ahead, 0);
    FOREACH v_month IN ARRAY v_months LOOP
        PERFORM sparkle_db.ensure_month_partition(v_copy_oid::regclass, p_table, v_month);
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', p_table || '_default', v_copy);

    EXECUTE pg_catalog.format(
        'CREATE TRIGGER sparkle_partition_mirror AFTER INSERT OR UPDATE OR DELETE ON public.%I '
        'FOR EACH ROW EXECUTE FUNCTION sparkle_db.partition_mirror(%L, %L, %L)',
        p_table, pg_catalog.format('public.%I', v_copy), p_key_column, v_set_list);
    COMMIT;

    ---------------------------------------------------------------- 2. batched copy
    -- A failing batch (say a row whose "userId" no longer exists under a NOT VALID foreign key) ends
    -- the conversion: the copy and the mirror trigger are discarded and the table stays as it was.
    LOOP
        BEGIN
            EXECUTE pg_catalog.format(
                'WITH src AS (SELECT * FROM public.%I WHERE id > $1 ORDER BY id LIMIT $2 FOR SHARE), '
                '     ins AS (INSERT INTO public.%I (%s) SELECT %s FROM src ON CONFLICT (id, %I) DO NOTHING) '
                'SELECT pg_catalog.max(id), pg_catalog.count(*) FROM src',
                p_table, v_copy, v_columns, v_columns, p_key_column)
                INTO v_batch_last, v_batch_rows USING v_last_id, p_batch_size;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_error_state = RETURNED_SQLSTATE, v_error_text = MESSAGE_TEXT;
        END;
        EXIT WHEN v_error_state IS NOT NULL;
        COMMIT;
        EXIT WHEN v_batch_rows = 0;
        v_last_id := v_batch_last;
        v_batches := v_batches + 1;
    END LOOP;
    IF v_error_state IS NOT NULL THEN
        ROLLBACK;
        PERFORM sparkle_db.discard_partition_copy(p_table);
        COMMIT;
        RAISE EXCEPTION 'convert_to_partitioned: copying public.% failed, nothing changed: %', p_table, v_error_text
            USING ERRCODE = v_error_state;
    END IF;

    ---------------------------------------------------------------- 3. verify and swap
    WHILE NOT v_done LOOP
        v_attempt := v_attempt + 1;
        BEGIN
            PERFORM pg_catalog.set_config('lock_timeout', p_lock_timeout, true);
            EXECUTE pg_catalog.format('LOCK TABLE public.%I IN EXCLUSIVE MODE', p_table);
            v_t_locked := pg_catalog.clock_timestamp();

            EXECUTE pg_catalog.format(
                'SELECT pg_catalog.count(*), coalesce(pg_catalog.sum(pg_catalog.hashtextextended(t::text, 0)::numeric), 0) FROM public.%I t',
                p_table) INTO v_count_old, v_sum_old;
            EXECUTE pg_catalog.format(
                'SELECT pg_catalog.count(*), coalesce(pg_catalog.sum(pg_catalog.hashtextextended(t::text, 0)::numeric), 0) FROM public.%I t',
                v_copy) INTO v_count_new, v_sum_new;
            IF v_count_old <> v_count_new OR v_sum_old <> v_sum_new THEN
                RAISE EXCEPTION 'convert_to_partitioned: verification failed for public.% (rows % vs %, checksum % vs %); the table is unchanged',
                    p_table, v_count_old, v_count_new, v_sum_old, v_sum_new USING ERRCODE = 'XX001';
            END IF;

            EXECUTE pg_catalog.format('LOCK TABLE public.%I IN ACCESS EXCLUSIVE MODE', p_table);
            v_t_exclusive := pg_catalog.clock_timestamp();

            SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                       'name', tg.tgname, 'def', pg_catalog.pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled)
                   ORDER BY tg.tgname)
              INTO v_triggers
            FROM pg_catalog.pg_trigger tg
            WHERE tg.tgrelid = v_old AND NOT tg.tgisinternal AND tg.tgname <> 'sparkle_partition_mirror';

            -- Privileges are read before the drop and granted again below.
            CREATE TEMP TABLE IF NOT EXISTS sparkle_convert_acl (grantee oid, privilege_type text, is_grantable boolean) ON COMMIT DROP;
            DELETE FROM sparkle_convert_acl;
            INSERT INTO sparkle_convert_acl
            SELECT a.grantee, a.privilege_type, a.is_grantable
            FROM pg_catalog.pg_class c, LATERAL pg_catalog.aclexplode(c.relacl) a
            WHERE c.oid = v_old AND a.grantee <> c.relowner;

            EXECUTE pg_catalog.format('DROP TABLE public.%I', p_table);
            EXECUTE pg_catalog.format('ALTER TABLE public.%I RENAME TO %I', v_copy, p_table);
            EXECUTE pg_catalog.format('ALTER TABLE public.%I RENAME CONSTRAINT %I TO %I',
                                      p_table, pg_catalog.left(p_table, 50) || '_pkey__new', p_table || '_pkey');
            FOR v_index IN SELECT key AS temp_name, value AS final_name FROM pg_catalog.jsonb_each_text(v_indexes) LOOP
                EXECUTE pg_catalog.format('ALTER INDEX public.%I RENAME TO %I', v_index.temp_name, v_index.final_name);
            END LOOP;

            FOR v_trigger IN SELECT * FROM pg_catalog.jsonb_array_elements(coalesce(v_triggers, '[]'::jsonb)) LOOP
                EXECUTE v_trigger->>'def';
                EXECUTE pg_catalog.format('ALTER TABLE public.%I %s TRIGGER %I', p_table,
                    CASE v_trigger->>'enabled' WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA'
                                               WHEN 'A' THEN 'ENABLE ALWAYS' ELSE 'ENABLE' END,
                    v_trigger->>'name');
            END LOOP;

            FOR v_acl IN SELECT * FROM sparkle_convert_acl LOOP
                EXECUTE pg_catalog.format('GRANT %s ON public.%I TO %s%s', v_acl.privilege_type, p_table,
                    CASE WHEN v_acl.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(v_acl.grantee)) END,
                    CASE WHEN v_acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
            END LOOP;
            EXECUTE pg_catalog.format('ALTER TABLE public.%I OWNER TO %I', p_table, v_owner);
            FOR v_part IN
                SELECT i.inhrelid::regclass AS rel FROM pg_catalog.pg_inherits i
                WHERE i.inhparent = pg_catalog.format('public.%I', p_table)::regclass
            LOOP
                EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO %I', v_part.rel, v_owner);
            END LOOP;
            v_done := true;
        EXCEPTION
            WHEN lock_not_available THEN
                IF v_attempt >= p_lock_attempts THEN
                    GET STACKED DIAGNOSTICS v_error_state = RETURNED_SQLSTATE, v_error_text = MESSAGE_TEXT;
                ELSE
                    RAISE NOTICE 'convert_to_partitioned: public.% is busy (attempt %), retrying', p_table, v_attempt;
                END IF;
            WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_error_state = RETURNED_SQLSTATE, v_error_text = MESSAGE_TEXT;
        END;
        IF v_error_state IS NOT NULL THEN
            -- Verification failed, or the lock never came: the old table is untouched; drop the copy.
            ROLLBACK;
            PERFORM sparkle_db.discard_partition_copy(p_table);
            COMMIT;
            RAISE EXCEPTION 'convert_to_partitioned: public.% was not converted: %', p_table, v_error_text
                USING ERRCODE = v_error_state;
        END IF;
        IF v_done THEN
            COMMIT;
            v_t_finished := pg_catalog.clock_timestamp();
        ELSE
            COMMIT;
            PERFORM pg_catalog.pg_sleep(least(v_attempt, 5));
        END IF;
    END LOOP;

    INSERT INTO sparkle_db.partition_conversions
        (table_name, started_at, finished_at, row_count, checksum, batches, lock_attempts, write_block_ms, access_exclusive_ms)
    VALUES (p_table, v_started, v_t_finished, v_count_old, v_sum_old, v_batches, v_attempt,
            pg_catalog.round((EXTRACT(epoch FROM v_t_finished - v_t_locked) * 1000)::numeric, 1),
            pg_catalog.round((EXTRACT(epoch FROM v_t_finished - v_t_exclusive) * 1000)::numeric, 1));
    COMMIT;

    -- Autovacuum never analyzes a partitioned parent.
    EXECUTE pg_catalog.format('ANALYZE public.%I', p_table);
    RAISE NOTICE 'convert_to_partitioned: public.% partitioned by %, % rows in % batches, writers held off % ms',
        p_table, p_key_column, v_count_old, v_batches,
        pg_catalog.round((EXTRACT(epoch FROM v_t_finished - v_t_locked) * 1000)::numeric, 1);
END
$$;
