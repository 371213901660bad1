-- Phase 006, part 1: search_vector columns on posts, users, groups and events, kept current by
-- BEFORE row triggers that fire only when a searchable column is written.
--
-- Why triggers and not generated columns (docs/DECISIONS.md, D70): a stored
-- generated column is recomputed on every UPDATE of the row, and posts/users are updated far more
-- often for counters (views, lastSeenAt, experience) than for text; `UPDATE OF` triggers recompute
-- only when title/body/tags change. Adding a nullable column is also instant, whereas adding a
-- generated column rewrites the whole table under ACCESS EXCLUSIVE; the backfill (030) then runs in
-- short batches instead.

ALTER TABLE posts  ADD COLUMN IF NOT EXISTS search_vector tsvector;
ALTER TABLE users  ADD COLUMN IF NOT EXISTS search_vector tsvector;
ALTER TABLE groups ADD COLUMN IF NOT EXISTS search_vector tsvector;
ALTER TABLE events ADD COLUMN IF NOT EXISTS search_vector tsvector;

-- Vectors stay in the row (D102). A post's vector is about 1 kB; with the default storage (EXTENDED) the
-- toaster moved it out of line, so ranking a match cost a TOAST index lookup and chunk read besides
-- the row (2.5 buffers per match instead of 1). MAIN makes the body and other EXTENDED columns leave
-- the row first. Catalog only: it applies to the vectors the backfill and the triggers write.
ALTER TABLE posts  ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE users  ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE groups ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE events ALTER COLUMN search_vector SET STORAGE MAIN;

-- Text arrays become one space-separated string (not the array literal with braces and quotes).
-- Declared IMMUTABLE: array_to_string is only STABLE because of arbitrary element output functions;
-- for text[] the result depends on nothing but the input.
--
-- search_words and the builders have no SET clause, so the planner inlines the builders into the triggers'
-- expressions (a SQL function with a SET clause is never inlined: every row paid a search_path switch and a
-- SQL-function call, about twice the trigger's time, D107). They name no table and take no role's rights;
-- every function and operator in them is schema-qualified, so the caller's search_path cannot redirect them.
CREATE OR REPLACE FUNCTION public.search_words(p_words text[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(pg_catalog.array_to_string(p_words, ' '), '') $$;

-- Each builder is NULL-safe part by part: tsvector || NULL is NULL, so every part is coalesced
-- before concatenation (D-22: a NULL tags array used to erase the whole vector).
CREATE OR REPLACE FUNCTION public.build_post_search_vector(
    p_title text, p_excerpt text, p_content jsonb, p_meta_keywords text[])
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_title, '')), 'A')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_excerpt, '')), 'B')
        -- Only string values of the JSON document: keys such as "type" or "blocks" are structure.
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.jsonb_to_tsvector('english'::regconfig,
                                    coalesce(p_content, '{}'::jsonb), '["string"]'::jsonb), 'C')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, public.search_words(p_meta_keywords)), 'D')
$$;

CREATE OR REPLACE FUNCTION public.build_user_search_vector(p_username text, p_bio text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_username, '')), 'A')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_bio, '')), 'C')
$$;

CREATE OR REPLACE FUNCTION public.build_group_search_vector(
    p_name text, p_short_description text, p_description text, p_tags text[])
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_name, '')), 'A')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_short_description, '')), 'B')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_description, '')), 'C')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, public.search_words(p_tags)), 'D')
$$;

CREATE OR REPLACE FUNCTION public.build_event_search_vector(
    p_title text, p_short_description text, p_description text, p_tags text[])
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_title, '')), 'A')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_short_description, '')), 'B')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, coalesce(p_description, '')), 'C')
        OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, public.search_words(p_tags)), 'D')
$$;

