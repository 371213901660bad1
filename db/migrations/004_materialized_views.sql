-- Phase 004: materialized views, the reputation view, the refresh function, grants (PHASES.md 004).
--
-- Re-runnable: CREATE MATERIALIZED VIEW IF NOT EXISTS / CREATE INDEX IF NOT EXISTS / CREATE OR REPLACE.
-- IF NOT EXISTS keeps an existing materialized view as it is, so a later change of a definition must
-- DROP MATERIALIZED VIEW (and re-create its indexes and grants) in a new migration.
--
-- Times: the source columns hold UTC wall-clock values in timestamp(3), so "now" is
-- now() AT TIME ZONE 'UTC' (evaluated at refresh time), never the session-zone conversion of now().
--
-- Concurrent refresh needs, per view: a plain unique index on id (no WHERE clause), a populated view
-- and exactly one row per id. Every join below is to a parent row or to a pre-aggregated subquery
-- keyed by the id, so no join can duplicate a row (D-44).

-- 4.1 trending_posts ----------------------------------------------------------------------------------
CREATE MATERIALIZED VIEW IF NOT EXISTS trending_posts AS
SELECT s.id, s.title, s.slug, s."authorId", s."authorName", s."coverImage", s.excerpt, s."publishedAt",
       s.views, s.total_views, s.reactions, s.comments, s.shares, s.engagement, s.trending_score,
       s."authorImage", s."authorVerified", s."categoryName", s."categorySlug"
FROM (
    SELECT p.id,
           p.title,
           p.slug,
           p."authorId",
           COALESCE(u.username, p."authorName")                          AS "authorName",
           p."coverImage",
           p.excerpt,
           p."publishedAt",
           p.views,
           COALESCE(ps."viewCount", p.views, 0)                          AS total_views,
           COALESCE(ps."totalReactionCount", 0)                          AS reactions,
           COALESCE(ps."commentCount", 0)                                AS comments,
           COALESCE(ps."shareCount", 0)                                  AS shares,
           COALESCE(ps."engagementRate", 0)                              AS engagement,
           (  0.1 * COALESCE(ps."viewCount", p.views, 0)
            + 2   * COALESCE(ps."totalReactionCount", 0)
            + 3   * COALESCE(ps."commentCount", 0)
            + 5   * COALESCE(ps."shareCount", 0)
            + 4   * COALESCE(ps."bookmarkCount", 0))::double precision
           * exp(-0.1 * extract(epoch FROM ((now() AT TIME ZONE 'UTC') - p."publishedAt"))::double precision
                 / 86400)                                                AS trending_score,
           u.image                                                       AS "authorImage",
           u.verified                                                    AS "authorVerified",
           c.name                                                        AS "categoryName",
           c.slug                                                        AS "categorySlug"
    FROM posts p
    LEFT JOIN post_stats ps ON ps."postId" = p.id
    LEFT JOIN users u       ON u.id = p."authorId"
    LEFT JOIN categories c  ON c.id = p."categoryId"
    WHERE p.published = true
      AND p.deleted = false
      AND p."publishedAt" > (now() AT TIME ZONE 'UTC') - interval '7 days'
      AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED')
) s
WHERE s.trending_score > 0
ORDER BY s.trending_score DESC, s.id
LIMIT 100;

CREATE UNIQUE INDEX IF NOT EXISTS idx_trending_posts_id ON trending_posts (id);
CREATE INDEX IF NOT EXISTS idx_trending_posts_score ON trending_posts (trending_score DESC);
CREATE INDEX IF NOT EXISTS idx_trending_posts_author ON trending_posts ("authorId") WHERE "authorId" IS NOT NULL;

COMMENT ON MATERIALIZED VIEW trending_posts IS
    'Top 100 published, approved posts of the last 7 days by decayed engagement score. Refresh hourly; '
    'consumers ORDER BY trending_score themselves.';

