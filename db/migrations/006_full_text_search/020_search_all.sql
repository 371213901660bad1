-- Phase 006, part 2: search_all.
--
-- Visibility (open decision 7, docs/DECISIONS.md D7):
--   post  : published, not deleted, "moderationStatus" in (APPROVED, AUTO_APPROVED, PENDING)
--           — PENDING is the default of every new post on a post-moderated platform; REJECTED,
--           SHADOW_BANNED, ESCALATED and UNDER_REVIEW posts are not offered to searchers.
--   user  : not deleted, status ACTIVE.
--   group : not deleted, visibility <> HIDDEN (PRIVATE and INVITE_ONLY groups are listed so people
--           can ask to join; their content is not searched here).
--   event : not deleted, "isPublic", status in (SCHEDULED, LIVE, ENDED) — DRAFT and CANCELLED are not.
-- "deleted" is the one deletion state (D84): the app's contentStatus DELETED sets it.
--
-- Bounded ranking (D102). ts_rank needs each match's vector, so ranking every match costs time in
-- proportion to the word's frequency: a word in 70 % of posts took 270 ms at scale 0.1. Each source
-- therefore ranks a pool: its newest (posts), most recently seen (users), largest (groups) or latest
-- (events) visible matches, at most search_pool_size() of them (and never fewer than offset + limit).
-- A word with fewer visible matches than the pool is ranked over all of them, exactly as before; a
-- word with more is ranked over its newest matches. The pool comes from the GIN index (rare words)
-- or from walking the order's index until the pool is full (common words: it fills at once); the
-- planner picks per word, which is why the statement is planned for each call (EXECUTE), never from
-- a generic plan made without the word.
--
-- The pool is chosen narrow (each match's id only) and only its rows are read again, by primary key, to be
-- ranked: choosing it with the vectors in the tuples made the sort carry ~1 kB per match, and for a
-- middling word (2,658 post matches at scale 1) that sort took 8-10 ms of a 13 ms posts part, against
-- under 1 ms narrow (D102). Both reads use the same statement's snapshot, so the second sees the very
-- row versions the pool chose. (By id, not ctid: a role with column privileges only may not read ctid.)

-- The pool size in one place, so tests and documents can read it. 500: the posts pool of a word in two thirds of
-- the posts took 3.7-9 ms with 1000 and 2.1 ms with 500 (scale 0.1, shared machine); a page shows 20 (D102).
CREATE OR REPLACE FUNCTION public.search_pool_size()
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$ SELECT 500 $$;

CREATE OR REPLACE FUNCTION public.search_all(
    search_query text,
    search_type  text    DEFAULT 'all',
    limit_count  integer DEFAULT 20,
    offset_count integer DEFAULT 0)
RETURNS TABLE (
    result_type text,
    id          text,
    title       text,
    description text,
    url         text,
    image_url   text,
    metadata    jsonb,
    rank        double precision)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_query tsquery;
    v_take  integer;
BEGIN
    -- Bounds first, so that no oversized argument reaches the work below, an error message or the log.
    IF octet_length(search_query) > 1000 OR octet_length(search_type) > 16 THEN
        RAISE EXCEPTION 'search_all: search_query is % bytes and search_type % bytes; the limits are 1000 and 16',
                octet_length(search_query), octet_length(search_type)
            USING ERRCODE = '22001';
    END IF;
    IF limit_count > 100 OR offset_count > 10000 THEN
        RAISE EXCEPTION 'search_all: limit_count is % and offset_count %; the limits are 100 and 10000',
                limit_count, offset_count
            USING ERRCODE = '22023';
    END IF;
    IF search_type IS NULL OR search_type NOT IN ('all', 'posts', 'users', 'groups', 'events') THEN
        RAISE EXCEPTION 'search_all: search_type must be all, posts, users, groups or events (got %)', search_type
            USING ERRCODE = '22023';
    END IF;
    IF limit_count IS NULL OR limit_count < 0 OR offset_count IS NULL OR offset_count < 0 THEN
        RAISE EXCEPTION 'search_all: limit_count and offset_count must be non-negative'
            USING ERRCODE = '22023';
    END IF;

    v_query := plainto_tsquery('english'::regconfig, coalesce(search_query, ''));
    -- A query of stop words only has no lexemes and would match nothing anyway.
    IF numnode(v_query) = 0 OR limit_count = 0 THEN
        RETURN;
    END IF;
    -- Each source keeps only its best offset+limit rows: the global page is always inside that union.
    v_take := offset_count + limit_count;

    -- $1 query, $2 rows kept per source, $3 pool per source, $4 search_type, $5/$6 the page. A one-shot plan per call:
    -- the branches that search_type excludes fold away, and each pool's access path fits the word.
    RETURN QUERY EXECUTE $sql$
    WITH post_pool AS (
        SELECT p.id AS pool_id
        FROM public.posts p
        WHERE $4 IN ('all', 'posts')
          AND p.search_vector @@ $1
          AND p.published
          AND NOT p.deleted
          AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
        ORDER BY p."publishedAt" DESC, p.id DESC
        LIMIT $3
    ), post_hits AS (
        SELECT 'post'::text AS result_type, b.id::text AS id, b.title::text AS title,
               b.excerpt::text AS description, ('/posts/' || b.slug)::text AS url,
               b."coverImage"::text AS image_url,
               pg_catalog.jsonb_build_object(
                   'authorName', coalesce(u.username::text, b."authorName"),
                   'publishedAt', b."publishedAt",
                   'categoryId', b."categoryId") AS metadata,
               b.rank * 1.0::double precision AS rank
        FROM (SELECT p.id, p.title, p.excerpt, p.slug, p."coverImage", p."authorId", p."authorName",
                     p."publishedAt", p."categoryId",
                     pg_catalog.ts_rank(p.search_vector, $1)::double precision AS rank
              FROM public.posts p
              WHERE p.id = ANY (ARRAY(SELECT pp.pool_id FROM post_pool pp))
              ORDER BY rank DESC, p.id
              LIMIT $2) b
        LEFT JOIN public.users u ON u.id = b."authorId"
    ), user_pool AS (
        SELECT u.id AS pool_id
        FROM public.users u
        WHERE $4 IN ('all', 'users')
          AND u.search_vector @@ $1
          AND NOT u.deleted
          AND u.status = 'ACTIVE'
        ORDER BY u."lastSeenAt" DESC, u.id DESC
        LIMIT $3
    ), user_hits AS (
        SELECT 'user'::text, b.id::text, b.username::text, b.bio::text,
               ('/users/' || b.username)::text, b.image::text,
               pg_catalog.jsonb_build_object('role', b.role, 'verified', b.verified, 'level', b.level),
               b.rank * 0.8::double precision
        FROM (SELECT u.id, u.username, u.bio, u.image, u.role, u.verified, u.level,
                     pg_catalog.ts_rank(u.search_vector, $1)::double precision AS rank
              FROM public.users u
              WHERE u.id = ANY (ARRAY(SELECT up.pool_id FROM user_pool up))
              ORDER BY rank DESC, u.id
              LIMIT $2) b
    ), group_pool AS (
        SELECT g.id AS pool_id
        FROM public.groups g
        WHERE $4 IN ('all', 'groups')
          AND g.search_vector @@ $1
          AND NOT g.deleted
          AND g.visibility <> 'HIDDEN'
        ORDER BY g."memberCount" DESC, g.id DESC
        LIMIT $3
    ), group_hits AS (
        SELECT 'group'::text, b.id::text, b.name::text, b.description::text,
               ('/groups/' || b.slug)::text, b."coverImage"::text,
               pg_catalog.jsonb_build_object('memberCount', b."memberCount", 'visibility', b.visibility,
                                             'verified', b."isVerified"),
               b.rank * 0.9::double precision
        FROM (SELECT g.id, g.name, g.description, g.slug, g."coverImage", g."memberCount", g.visibility,
                     g."isVerified", pg_catalog.ts_rank(g.search_vector, $1)::double precision AS rank
              FROM public.groups g
              WHERE g.id = ANY (ARRAY(SELECT gp.pool_id FROM group_pool gp))
              ORDER BY rank DESC, g.id
              LIMIT $2) b
    ), event_pool AS (
        SELECT e.id AS pool_id
        FROM public.events e
        WHERE $4 IN ('all', 'events')
          AND e.search_vector @@ $1
          AND NOT e.deleted
          AND e."isPublic"
          AND e.status IN ('SCHEDULED', 'LIVE', 'ENDED')
        ORDER BY e."startTime" DESC, e.id DESC
        LIMIT $3
    ), event_hits AS (
        SELECT 'event'::text, b.id::text, b.title::text, b.description::text,
               ('/events/' || b.slug)::text, b."bannerImage"::text,
               pg_catalog.jsonb_build_object('startTime', b."startTime", 'endTime', b."endTime",
                                             'eventType', b.type, 'isVirtual', b."isVirtual"),
               b.rank * 0.85::double precision
        FROM (SELECT e.id, e.title, e.description, e.slug, e."bannerImage", e."startTime", e."endTime",
                     e.type, e."isVirtual", pg_catalog.ts_rank(e.search_vector, $1)::double precision AS rank
              FROM public.events e
              WHERE e.id = ANY (ARRAY(SELECT ep.pool_id FROM event_pool ep))
              ORDER BY rank DESC, e.id
              LIMIT $2) b
    )
    SELECT h.result_type, h.id, h.title, h.description, h.url, h.image_url, h.metadata, h.rank
    FROM (
        SELECT * FROM post_hits
        UNION ALL SELECT * FROM user_hits
        UNION ALL SELECT * FROM group_hits
        UNION ALL SELECT * FROM event_hits
    ) h
    -- id breaks ties so that pages never overlap or skip rows.
    ORDER BY h.rank DESC, h.result_type, h.id
    LIMIT $5 OFFSET $6
    $sql$
    USING v_query, v_take, greatest(public.search_pool_size(), v_take), search_type, limit_count, offset_count;
END
$$;

-- The application searches; only sparkle_app (created by 001) may call it.
REVOKE ALL ON FUNCTION public.search_all(text, text, integer, integer) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sparkle_app') THEN
        GRANT EXECUTE ON FUNCTION public.search_all(text, text, integer, integer) TO sparkle_app;
    END IF;
END
$$;