-- The triggers call the builders, which the planner inlines into their expressions (see search_words above).
CREATE OR REPLACE FUNCTION public.update_post_search_vector()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    NEW.search_vector := public.build_post_search_vector(NEW.title, NEW.excerpt, NEW.content, NEW."metaKeywords");
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION public.update_user_search_vector()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    NEW.search_vector := public.build_user_search_vector(NEW.username, NEW.bio);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION public.update_group_search_vector()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    NEW.search_vector := public.build_group_search_vector(NEW.name, NEW."shortDescription", NEW.description, NEW.tags);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION public.update_event_search_vector()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    NEW.search_vector := public.build_event_search_vector(NEW.title, NEW."shortDescription", NEW.description, NEW.tags);
    RETURN NEW;
END
$$;

-- UPDATE OF limits recomputation to writes that name a searchable column; search_vector itself is
-- listed so that a client cannot overwrite the vector with something stale.
CREATE OR REPLACE TRIGGER update_post_search_vector_trigger
    BEFORE INSERT OR UPDATE OF title, excerpt, content, "metaKeywords", search_vector ON posts
    FOR EACH ROW EXECUTE FUNCTION public.update_post_search_vector();

CREATE OR REPLACE TRIGGER update_user_search_vector_trigger
    BEFORE INSERT OR UPDATE OF username, bio, search_vector ON users
    FOR EACH ROW EXECUTE FUNCTION public.update_user_search_vector();

CREATE OR REPLACE TRIGGER update_group_search_vector_trigger
    BEFORE INSERT OR UPDATE OF name, "shortDescription", description, tags, search_vector ON groups
    FOR EACH ROW EXECUTE FUNCTION public.update_group_search_vector();

CREATE OR REPLACE TRIGGER update_event_search_vector_trigger
    BEFORE INSERT OR UPDATE OF title, "shortDescription", description, tags, search_vector ON events
    FOR EACH ROW EXECUTE FUNCTION public.update_event_search_vector();

CREATE SCHEMA IF NOT EXISTS sparkle_db;

-- The backfill must not bump "updatedAt" (D71), and must not block the application's writers while it runs (D71,
-- issue 16). Disabling triggers per batch (ALTER TABLE ... DISABLE TRIGGER) takes SHARE ROW EXCLUSIVE, which
-- blocks every writer of the table for the batch; session_replication_role = replica needs superuser. Instead the
-- backfill marks its own transactions (sparkle_db.search_backfill = on, transaction-local), and this BEFORE UPDATE
-- trigger, which fires only on writes that name search_vector and only in such a transaction, puts the old
-- "updatedAt" back. BEFORE row triggers fire in name order; "zz_" places it after phase 005's update_updated_at_*.
-- Any other session never sets the flag, so for the application it is a WHEN clause that is false.
CREATE OR REPLACE FUNCTION sparkle_db.keep_updated_at_during_search_backfill()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    NEW."updatedAt" := OLD."updatedAt";
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION sparkle_db.keep_updated_at_during_search_backfill() FROM PUBLIC;

CREATE OR REPLACE TRIGGER zz_search_backfill_keeps_updated_at
    BEFORE UPDATE OF search_vector ON posts
    FOR EACH ROW WHEN (pg_catalog.current_setting('sparkle_db.search_backfill', true) = 'on')
    EXECUTE FUNCTION sparkle_db.keep_updated_at_during_search_backfill();

CREATE OR REPLACE TRIGGER zz_search_backfill_keeps_updated_at
    BEFORE UPDATE OF search_vector ON users
    FOR EACH ROW WHEN (pg_catalog.current_setting('sparkle_db.search_backfill', true) = 'on')
    EXECUTE FUNCTION sparkle_db.keep_updated_at_during_search_backfill();

CREATE OR REPLACE TRIGGER zz_search_backfill_keeps_updated_at
    BEFORE UPDATE OF search_vector ON groups
    FOR EACH ROW WHEN (pg_catalog.current_setting('sparkle_db.search_backfill', true) = 'on')
    EXECUTE FUNCTION sparkle_db.keep_updated_at_during_search_backfill();