-- 4.2 top_creators ------------------------------------------------------------------------------------
CREATE MATERIALIZED VIEW IF NOT EXISTS top_creators AS
SELECT u.id,
       u.username,
       u.image,
       u.bio,
       u.verified,
       u.level,
       u.role,
       u."creatorRevenueShare",
       u."totalRevenueEarned",
       COALESCE(st."totalFollowers", 0)             AS followers,
       COALESCE(st."totalPosts", 0)                 AS posts,
       COALESCE(st."engagementRate", 0)             AS engagement,
       COALESCE(st."contentQualityScore", 0)        AS quality,
       calculate_reputation_score(u.id)             AS reputation,
       COALESCE(pa.recent_posts, 0)                 AS recent_posts,
       COALESCE(pa.featured_posts, 0)               AS featured_posts,
       COALESCE(ua.achievements, 0)                 AS achievements,
       CASE
           WHEN u."totalRevenueEarned" > 100000 THEN 'platinum'
           WHEN u."totalRevenueEarned" > 10000  THEN 'gold'
           WHEN u."totalRevenueEarned" > 1000   THEN 'silver'
           ELSE 'bronze'
       END                                          AS creator_tier
FROM users u
LEFT JOIN user_stats st ON st."userId" = u.id
LEFT JOIN (
    SELECT p."authorId",
           count(*) FILTER (WHERE p."publishedAt" > (now() AT TIME ZONE 'UTC') - interval '30 days') AS recent_posts,
           count(*) FILTER (WHERE p.featured)                                                     AS featured_posts
    FROM posts p
    WHERE p.published = true AND p.deleted = false AND p."authorId" IS NOT NULL
    GROUP BY p."authorId"
) pa ON pa."authorId" = u.id
LEFT JOIN (
    SELECT a."userId", count(*) AS achievements
    FROM user_achievements a
    WHERE a.deleted = false
    GROUP BY a."userId"
) ua ON ua."userId" = u.id
WHERE u.role IN ('CREATOR', 'VERIFIED_CREATOR')
  AND u.deleted = false
  AND u.status = 'ACTIVE'
ORDER BY reputation DESC, u.id
LIMIT 500;

CREATE UNIQUE INDEX IF NOT EXISTS idx_top_creators_id ON top_creators (id);
CREATE INDEX IF NOT EXISTS idx_top_creators_reputation ON top_creators (reputation DESC);
CREATE INDEX IF NOT EXISTS idx_top_creators_followers ON top_creators (followers DESC);
CREATE INDEX IF NOT EXISTS idx_top_creators_tier ON top_creators (creator_tier);

COMMENT ON MATERIALIZED VIEW top_creators IS
    'Top 500 active creators by calculate_reputation_score. Exposes revenue figures: application role only. '
    'Refresh daily.';

-- 4.3 active_groups -----------------------------------------------------------------------------------
-- Open points of 4.3 settled (docs/DECISIONS.md D60): only APPROVED / AUTO_APPROVED group posts count,
-- and members whose ban has not yet expired are not active members.
CREATE MATERIALIZED VIEW IF NOT EXISTS active_groups AS
SELECT s.*
FROM (
    SELECT g.id,
           g.name,
           g.slug,
           g.description,
           g.icon,
           g."coverImage",
           g."memberCount",
           g.visibility,
           g."isFeatured",
           g."isVerified",
           g."autoApproveMembers",
           g."requirePostApproval",
           COALESCE(gp.recent_posts, 0)                       AS recent_posts,
           COALESCE(gm.active_members, 0)                     AS active_members,
           COALESCE(gp.avg_post_engagement, 0)                AS avg_post_engagement,
           gp.last_post_at,
           (  0.3 * g."memberCount"
            + 2   * COALESCE(gp.recent_posts, 0)
            + 1.5 * COALESCE(gm.active_members, 0)
            + 10  * COALESCE(gp.avg_post_engagement, 0)
            + CASE WHEN g."isFeatured" THEN 100 ELSE 0 END
            + CASE WHEN g."isVerified" THEN 50 ELSE 0 END)::double precision AS activity_score
    FROM groups g
    LEFT JOIN (
        SELECT x."groupId",
               count(*) FILTER (WHERE x."createdAt" > (now() AT TIME ZONE 'UTC') - interval '7 days') AS recent_posts,
               avg(x."reactionCount")::double precision                                             AS avg_post_engagement,
               max(x."createdAt")                                                                   AS last_post_at
        FROM group_posts x
        WHERE x."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED')
        GROUP BY x."groupId"
    ) gp ON gp."groupId" = g.id
    LEFT JOIN (
        SELECT m."groupId", count(DISTINCT m."userId") AS active_members
        FROM group_members m
        WHERE m."lastActiveAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours'
          AND (m."bannedUntil" IS NULL OR m."bannedUntil" <= (now() AT TIME ZONE 'UTC'))
        GROUP BY m."groupId"
    ) gm ON gm."groupId" = g.id
    WHERE g.deleted = false
      AND g.visibility IN ('PUBLIC', 'PRIVATE')
      AND g."memberCount" > 0
) s
ORDER BY s.activity_score DESC, s.id
LIMIT 200;

