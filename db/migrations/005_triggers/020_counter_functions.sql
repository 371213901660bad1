-- Phase 005, part 2: counting the owned counters, and applying deltas to them.
--
-- Every owned counter (010_ownership.sql) has one definition, written once here as a recount from its
-- source rows: sparkle_db.count_<...>(key) returns one column per owned counter, named as the column.
-- The triggers (050_counters.sql) keep the stored values equal to these recounts by applying deltas;
-- the guards (070) and the repair functions (080) call them.

CREATE OR REPLACE FUNCTION sparkle_db.is_database_id(p_id text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Rows the database creates carry gen_random_uuid()::text ids (PHASES.md R5); the app's are cuids.
    -- That is how an insert by the app recognises a stats row the database made before it (070).
    SELECT p_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
$$;

-- sparkle_db.count_user_stats(user) is defined in 003 (check_achievement_eligibility reads it for a user
-- without a stats row).

CREATE OR REPLACE FUNCTION sparkle_db.count_post_stats(p_post_id text)
RETURNS TABLE ("totalReactionCount" integer, "likeCount" integer, "loveCount" integer, "fireCount" integer,
               "commentCount" integer, "bookmarkCount" integer)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.total, r.likes, r.loves, r.fires, c.comments, b.bookmarks
      FROM (SELECT count(*)::integer                                 AS total,
                   count(*) FILTER (WHERE rx.type = 'LIKE')::integer AS likes,
                   count(*) FILTER (WHERE rx.type = 'LOVE')::integer AS loves,
                   count(*) FILTER (WHERE rx.type = 'FIRE')::integer AS fires
              FROM public.reactions rx WHERE rx."postId" = p_post_id) r,
           (SELECT count(*)::integer AS comments
              FROM public.comments cm WHERE cm."postId" = p_post_id AND NOT cm.deleted) c,
           (SELECT count(*)::integer AS bookmarks
              FROM public.bookmarks bk WHERE bk."postId" = p_post_id) b;
$$;

COMMENT ON FUNCTION sparkle_db.count_post_stats(text) IS
    'The database-owned post_stats counters of one post, recounted from reactions, comments and bookmarks.';

CREATE OR REPLACE FUNCTION sparkle_db.count_category_posts(p_category_id text)
RETURNS TABLE ("postCount" integer)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*)::integer FROM public.posts p
     WHERE p."categoryId" = p_category_id AND p.published AND NOT p.deleted;
$$;

CREATE OR REPLACE FUNCTION sparkle_db.count_tag_posts(p_tag_id text)
RETURNS TABLE ("postCount" integer)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*)::integer FROM public.post_tags pt JOIN public.posts p ON p.id = pt."postId"
     WHERE pt."tagId" = p_tag_id AND p.published AND NOT p.deleted;
$$;

-- The plan's helper (PHASES.md 5.4/5.5), kept for its callers: the same recount under snake_case names.
DROP FUNCTION IF EXISTS public.compute_user_stats(text);
CREATE FUNCTION public.compute_user_stats(p_user_id text)
RETURNS TABLE (
    total_posts          integer,
    total_followers      integer,
    total_following      integer,
    total_likes_received integer,
    total_comments       integer,
    total_likes_given    integer)
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'compute_user_stats: p_user_id is % bytes; ids are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    RETURN QUERY
    SELECT s."totalPosts", s."totalFollowers", s."totalFollowing", s."totalLikesReceived",
           s."totalComments", s."totalLikesGiven"
      FROM sparkle_db.count_user_stats(p_user_id) s;
END;
$$;

COMMENT ON FUNCTION public.compute_user_stats(text) IS
    'The database-owned user_stats counters of one user recomputed from the source tables (sparkle_db.count_user_stats).';

