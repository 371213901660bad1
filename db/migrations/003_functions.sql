-- Phase 003: utility functions (PHASES.md section 003).
--
-- Every id is text (Prisma cuids), every function pins search_path, every timestamp written is UTC
-- wall-clock time. Parameter names follow the specification so that callers may use named notation;
-- none of them equals a column name used unqualified in a body (the columns are camelCase).
--
-- Besides the six functions the plan names, this file defines helpers that phase 005 reuses:
--   post_engagement_ratio(interactions, views)  the capped, rounded ratio of 3.2 (one formula for all)
--   compute_post_stats(post_id)                 the recomputed counters of one post (one aggregate per source)
--   sparkle_db.count_user_stats(user_id)        the recount of the user_stats counters the database owns
--
-- Every id or code argument is bounded (255 bytes; table names 63) before anything reads it: an oversized
-- one is refused with SQLSTATE 22001 and a message that names its size, never its value, so it reaches
-- neither an error message nor the server log (docs/SECURITY.md). PL/pgSQL for that, also where SQL
-- would do: a function with a SET clause is never inlined, so nothing is lost.
--
-- Re-runnable: CREATE OR REPLACE throughout (argument names and result types are part of the contract;
-- changing them later needs a DROP FUNCTION first).

-- The application role normally comes from phase 001; create it here only if it is missing, so that the
-- grants of 003-005 never depend on which phases a database received first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sparkle_app') THEN
        CREATE ROLE sparkle_app NOLOGIN;
    END IF;
END
$$;

-- 3.1 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION calculate_user_level(experience_points integer)
RETURNS integer
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
    -- Highest level whose threshold is reached; level 1 when none is (also for an empty table).
    SELECT COALESCE(
        (SELECT max(lc.level) FROM level_configs lc WHERE lc."requiredXp" <= experience_points),
        1);
$$;

COMMENT ON FUNCTION calculate_user_level(integer) IS
    'Highest level_configs.level whose "requiredXp" <= the given XP; 1 when none qualifies.';

-- 3.2 helper ------------------------------------------------------------------------------------------
-- No SET clause, unlike the functions around it: it names no table and takes no text, and a function with a SET
-- clause is never inlined. Inlined, it costs nothing in the post_stats trigger that runs it on every counter write
-- (005_triggers/070); as a SQL function called from PL/pgSQL it was parsed and planned again in every transaction
-- (docs/DECISIONS.md D97).
CREATE OR REPLACE FUNCTION post_engagement_ratio(p_interactions bigint, p_views bigint)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    -- Capped before rounding so that no bounded numeric can overflow (D-13): range [0, 1], 4 decimals.
    SELECT CASE
               WHEN COALESCE(p_views, 0) > 0
                   THEN round(LEAST(GREATEST(COALESCE(p_interactions, 0), 0)::numeric / p_views, 1), 4)
               ELSE 0::numeric
           END;
$$;

COMMENT ON FUNCTION post_engagement_ratio(bigint, bigint) IS
    'min(interactions / views, 1) rounded to 4 decimals; 0 when views <= 0.';

