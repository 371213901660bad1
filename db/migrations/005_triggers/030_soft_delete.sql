-- Phase 005, part 3: soft delete has one meaning (PHASES.md 5.2, docs/APP.md).
--
-- The app deletes a post by setting "contentStatus" = DELETED and "deletedAt", and leaves deleted = false;
-- other paths set deleted = true. Readers filter on one or the other (search and the materialized views on
-- deleted, the app's feeds on "contentStatus"), so the three columns are made one state here: whichever
-- the statement sets (deleted = true, "deletedAt" set, posts."contentStatus" = DELETED), the row ends up
-- with all three; clearing any of them undeletes (deleted = false, "deletedAt" and "deletedBy" NULL, a
-- DELETED post back to PUBLISHED or DRAFT by its published flag). A deletion time supplied by the same
-- statement is kept. Counters (050) read the result, because BEFORE triggers run first.

CREATE OR REPLACE FUNCTION public.enforce_soft_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- TG_ARGV: whether the table has "deletedBy" (all but messages) and "contentStatus" (posts).
    v_has_deleted_by boolean := TG_ARGV[0] = 'deletedBy';
    v_has_status     boolean := TG_ARGV[1] = 'contentStatus';
    v_delete         boolean;
    v_undelete       boolean;
BEGIN
    -- NEW."contentStatus" may only be named where the table has it: PL/pgSQL resolves a record field when
    -- it parses the statement, whatever the surrounding condition.
    IF TG_OP = 'INSERT' THEN
        v_delete   := NEW.deleted OR NEW."deletedAt" IS NOT NULL;
        v_undelete := false;
        IF v_has_status THEN
            v_delete := v_delete OR NEW."contentStatus" = 'DELETED';
        END IF;
    ELSE
        v_delete   := (NEW.deleted AND NOT OLD.deleted) OR (NEW."deletedAt" IS NOT NULL AND OLD."deletedAt" IS NULL);
        v_undelete := (OLD.deleted AND NOT NEW.deleted) OR (OLD."deletedAt" IS NOT NULL AND NEW."deletedAt" IS NULL);
        IF v_has_status THEN
            v_delete   := v_delete OR (NEW."contentStatus" = 'DELETED' AND OLD."contentStatus" IS DISTINCT FROM 'DELETED');
            v_undelete := v_undelete OR (OLD."contentStatus" = 'DELETED' AND NEW."contentStatus" IS DISTINCT FROM 'DELETED');
        END IF;
    END IF;

    -- A statement that both sets one column to deleted and another to live is a deletion.
    IF v_delete THEN
        NEW.deleted := true;
        IF NEW."deletedAt" IS NULL OR (TG_OP = 'UPDATE' AND NEW."deletedAt" IS NOT DISTINCT FROM OLD."deletedAt") THEN
            NEW."deletedAt" := now() AT TIME ZONE 'UTC';
        END IF;
        IF v_has_status THEN
            NEW."contentStatus" := 'DELETED'::public."ContentStatus";
        END IF;
    ELSIF v_undelete THEN
        NEW.deleted := false;
        NEW."deletedAt" := NULL;
        IF v_has_deleted_by THEN
            NEW."deletedBy" := NULL;
        END IF;
        IF v_has_status THEN
            IF NEW."contentStatus" = 'DELETED' THEN
                NEW."contentStatus" := CASE WHEN NEW.published THEN 'PUBLISHED'::public."ContentStatus"
                                            ELSE 'DRAFT'::public."ContentStatus" END;
            END IF;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- The 19 tables of PHASES.md Appendix B; an update trigger that fires only when one of the columns
-- changes, and an insert trigger that fires only for a row inserted as deleted.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT v.name, v.name <> 'messages' AS has_deleted_by, v.name = 'posts' AS has_status
          FROM unnest(ARRAY['users', 'categories', 'posts', 'post_series', 'tags', 'comments', 'achievements',
                            'user_achievements', 'trades', 'youtube_channels', 'watch_parties',
                            'watch_party_chat', 'groups', 'events', 'conversations', 'messages',
                            'chat_messages', 'polls', 'reports']) AS v(name)
    LOOP
        EXECUTE format(
            'CREATE OR REPLACE TRIGGER %I BEFORE UPDATE OF deleted, "deletedAt"%s ON public.%I FOR EACH ROW '
            'WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt"%s) '
            'EXECUTE FUNCTION public.enforce_soft_delete(%L, %L)',
            'enforce_soft_delete_' || t.name,
            CASE WHEN t.has_status THEN ', "contentStatus"' ELSE '' END,
            t.name,
            CASE WHEN t.has_status THEN ' OR OLD."contentStatus" IS DISTINCT FROM NEW."contentStatus"' ELSE '' END,
            CASE WHEN t.has_deleted_by THEN 'deletedBy' ELSE '-' END,
            CASE WHEN t.has_status THEN 'contentStatus' ELSE '-' END);
        EXECUTE format(
            'CREATE OR REPLACE TRIGGER %I BEFORE INSERT ON public.%I FOR EACH ROW '
            'WHEN (NEW.deleted OR NEW."deletedAt" IS NOT NULL%s) '
            'EXECUTE FUNCTION public.enforce_soft_delete(%L, %L)',
            'enforce_soft_delete_insert_' || t.name, t.name,
            CASE WHEN t.has_status THEN ' OR NEW."contentStatus" = ''DELETED''' ELSE '' END,
            CASE WHEN t.has_deleted_by THEN 'deletedBy' ELSE '-' END,
            CASE WHEN t.has_status THEN 'contentStatus' ELSE '-' END);
    END LOOP;
END;
$$;