CREATE OR REPLACE TRIGGER zz_search_backfill_keeps_updated_at
    BEFORE UPDATE OF search_vector ON events
    FOR EACH ROW WHEN (pg_catalog.current_setting('sparkle_db.search_backfill', true) = 'on')
    EXECUTE FUNCTION sparkle_db.keep_updated_at_during_search_backfill();

-- Fills search_vector for rows that existed before the triggers, in short transactions (keyset batches on the
-- primary key), so no long row locks, no table rewrite and no lock that blocks writers: each batch takes ROW
-- EXCLUSIVE on the table (as any UPDATE) and row locks on its own rows only. The other triggers of the table fire as
-- for any update that changes nothing they watch (phase 005's counter triggers see no change). Works for the table
-- owner; no superuser needed.
--
-- No SET search_path clause: PostgreSQL forbids COMMIT in a procedure that has one. Every name in the body is
-- schema-qualified instead (pg_catalog is always searched first).
CREATE OR REPLACE PROCEDURE sparkle_db.backfill_search_vectors(p_table text, p_batch_size integer DEFAULT 5000)
LANGUAGE plpgsql
AS $$
DECLARE
    v_builder   text;
    v_trigger   text;
    v_value     text;
    v_last_id   text := '';
    v_batch_max text;
    v_rows      bigint;
    v_total     bigint := 0;
BEGIN
    v_builder := CASE p_table
        WHEN 'posts'  THEN 'public.build_post_search_vector(t.title, t.excerpt, t.content, t."metaKeywords")'
        WHEN 'users'  THEN 'public.build_user_search_vector(t.username, t.bio)'
        WHEN 'groups' THEN 'public.build_group_search_vector(t.name, t."shortDescription", t.description, t.tags)'
        WHEN 'events' THEN 'public.build_event_search_vector(t.title, t."shortDescription", t.description, t.tags)'
    END;
    IF v_builder IS NULL THEN
        RAISE EXCEPTION 'backfill_search_vectors: unknown table %', p_table USING ERRCODE = '22023';
    END IF;
    -- The table's search-vector trigger fires on this UPDATE (its column list names search_vector) and computes
    -- the vector itself; computing it here as well would build every vector twice. Where that trigger will not
    -- fire (session_replication_role = replica, as the seeder's fast load uses, or the trigger disabled), the
    -- vector is computed here.
    v_trigger := CASE p_table WHEN 'posts' THEN 'update_post_search_vector_trigger' WHEN 'users' THEN 'update_user_search_vector_trigger'
                              WHEN 'groups' THEN 'update_group_search_vector_trigger' ELSE 'update_event_search_vector_trigger' END;
    v_value := CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg
                                  WHERE tg.tgrelid = pg_catalog.format('public.%I', p_table)::regclass AND tg.tgname = v_trigger
                                    AND (tg.tgenabled = 'A'
                                         OR (tg.tgenabled = 'O' AND pg_catalog.current_setting('session_replication_role') <> 'replica')
                                         OR (tg.tgenabled = 'R' AND pg_catalog.current_setting('session_replication_role') = 'replica')))
                    THEN 'NULL' ELSE v_builder END;

    LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.max(id) FROM (SELECT id FROM public.%I WHERE id > $1 ORDER BY id LIMIT $2) b', p_table)
            INTO v_batch_max USING v_last_id, p_batch_size;
        EXIT WHEN v_batch_max IS NULL;

        PERFORM pg_catalog.set_config('sparkle_db.search_backfill', 'on', true);
        EXECUTE pg_catalog.format(
            'UPDATE public.%I t SET search_vector = %s WHERE t.id > $1 AND t.id <= $2 AND t.search_vector IS NULL',
            p_table, v_value)
            USING v_last_id, v_batch_max;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        v_total := v_total + v_rows;

        v_last_id := v_batch_max;
        COMMIT;
    END LOOP;

    RAISE NOTICE 'backfill_search_vectors: % rows of % filled', v_total, p_table;
END
$$;