-- Applying deltas ------------------------------------------------------------------------------------
-- Why increments instead of recomputation: under READ COMMITTED a recomputation sees neither the
-- uncommitted rows of concurrent writers nor, after waiting for their row lock, anything newer than its
-- own snapshot, so concurrent recomputations lose counts. "x = x + delta" re-reads the latest committed
-- row version after the lock wait and is exact. These functions run inside the counter triggers, where
-- the guard (070) lets their writes through (pg_trigger_depth() > 1).
--
-- A missing stats row is created from a recount only when p_create: a statement-level trigger passes true
-- (its one delta per key covers every row of the statement, which the recount already includes), a
-- row-level trigger passes false (the recount would include rows of the same statement whose own row
-- triggers have yet to add their delta). A missing row holds no counts that could be wrong: whoever
-- creates it later creates it from a recount.

DROP FUNCTION IF EXISTS public.apply_user_stats_delta(text, integer, integer, integer, integer, boolean);
DROP FUNCTION IF EXISTS public.apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer);
-- An earlier version returned void; the row it leaves is returned now (the callers detect achievement thresholds
-- crossed from it), and CREATE OR REPLACE cannot change a return type.
DO $$
BEGIN
    IF (SELECT p.prorettype FROM pg_catalog.pg_proc p
         WHERE p.oid = 'public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean)'::regprocedure)
       = 'pg_catalog.void'::regtype THEN
        DROP FUNCTION public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean);
    END IF;
EXCEPTION WHEN undefined_function THEN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.apply_user_stats_delta(
    p_user_id        text,
    p_posts          integer,
    p_comments       integer,
    p_followers      integer,
    p_following      integer,
    p_likes_given    integer,
    p_likes_received integer,
    p_touch_activity boolean DEFAULT false,
    p_create         boolean DEFAULT true)
RETURNS public.user_stats
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_row      public.user_stats;
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'apply_user_stats_delta: p_user_id is % bytes; ids are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    FOR i IN 1..2 LOOP
        UPDATE public.user_stats st
           SET "totalPosts"         = GREATEST(st."totalPosts" + p_posts, 0),
               "totalComments"      = GREATEST(st."totalComments" + p_comments, 0),
               "totalFollowers"     = GREATEST(st."totalFollowers" + p_followers, 0),
               "totalFollowing"     = GREATEST(st."totalFollowing" + p_following, 0),
               "totalLikesGiven"    = GREATEST(st."totalLikesGiven" + p_likes_given, 0),
               "totalLikesReceived" = GREATEST(st."totalLikesReceived" + p_likes_received, 0),
               "lastActivityAt"     = CASE WHEN p_touch_activity THEN v_now ELSE st."lastActivityAt" END
         WHERE st."userId" = p_user_id
        RETURNING st.* INTO v_row;
        IF FOUND OR i = 2 OR NOT p_create THEN
            RETURN v_row;  -- NULL when there is no row (and none was created)
        END IF;

        -- No stats row yet (the app normally creates it at registration): create it from the sources,
        -- which already include the calling statement's change, so the delta is not applied on top. Its
        -- UUID id marks it as the database's, so a later userStats.create by the app adopts it (070). A
        -- user that is gone (cascaded delete in progress) gets no row.
        INSERT INTO public.user_stats AS st (id, "userId", "totalPosts", "totalComments", "totalFollowers",
                                             "totalFollowing", "totalLikesGiven", "totalLikesReceived",
                                             "lastActivityAt", "updatedAt")
        SELECT gen_random_uuid()::text, u.id, s."totalPosts", s."totalComments", s."totalFollowers",
               s."totalFollowing", s."totalLikesGiven", s."totalLikesReceived",
               CASE WHEN p_touch_activity THEN v_now END, v_now
          FROM public.users u
         CROSS JOIN LATERAL sparkle_db.count_user_stats(u.id) s
         WHERE u.id = p_user_id
        ON CONFLICT ("userId") DO NOTHING
        RETURNING st.* INTO v_row;
        IF FOUND THEN
            RETURN v_row;
        END IF;
        -- Either the user is gone (the UPDATE below finds nothing) or a concurrent transaction created
        -- the row and has committed (ON CONFLICT waited for it): apply the delta to that row.
    END LOOP;