-- 3.2 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION calculate_engagement_rate(post_id text)
RETURNS numeric
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF octet_length(post_id) > 255 THEN
        RAISE EXCEPTION 'calculate_engagement_rate: post_id is % bytes; ids are at most 255', octet_length(post_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    -- Each source is counted by its own aggregate; joining them would multiply the rows (D-27).
    RETURN post_engagement_ratio(
               (SELECT count(*) FROM reactions r WHERE r."postId" = post_id)
             + (SELECT count(*) FROM comments c WHERE c."postId" = post_id AND c.deleted = false)
             + COALESCE((SELECT ps."shareCount" FROM post_stats ps WHERE ps."postId" = post_id), 0)
             + (SELECT count(*) FROM bookmarks b WHERE b."postId" = post_id),
               COALESCE((SELECT ps."viewCount" FROM post_stats ps WHERE ps."postId" = post_id), 0));
END;
$$;

COMMENT ON FUNCTION calculate_engagement_rate(text) IS
    '(reactions + live comments + shares + bookmarks) / post_stats."viewCount", capped at 1, 4 decimals; 0 without views.';

-- 3.3 helper ------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION compute_post_stats(p_post_id text)
RETURNS TABLE (
    view_count           integer,
    unique_view_count    integer,
    like_count           integer,
    love_count           integer,
    fire_count           integer,
    total_reaction_count integer,
    comment_count        integer,
    bookmark_count       integer,
    avg_read_time        double precision)
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF octet_length(p_post_id) > 255 THEN
        RAISE EXCEPTION 'compute_post_stats: p_post_id is % bytes; ids are at most 255', octet_length(p_post_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    RETURN QUERY
    SELECT v.view_count, v.unique_view_count,
           r.like_count, r.love_count, r.fire_count, r.total_reaction_count,
           c.comment_count, b.bookmark_count, v.avg_read_time
    FROM (SELECT count(*)::integer                                            AS view_count,
                 count(DISTINCT vh."userId")::integer                         AS unique_view_count,
                 COALESCE(avg(vh."viewDuration") FILTER (WHERE vh."viewDuration" > 0), 0)::double precision
                                                                              AS avg_read_time
          FROM view_history vh WHERE vh."postId" = p_post_id) v
    CROSS JOIN
         (SELECT count(*) FILTER (WHERE rx.type = 'LIKE')::integer AS like_count,
                 count(*) FILTER (WHERE rx.type = 'LOVE')::integer AS love_count,
                 count(*) FILTER (WHERE rx.type = 'FIRE')::integer AS fire_count,
                 count(*)::integer                                 AS total_reaction_count
          FROM reactions rx WHERE rx."postId" = p_post_id) r
    CROSS JOIN
         (SELECT count(*)::integer AS comment_count
          FROM comments cm WHERE cm."postId" = p_post_id AND cm.deleted = false) c
    CROSS JOIN
         (SELECT count(*)::integer AS bookmark_count
          FROM bookmarks bk WHERE bk."postId" = p_post_id) b;
END;
$$;

COMMENT ON FUNCTION compute_post_stats(text) IS
    'Counters of one post recomputed from view_history, reactions, comments, bookmarks (one aggregate per source).';

-- 3.3 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION update_post_stats(post_id text)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_inserted integer;
    v_previous text := current_setting('sparkle_db.owner_write', true);
BEGIN
    IF octet_length(post_id) > 255 THEN
        RAISE EXCEPTION 'update_post_stats: post_id is % bytes; ids are at most 255', octet_length(post_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    -- A post that is gone (e.g. hard-deleted, and this call comes from a cascaded child delete) has
    -- nothing to recompute; inserting a stats row would violate the FK and abort the delete (D-24).
    PERFORM 1 FROM posts p WHERE p.id = post_id;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    -- The counters are the database's (005 guards them against other writers); this recount is one of
    -- their writers. "viewCount" and "uniqueViewCount" are the app's (it counts every view, view_history
    -- holds a sample) and are only set on a row created here (D81); "shareCount" and "bounceRate" too.
    PERFORM set_config('sparkle_db.owner_write', 'on', true);
    LOOP
        -- Lock the row first and recompute in the next statement: under READ COMMITTED that statement's
        -- snapshot includes every writer that held the lock before us, and writers that come later
        -- apply their own increments (phase 005) on top, so no change is lost or counted twice.
        PERFORM 1 FROM post_stats ps WHERE ps."postId" = post_id FOR NO KEY UPDATE;
        IF FOUND THEN
            UPDATE post_stats ps
               SET "likeCount"          = s.like_count,
                   "loveCount"          = s.love_count,
                   "fireCount"          = s.fire_count,
                   "totalReactionCount" = s.total_reaction_count,
                   "commentCount"       = s.comment_count,
                   "bookmarkCount"      = s.bookmark_count,
                   "avgReadTime"        = s.avg_read_time,
                   "engagementRate"     = post_engagement_ratio(
                                              s.total_reaction_count::bigint + s.comment_count
                                              + ps."shareCount" + s.bookmark_count,
                                              ps."viewCount"),
                   "lastCalculatedAt"   = v_now,
                   "updatedAt"          = v_now
              FROM compute_post_stats(post_id) s
             WHERE ps."postId" = post_id;
            EXIT;
        END IF;

        INSERT INTO post_stats AS ps (
            id, "postId", "viewCount", "uniqueViewCount", "likeCount", "loveCount", "fireCount",
            "totalReactionCount", "commentCount", "shareCount", "bookmarkCount", "avgReadTime",
            "bounceRate", "engagementRate", "lastCalculatedAt", "updatedAt")
        SELECT gen_random_uuid()::text, post_id, s.view_count, s.unique_view_count, s.like_count,
               s.love_count, s.fire_count, s.total_reaction_count, s.comment_count, 0, s.bookmark_count,
               s.avg_read_time, 0,
               post_engagement_ratio(s.total_reaction_count::bigint + s.comment_count + s.bookmark_count,
                                     s.view_count),
               v_now, v_now
          FROM compute_post_stats(post_id) s
        ON CONFLICT ("postId") DO NOTHING;
        GET DIAGNOSTICS v_inserted = ROW_COUNT;
        EXIT WHEN v_inserted > 0;
        -- Another transaction created the row meanwhile: go round and recompute under its lock.
    END LOOP;
    PERFORM set_config('sparkle_db.owner_write', COALESCE(v_previous, ''), true);
END;
$$;

COMMENT ON FUNCTION update_post_stats(text) IS
    'Recomputes (or creates) the post_stats row of one post; does nothing for a post that does not exist. '
    '"viewCount", "uniqueViewCount", "shareCount" and "bounceRate" are the app''s and are left alone.';

-- 3.4 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION calculate_reputation_score(user_id text)
RETURNS integer
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF octet_length(user_id) > 255 THEN
        RAISE EXCEPTION 'calculate_reputation_score: user_id is % bytes; ids are at most 255', octet_length(user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    -- Missing user_stats contribute 0 to every stats term: COALESCE before LEAST, because LEAST ignores
    -- NULL and would hand a user without stats the full caps (D-18). Revenue stays bigint/numeric (D-14).
    -- The result is clamped to the integer range instead of failing for absurd revenue figures.
    RETURN (SELECT LEAST(GREATEST(round(
                 u."reputationScore"::numeric
               + 100 * u.level
               + CASE WHEN u.verified THEN 500 ELSE 0 END
               + CASE u.role WHEN 'VERIFIED_CREATOR' THEN 1000 WHEN 'CREATOR' THEN 500 ELSE 0 END
               + 10 * LEAST(COALESCE(st."totalPosts", 0), 100)
               + 2  * LEAST(COALESCE(st."totalLikesReceived", 0), 1000)
               + 1  * LEAST(COALESCE(st."totalFollowers", 0), 10000)
               + 50 * (SELECT count(*) FROM user_achievements ua
                       WHERE ua."userId" = u.id AND ua.deleted = false)
               + 200 * (SELECT count(*) FROM posts p
                        WHERE p."authorId" = u.id AND p.deleted = false AND p.featured = true)
               + 100 * COALESCE(st."contentQualityScore", 0)::numeric
               + floor(u."totalRevenueEarned"::numeric / 1000)
             ), -2147483648), 2147483647)::integer
    FROM users u
    LEFT JOIN user_stats st ON st."userId" = u.id
    WHERE u.id = user_id);
END;
$$;

COMMENT ON FUNCTION calculate_reputation_score(text) IS
    'Reputation per PHASES.md 3.4; NULL for an unknown user. Includes users."reputationScore": never write '
    'the result back into that column (it would compound).';

-- 3.5 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION validate_soft_delete(table_name text, record_id text)
RETURNS boolean
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_deleted    boolean;
    v_deleted_at timestamp(3);
BEGIN
    IF octet_length(table_name) > 63 THEN
        RAISE EXCEPTION 'validate_soft_delete: table_name is % bytes; table names are at most 63', octet_length(table_name)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(record_id) > 255 THEN
        RAISE EXCEPTION 'validate_soft_delete: record_id is % bytes; ids are at most 255', octet_length(record_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    -- Only the 19 soft-delete tables (PHASES.md Appendix B); anything else is a caller error.
    IF table_name IS NULL OR table_name NOT IN (
        'users', 'categories', 'posts', 'post_series', 'tags', 'comments', 'achievements',
        'user_achievements', 'trades', 'youtube_channels', 'watch_parties', 'watch_party_chat',
        'groups', 'events', 'conversations', 'messages', 'chat_messages', 'polls', 'reports') THEN
        RAISE EXCEPTION 'validate_soft_delete: % is not a soft-delete table', quote_nullable(table_name)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    EXECUTE format('SELECT t.deleted, t."deletedAt" FROM public.%I t WHERE t.id = $1', table_name)
       INTO v_deleted, v_deleted_at
      USING record_id;

    -- Inconsistent only when flagged deleted without a deletion time; a missing row is not an error.
    RETURN NOT (COALESCE(v_deleted, false) AND v_deleted_at IS NULL);
END;
$$;

COMMENT ON FUNCTION validate_soft_delete(text, text) IS
    'False only when the row is deleted = true with "deletedAt" NULL; true otherwise and for a missing row.';

-- The user_stats counters the database owns (005_triggers/010_ownership.sql), recounted from their source
-- rows: the one definition of each. Phase 005 keeps the stored counters equal to it; a user without a
-- stats row has these values (check_achievement_eligibility below reads them then).
CREATE OR REPLACE FUNCTION sparkle_db.count_user_stats(p_user_id text)
RETURNS TABLE ("totalPosts" integer, "totalComments" integer, "totalFollowers" integer,
               "totalFollowing" integer, "totalLikesGiven" integer, "totalLikesReceived" integer)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (SELECT count(*) FROM public.posts p
             WHERE p."authorId" = p_user_id AND p.published AND NOT p.deleted)::integer,
           (SELECT count(*) FROM public.comments c
             WHERE c."authorId" = p_user_id AND NOT c.deleted)::integer,
           (SELECT count(*) FROM public.follows f WHERE f."followingId" = p_user_id)::integer,
           (SELECT count(*) FROM public.follows f WHERE f."followerId" = p_user_id)::integer,
           (SELECT count(*) FROM public.reactions r
             WHERE r."userId" = p_user_id AND r."postId" IS NOT NULL)::integer,
           ((SELECT count(*) FROM public.reactions r JOIN public.posts p ON p.id = r."postId"
              WHERE p."authorId" = p_user_id AND r."userId" <> p_user_id)
          + (SELECT count(*) FROM public.reactions r JOIN public.comments c ON c.id = r."commentId"
              WHERE c."authorId" = p_user_id AND r."userId" <> p_user_id AND r.type = 'LIKE'))::integer;
$$;

COMMENT ON FUNCTION sparkle_db.count_user_stats(text) IS
    'The database-owned user_stats counters of one user, recounted from their source rows (sparkle_db.owned_counters).';

-- 3.6 -------------------------------------------------------------------------------------------------
-- The thresholds of the counted achievements, in one place: check_achievement_eligibility compares with
-- them, and the triggers of phase 005 call the check only when a counter crosses one (old < threshold <=
-- new), so a like on a popular author's post costs no eligibility query. A plain SQL body with no SET
-- clause (it names no object, so search_path cannot change it): the planner inlines it and folds a
-- constant code to a constant. NULL for a code without a counted rule.
CREATE OR REPLACE FUNCTION sparkle_db.achievement_threshold(p_code text)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT CASE p_code
               WHEN 'FIRST_POST'       THEN 1      -- "totalPosts"
               WHEN 'PROLIFIC_WRITER'  THEN 50     -- "totalPosts"
               WHEN 'FIRST_FOLLOWER'   THEN 1      -- "totalFollowers"
               WHEN 'SOCIAL_BUTTERFLY' THEN 100    -- "totalFollowers"
               WHEN 'INFLUENCER'       THEN 1000   -- "totalFollowers"
               WHEN 'STREAK_WEEK'      THEN 7      -- "streakDays"
               WHEN 'STREAK_MONTH'     THEN 30     -- "streakDays"
               WHEN 'WELL_LIKED'       THEN 100    -- "totalLikesReceived"
               WHEN 'LEVEL_10'         THEN 10     -- users.level
           END;
$$;

COMMENT ON FUNCTION sparkle_db.achievement_threshold(text) IS
    'The threshold of a counted achievement (FIRST_POST 1 ... INFLUENCER 1000); NULL for other codes.';

CREATE OR REPLACE FUNCTION check_achievement_eligibility(user_id text, achievement_code text)
RETURNS boolean
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_achievement_id text;
    v_threshold      integer := sparkle_db.achievement_threshold(achievement_code);
    v_value          integer;
BEGIN
    IF octet_length(user_id) > 255 THEN
        RAISE EXCEPTION 'check_achievement_eligibility: user_id is % bytes; ids are at most 255', octet_length(user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(achievement_code) > 255 THEN
        RAISE EXCEPTION 'check_achievement_eligibility: achievement_code is % bytes; codes are at most 255', octet_length(achievement_code)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF v_threshold IS NULL THEN
        RETURN false;  -- achievements.criteria is not evaluated
    END IF;
    SELECT a.id INTO v_achievement_id FROM achievements a WHERE a.code = achievement_code AND NOT a.deleted;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    -- A holding counts as held even when soft-deleted (docs/DECISIONS.md D5): the reward of an
    -- achievement is paid at most once per user, and a revoked achievement is not granted again by
    -- the next triggering event. Restoring it is an explicit update of the holding. A row with progress
    -- below 1 is the app's progress tracking, not a holding (docs/APP.md).
    IF EXISTS (SELECT 1 FROM user_achievements ua
                WHERE ua."userId" = user_id AND ua."achievementId" = v_achievement_id
                  AND (ua.progress >= 1 OR ua.deleted)) THEN
        RETURN false;
    END IF;

    IF achievement_code = 'LEVEL_10' THEN
        SELECT u.level INTO v_value FROM users u WHERE u.id = user_id;
    ELSE
        SELECT CASE WHEN achievement_code IN ('FIRST_POST', 'PROLIFIC_WRITER') THEN st."totalPosts"
                    WHEN achievement_code IN ('FIRST_FOLLOWER', 'SOCIAL_BUTTERFLY', 'INFLUENCER') THEN st."totalFollowers"
                    WHEN achievement_code = 'WELL_LIKED' THEN st."totalLikesReceived"
                    ELSE st."streakDays" END
          INTO v_value
          FROM user_stats st WHERE st."userId" = user_id;
        -- Without a stats row (phase 005 creates them lazily) the counters are their recount; a streak is 0.
        IF NOT FOUND AND achievement_code NOT IN ('STREAK_WEEK', 'STREAK_MONTH')
           AND EXISTS (SELECT 1 FROM users u WHERE u.id = user_id) THEN
            SELECT CASE WHEN achievement_code IN ('FIRST_POST', 'PROLIFIC_WRITER') THEN rc."totalPosts"
                        WHEN achievement_code = 'WELL_LIKED' THEN rc."totalLikesReceived"
                        ELSE rc."totalFollowers" END
              INTO v_value
              FROM sparkle_db.count_user_stats(user_id) rc;
        END IF;
    END IF;
    RETURN COALESCE(v_value >= v_threshold, false);
END;
$$;

COMMENT ON FUNCTION check_achievement_eligibility(text, text) IS
    'True when the user meets the rule of the (non-deleted) achievement and does not hold it (a holding is a '
    'user_achievements row with progress 1, or a soft-deleted one). Unknown code, unknown user or missing stats: false.';

-- Function privileges: the application role calls these (directly or through the phase-005 triggers it
-- fires); nobody else needs them.
REVOKE EXECUTE ON FUNCTION
    calculate_user_level(integer), post_engagement_ratio(bigint, bigint), calculate_engagement_rate(text),
    compute_post_stats(text), update_post_stats(text), calculate_reputation_score(text),
    validate_soft_delete(text, text), check_achievement_eligibility(text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    calculate_user_level(integer), post_engagement_ratio(bigint, bigint), calculate_engagement_rate(text),
    compute_post_stats(text), update_post_stats(text), calculate_reputation_score(text),
    validate_soft_delete(text, text), check_achievement_eligibility(text, text)
    TO sparkle_app;
