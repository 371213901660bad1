-- Phase 006, part 2: search_all and search_suggestions.
--
-- Visibility (open decision 7, docs/DECISIONS.md D7):
--   post  : published, not deleted, "moderationStatus" in (APPROVED, AUTO_APPROVED, PENDING)
--           — PENDING is the default of every new post on a post-moderated platform; REJECTED,
--           SHADOW_BANNED, ESCALATED and UNDER_REVIEW posts are not offered to searchers.
--   user  : not deleted, status ACTIVE.
--   group : not deleted, visibility <> HIDDEN (PRIVATE and INVITE_ONLY groups are listed so people
--           can ask to join; their content is not searched here).
--   event : not deleted, "isPublic", status in (SCHEDULED, LIVE, ENDED) — DRAFT and CANCELLED are not.

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
    IF numnode(v_query) = 0 THEN
        RETURN;
    END IF;
    -- Each source keeps only its best offset+limit rows: the global page is always inside that union.
    v_take := offset_count + limit_count;

    RETURN QUERY
    WITH post_hits AS (
        SELECT 'post'::text AS result_type, p.id::text AS id, p.title::text AS title,
               p.excerpt::text AS description, ('/posts/' || p.slug)::text AS url,
               p."coverImage"::text AS image_url,
               jsonb_build_object(
                   'authorName', coalesce(u.username::text, p."authorName"),
                   'publishedAt', p."publishedAt",
                   'categoryId', p."categoryId") AS metadata,
               (ts_rank(p.search_vector, v_query)::double precision * 1.0::double precision) AS rank
        FROM posts p
        LEFT JOIN users u ON u.id = p."authorId"
        WHERE search_type IN ('all', 'posts')
          AND p.search_vector @@ v_query
          AND p.published
          AND NOT p.deleted
          AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
        ORDER BY 8 DESC, 2
        LIMIT v_take
    ), user_hits AS (
        SELECT 'user'::text, u.id::text, u.username::text, u.bio::text,
               ('/users/' || u.username)::text, u.image::text,
               jsonb_build_object('role', u.role, 'verified', u.verified, 'level', u.level),
               (ts_rank(u.search_vector, v_query)::double precision * 0.8::double precision)
        FROM users u
        WHERE search_type IN ('all', 'users')
          AND u.search_vector @@ v_query
          AND NOT u.deleted
          AND u.status = 'ACTIVE'
        ORDER BY 8 DESC, 2
        LIMIT v_take
    ), group_hits AS (
        SELECT 'group'::text, g.id::text, g.name::text, g.description::text,
               ('/groups/' || g.slug)::text, g."coverImage"::text,
               jsonb_build_object('memberCount', g."memberCount", 'visibility', g.visibility,
                                  'verified', g."isVerified"),
               (ts_rank(g.search_vector, v_query)::double precision * 0.9::double precision)
        FROM groups g
        WHERE search_type IN ('all', 'groups')
          AND g.search_vector @@ v_query
          AND NOT g.deleted
          AND g.visibility <> 'HIDDEN'
        ORDER BY 8 DESC, 2
        LIMIT v_take
    ), event_hits AS (
        SELECT 'event'::text, e.id::text, e.title::text, e.description::text,
               ('/events/' || e.slug)::text, e."bannerImage"::text,
               jsonb_build_object('startTime', e."startTime", 'endTime', e."endTime",
                                  'eventType', e.type, 'isVirtual', e."isVirtual"),
               (ts_rank(e.search_vector, v_query)::double precision * 0.85::double precision)
        FROM events e
        WHERE search_type IN ('all', 'events')
          AND e.search_vector @@ v_query
          AND NOT e.deleted
          AND e."isPublic"
          AND e.status IN ('SCHEDULED', 'LIVE', 'ENDED')
        ORDER BY 8 DESC, 2
        LIMIT v_take
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
    LIMIT limit_count OFFSET offset_count;
END
$$;

-- Trigram suggestions. pg_trgm lives in public (Prisma creates it there); the operator and the
-- function are schema-qualified so the fixed search_path cannot pick up a look-alike.
CREATE OR REPLACE FUNCTION public.search_suggestions(
    partial_query text,
    search_type   text    DEFAULT 'all',
    limit_count   integer DEFAULT 10)
RETURNS TABLE (suggestion text, result_type text, similarity double precision)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF octet_length(partial_query) > 200 OR octet_length(search_type) > 16 THEN
        RAISE EXCEPTION 'search_suggestions: partial_query is % bytes and search_type % bytes; the limits are 200 and 16',
                octet_length(partial_query), octet_length(search_type)
            USING ERRCODE = '22001';
    END IF;
    IF limit_count > 50 THEN
        RAISE EXCEPTION 'search_suggestions: limit_count is %; the limit is 50', limit_count
            USING ERRCODE = '22023';
    END IF;
    IF search_type IS NULL OR search_type NOT IN ('all', 'posts', 'users', 'groups') THEN
        RAISE EXCEPTION 'search_suggestions: search_type must be all, posts, users or groups (got %)', search_type
            USING ERRCODE = '22023';
    END IF;
    IF limit_count IS NULL OR limit_count < 0 THEN
        RAISE EXCEPTION 'search_suggestions: limit_count must be non-negative' USING ERRCODE = '22023';
    END IF;
    IF coalesce(btrim(partial_query), '') = '' THEN
        RETURN;
    END IF;

    RETURN QUERY
    WITH candidates AS (
        SELECT DISTINCT p.title::text AS candidate, 'post'::text AS kind
        FROM posts p
        WHERE search_type IN ('all', 'posts')
          AND p.title OPERATOR(public.%) partial_query
          AND p.published AND NOT p.deleted
        UNION ALL
        SELECT DISTINCT u.username::text, 'user'::text
        FROM users u
        WHERE search_type IN ('all', 'users')
          AND u.username OPERATOR(public.%) partial_query
          AND NOT u.deleted AND u.status = 'ACTIVE'
        UNION ALL
        SELECT DISTINCT g.name::text, 'group'::text
        FROM groups g
        WHERE search_type IN ('all', 'groups')
          AND g.name OPERATOR(public.%) partial_query
          AND NOT g.deleted AND g.visibility <> 'HIDDEN'
    ), scored AS (
        SELECT c.candidate, c.kind,
               public.similarity(c.candidate, partial_query)::double precision AS score
        FROM candidates c
    )
    SELECT s.candidate, s.kind, s.score
    FROM scored s
    WHERE s.score > 0.1
    ORDER BY s.score DESC, s.candidate, s.kind
    LIMIT limit_count;
END
$$;

-- The application searches; only sparkle_app (created by 001) may call these.
REVOKE ALL ON FUNCTION public.search_all(text, text, integer, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION public.search_suggestions(text, text, integer) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sparkle_app') THEN
        GRANT EXECUTE ON FUNCTION public.search_all(text, text, integer, integer) TO sparkle_app;
        GRANT EXECUTE ON FUNCTION public.search_suggestions(text, text, integer) TO sparkle_app;
    END IF;
END
$$;