END;
$$;

COMMENT ON FUNCTION public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean) IS
    'Adds deltas to one user''s owned user_stats counters (floor 0), creating the row from a recount when missing; '
    'returns the row as written (NULL when there is none).';

CREATE OR REPLACE FUNCTION public.apply_post_stats_delta(
    p_post_id   text,
    p_reactions integer,
    p_likes     integer,
    p_loves     integer,
    p_fires     integer,
    p_comments  integer,
    p_bookmarks integer,
    p_create    boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_inserted integer;
BEGIN
    IF octet_length(p_post_id) > 255 THEN
        RAISE EXCEPTION 'apply_post_stats_delta: p_post_id is % bytes; ids are at most 255', octet_length(p_post_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    FOR i IN 1..2 LOOP
        -- "engagementRate" follows from the counters (trigger post_stats_engagement_rate).
        UPDATE public.post_stats ps
           SET "totalReactionCount" = GREATEST(ps."totalReactionCount" + p_reactions, 0),
               "likeCount"          = GREATEST(ps."likeCount" + p_likes, 0),
               "loveCount"          = GREATEST(ps."loveCount" + p_loves, 0),
               "fireCount"          = GREATEST(ps."fireCount" + p_fires, 0),
               "commentCount"       = GREATEST(ps."commentCount" + p_comments, 0),
               "bookmarkCount"      = GREATEST(ps."bookmarkCount" + p_bookmarks, 0)
         WHERE ps."postId" = p_post_id;
        IF FOUND OR i = 2 OR NOT p_create THEN
            RETURN;
        END IF;

        -- No stats row: create it from the sources (they include the calling statement's change). A
        -- post that is gone (hard delete cascading to its children) gets no row (D-24). The app's view,
        -- share and read-time figures start at 0, as in a row Prisma creates.
        INSERT INTO public.post_stats AS ps (
            id, "postId", "totalReactionCount", "likeCount", "loveCount", "fireCount", "commentCount",
            "bookmarkCount", "lastCalculatedAt", "updatedAt")
        SELECT gen_random_uuid()::text, p.id, s."totalReactionCount", s."likeCount", s."loveCount",
               s."fireCount", s."commentCount", s."bookmarkCount", v_now, v_now
          FROM public.posts p
         CROSS JOIN LATERAL sparkle_db.count_post_stats(p.id) s
         WHERE p.id = p_post_id
        ON CONFLICT ("postId") DO NOTHING;
        GET DIAGNOSTICS v_inserted = ROW_COUNT;
        IF v_inserted > 0 THEN
            RETURN;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION public.apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean) IS
    'Adds deltas to one post''s owned post_stats counters, creating the row from a recount when missing; '
    'no-op for a post that does not exist.';

CREATE OR REPLACE FUNCTION public.apply_count_delta(p_table text, p_id text, p_delta integer)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF octet_length(p_id) > 255 THEN
        RAISE EXCEPTION 'apply_count_delta: p_id is % bytes; ids are at most 255', octet_length(p_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    -- categories."postCount" and tags."postCount": both tables keep the counter in the row itself.
    IF p_table = 'categories' THEN
        UPDATE public.categories c SET "postCount" = GREATEST(c."postCount" + p_delta, 0) WHERE c.id = p_id;
    ELSIF p_table = 'tags' THEN
        UPDATE public.tags t SET "postCount" = GREATEST(t."postCount" + p_delta, 0) WHERE t.id = p_id;
    ELSE
        RAISE EXCEPTION 'apply_count_delta: % has no "postCount"', quote_nullable(p_table)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END;
$$;

COMMENT ON FUNCTION public.apply_count_delta(text, text, integer) IS
    'Adds a delta to categories."postCount" or tags."postCount" of one row (floor 0).';
