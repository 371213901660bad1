-- Phase 005, part 9: existing rows brought to the rules of this phase (the procedure; 095 calls it).

-- Function privileges are granted by the privilege step that runs after every migration run
-- (db/engine/privileges.sql, docs/SECURITY.md): the application role gets EXECUTE on the invoker helpers
-- the triggers call (in public, and those of sparkle_db named there), nobody else does.

-- Rows written before this phase (or while its triggers were off) are brought to one soft-delete state.
-- The updates fire the triggers of 030 and 050, so the counters follow; they must therefore run after the
-- triggers exist. They run in 095, after the transaction of 010-090 has committed (docs/DECISIONS.md D106):
-- that transaction holds SHARE ROW EXCLUSIVE on every table it puts a trigger on (posts, notifications and
-- 41 more) until it commits, so a data step inside it (full scans of posts, comments and messages, about
-- 1.7 s at scale 1) blocked every insert for that long. Here each batch is its own transaction with ROW
-- EXCLUSIVE only (inserts go on) and row locks on at most p_batch_size rows, and a run that stops part-way
-- is finished by the next: each step selects only rows still out of step.
--
-- A procedure (CALL commits between batches); no SET search_path clause, because PostgreSQL forbids COMMIT in
-- a procedure that has one: every name in the body is schema-qualified instead (pg_catalog is searched first).
CREATE OR REPLACE PROCEDURE sparkle_db.normalize_soft_delete(p_table text, p_batch_size integer DEFAULT 200)
LANGUAGE plpgsql
AS $$
DECLARE
    -- (SET clause, rows it applies to); each SET makes its own condition false, so the loop ends.
    v_steps text[][] := ARRAY[
        ARRAY['deleted = true', '"deletedAt" IS NOT NULL AND NOT deleted'],
        ARRAY['"deletedAt" = pg_catalog.timezone(''UTC'', pg_catalog.now())', 'deleted AND "deletedAt" IS NULL']];
    v_ids   text[];
    v_rows  bigint;
BEGIN
    IF p_table IS NULL OR NOT p_table = ANY (ARRAY['users', 'categories', 'posts', 'post_series', 'tags', 'comments',
                                                    'achievements', 'user_achievements', 'trades', 'youtube_channels',
                                                    'watch_parties', 'watch_party_chat', 'groups', 'events', 'conversations',
                                                    'messages', 'chat_messages', 'polls', 'reports']) THEN
        RAISE EXCEPTION 'normalize_soft_delete: % is not one of the soft-delete tables of 030', p_table USING ERRCODE = '22023';
    END IF;
    IF p_batch_size IS NULL OR p_batch_size NOT BETWEEN 1 AND 100000 THEN
        RAISE EXCEPTION 'normalize_soft_delete: batch size % is outside 1..100000', p_batch_size USING ERRCODE = '22023';
    END IF;
    IF p_table = 'posts' THEN
        -- The app deletes a post by its status and leaves deleted = false; other paths only set deleted.
        v_steps := ARRAY[
            ARRAY['deleted = true', '"contentStatus" = ''DELETED'' AND NOT deleted'],
            ARRAY['"contentStatus" = ''DELETED''', 'deleted AND "contentStatus" <> ''DELETED''']] || v_steps;
    END IF;

    FOR i IN 1 .. pg_catalog.array_length(v_steps, 1) LOOP
        LOOP
            EXECUTE pg_catalog.format('SELECT pg_catalog.array_agg(b.id) FROM (SELECT t.id FROM public.%I t WHERE %s LIMIT $1) b',
                                      p_table, v_steps[i][2])
                INTO v_ids USING p_batch_size;
            EXIT WHEN v_ids IS NULL;
            -- The condition again: a row an application changed since the SELECT is updated only if still out of step.
            EXECUTE pg_catalog.format('UPDATE public.%I t SET %s WHERE t.id = ANY ($1) AND %s', p_table, v_steps[i][1], v_steps[i][2])
                USING v_ids;
            GET DIAGNOSTICS v_rows = ROW_COUNT;
            COMMIT;
            -- Nothing updated: the rows found were brought in step concurrently. Stop rather than risk a loop; a
            -- second run finds what is left.
            EXIT WHEN v_rows = 0;
        END LOOP;
    END LOOP;
END;
$$;