CREATE UNIQUE INDEX IF NOT EXISTS idx_active_groups_id ON active_groups (id);
CREATE INDEX IF NOT EXISTS idx_active_groups_score ON active_groups (activity_score DESC);
CREATE INDEX IF NOT EXISTS idx_active_groups_visibility ON active_groups (visibility);

COMMENT ON MATERIALIZED VIEW active_groups IS
    'Top 200 public/private groups by activity score. Refresh every 6 hours.';

-- 4.4 user_reputation_scores --------------------------------------------------------------------------
CREATE OR REPLACE VIEW user_reputation_scores AS
SELECT u.id,
       u.username,
       u.role,
       u.level,
       u.verified,
       calculate_reputation_score(u.id)  AS reputation_score,
       (now() AT TIME ZONE 'UTC')::timestamp(3) AS calculated_at
FROM users u
WHERE u.deleted = false
  AND u.status = 'ACTIVE';

COMMENT ON VIEW user_reputation_scores IS
    'Live reputation of active users; computes calculate_reputation_score per row on every read (expensive: '
    'filter by id).';

-- 4.5 refresh_materialized_views ----------------------------------------------------------------------
-- SECURITY DEFINER because REFRESH requires ownership of the view and the application role owns
-- nothing. The owner is sparkle_mv_owner (4.6), never the migrating user: whatever a caller might smuggle
-- into this function runs with that role's few rights (read the source tables, write system_health),
-- not a superuser's. And nothing can be smuggled in: search_path puts pg_temp explicitly LAST (left out,
-- PostgreSQL searches a caller's temporary schema FIRST for relations and types), and every relation and
-- function below is schema-qualified (extract and AT TIME ZONE are
-- syntax that the parser turns into pg_catalog calls). p_views limits the run to some of the three views so each can
-- follow its own cadence (D-43); NULL refreshes all three. The argument is bounded before anything else
-- reads it, so an oversized one never reaches an error message or the server log (docs/SECURITY.md).
CREATE OR REPLACE FUNCTION public.refresh_materialized_views(p_views text[] DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    c_all       constant text[] := ARRAY['trending_posts', 'top_creators', 'active_groups'];
    c_max_name  constant integer := 63;  -- NAMEDATALEN - 1: no view name is longer
    v_views     text[];
    v_view      text;
    v_populated boolean;
    v_mode      text;
    v_started   timestamptz := pg_catalog.clock_timestamp();
    v_step      timestamptz;
    v_results   jsonb := '[]'::jsonb;
    v_durations jsonb := '{}'::jsonb;
    v_failed    integer := 0;
    v_status    text;
    v_error     text;
    v_ms        numeric;
BEGIN
    IF pg_catalog.cardinality(p_views) > pg_catalog.cardinality(c_all) THEN
        RAISE EXCEPTION 'refresh_materialized_views: p_views has % elements; at most % views exist',
                pg_catalog.cardinality(p_views), pg_catalog.cardinality(c_all)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.unnest(p_views) v(name) WHERE pg_catalog.octet_length(v.name) > c_max_name) THEN
        RAISE EXCEPTION 'refresh_materialized_views: a view name in p_views is longer than % bytes', c_max_name
            USING ERRCODE = 'string_data_right_truncation';
    END IF;

    v_views := COALESCE(p_views, c_all);
    IF EXISTS (SELECT 1 FROM pg_catalog.unnest(v_views) v(name) WHERE v.name IS NULL OR NOT (v.name = ANY (c_all))) THEN
        RAISE EXCEPTION 'refresh_materialized_views: unknown view in %; expected a subset of %', v_views, c_all
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    FOREACH v_view IN ARRAY c_all LOOP
        CONTINUE WHEN NOT (v_view = ANY (v_views));
        v_step := pg_catalog.clock_timestamp();
        v_error := NULL;

        SELECT c.relispopulated INTO v_populated
          FROM pg_catalog.pg_class c
         WHERE c.oid = pg_catalog.format('public.%I', v_view)::pg_catalog.regclass;
        -- CONCURRENTLY keeps the view readable but is rejected on a never-populated view.
        v_mode := CASE WHEN v_populated THEN 'concurrent' ELSE 'full' END;

        -- One failing view must not prevent the others nor the log row.
        BEGIN
            IF v_populated THEN
                EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW CONCURRENTLY public.%I', v_view);
            ELSE
                EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW public.%I', v_view);
            END IF;
        EXCEPTION WHEN OTHERS THEN
            v_error := SQLSTATE || ': ' || SQLERRM;
            v_failed := v_failed + 1;
            RAISE WARNING 'refresh of % failed: %', v_view, v_error;
        END;

        v_ms := pg_catalog.round((extract(epoch FROM pg_catalog.clock_timestamp() - v_step) * 1000)::numeric, 3);
        v_results := v_results || pg_catalog.jsonb_build_array(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
            'view', v_view,
            'mode', v_mode,
            'ok', v_error IS NULL,
            'error', v_error,
            'durationMs', v_ms)));
        v_durations := v_durations || pg_catalog.jsonb_build_object(v_view, v_ms);
    END LOOP;

    -- Status vocabulary of system_health (docs/DECISIONS.md D8).
    v_status := CASE
                    WHEN v_failed = 0 THEN 'healthy'
                    WHEN v_failed < pg_catalog.jsonb_array_length(v_results) THEN 'degraded'
                    ELSE 'down'
                END;

    INSERT INTO public.system_health (id, service, status, "responseTime", "errorRate", metadata, "checkedAt")
    VALUES (pg_catalog.gen_random_uuid()::text,
            'materialized_views',
            v_status,
            extract(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000,
            100.0 * v_failed / GREATEST(pg_catalog.jsonb_array_length(v_results), 1),
            pg_catalog.jsonb_build_object(
                'views', (SELECT pg_catalog.jsonb_agg(e->'view') FROM pg_catalog.jsonb_array_elements(v_results) e),
                'durations', v_durations,
                'results', v_results,
                'startedAt', pg_catalog.to_char(v_started AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
            (pg_catalog.now() AT TIME ZONE 'UTC'));
END;
$$;

COMMENT ON FUNCTION public.refresh_materialized_views(text[]) IS
    'Refreshes trending_posts, top_creators, active_groups (or the subset named), concurrently when populated, '
    'and logs one system_health row (service materialized_views; status healthy/degraded/down).';

-- 4.6 ownership and grants ----------------------------------------------------------------------------
-- sparkle_mv_owner (created by 001) owns the three views and the refresh function. It needs what a
-- refresh does and nothing more: read the tables the views (and calculate_reputation_score) read, write
-- the log row, and TEMP, because REFRESH … CONCURRENTLY builds its diff in a temporary table as the
-- view's owner. ALTER … OWNER needs the new owner to have CREATE on the schema, for that moment only; a
-- migrating user that is not superuser must be a member of the role to hand objects to it.
DO $$
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) THEN
        EXECUTE pg_catalog.format('GRANT sparkle_mv_owner TO %I', CURRENT_USER);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sparkle_mv_owner;
GRANT SELECT ON public.posts, public.post_stats, public.users, public.categories, public.user_stats,
                public.user_achievements, public.groups, public.group_posts, public.group_members
    TO sparkle_mv_owner;
GRANT INSERT ON public.system_health TO sparkle_mv_owner;
GRANT EXECUTE ON FUNCTION public.calculate_reputation_score(text) TO sparkle_mv_owner;
DO $$
BEGIN
    EXECUTE pg_catalog.format('GRANT TEMPORARY ON DATABASE %I TO sparkle_mv_owner', pg_catalog.current_database());
END
$$;

GRANT CREATE ON SCHEMA public TO sparkle_mv_owner;
ALTER MATERIALIZED VIEW public.trending_posts OWNER TO sparkle_mv_owner;
ALTER MATERIALIZED VIEW public.top_creators OWNER TO sparkle_mv_owner;
ALTER MATERIALIZED VIEW public.active_groups OWNER TO sparkle_mv_owner;
ALTER FUNCTION public.refresh_materialized_views(text[]) OWNER TO sparkle_mv_owner;
REVOKE CREATE ON SCHEMA public FROM sparkle_mv_owner;

-- The application role only, never PUBLIC (top_creators exposes revenue; D-45).
REVOKE ALL ON trending_posts, top_creators, active_groups, user_reputation_scores FROM PUBLIC;
GRANT SELECT ON trending_posts, top_creators, active_groups, user_reputation_scores TO sparkle_app;

REVOKE EXECUTE ON FUNCTION public.refresh_materialized_views(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.refresh_materialized_views(text[]) TO sparkle_app;
