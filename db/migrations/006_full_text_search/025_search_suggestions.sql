-- Phase 006, part 2b: search_suggestions, for search-as-you-type (D72, D102).
--
-- Candidates are the visible post titles, usernames and group names (the rules of D7) that start with
-- the typed text, case-insensitively: a range scan of an index on lower(name) text_pattern_ops (040)
-- reads them in order and stops after a few dozen, however common the typed words are. Only when nothing
-- starts with the text (a misspelling: "dragonmastr") are trigram neighbours looked up instead
-- (pg_trgm's %, through its GIN indexes), as the plan's version did for every keystroke: that lookup
-- rechecks every title sharing enough trigrams (245 ms at scale 1 for a 14-letter prefix of common
-- words), so it is kept for the case a prefix cannot answer. Either way the candidates are ordered by
-- trigram similarity to the typed text, then by name.
--
-- pg_trgm lives in public (Prisma creates it there); its operator and functions are schema-qualified
-- so the fixed search_path cannot pick up a look-alike.

CREATE OR REPLACE FUNCTION public.search_suggestions(
    partial_query text,
    search_type   text    DEFAULT 'all',
    limit_count   integer DEFAULT 10)
RETURNS TABLE (suggestion text, result_type text, similarity double precision)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, public
-- Planned once per session, not per keystroke (D102). The app's logins plan every statement with its values
-- (plan_cache_mode = force_custom_plan, D101), and inside this function that meant planning both statements
-- (posts' 32 indexes included) on every call: 3.2 ms of a 3.2 ms call at scale 1, against 0.4 ms with the
-- plan kept. No plan here depends on the typed text: the prefix ranges walk their indexes in order and stop
-- at 50, and the trigram fallback always uses its GIN indexes.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_low  text;
    v_high text;
    v_last integer;
    -- Prefix matches read per source before ranking: enough for a page of ten from each.
    c_prefix_pool CONSTANT integer := 50;
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
    IF coalesce(btrim(partial_query), '') = '' OR limit_count = 0 THEN
        RETURN;
    END IF;

    -- "starts with v_low" as a range: lower(x) ~>=~ v_low AND lower(x) ~<~ v_high, where v_high is v_low with
    -- its last character replaced by the next code point. text_pattern_ops compares bytes and UTF-8 keeps
    -- code-point order in byte order, so the range is exactly the prefix matches: no LIKE escaping, and an
    -- index serves it from a generic plan too. (The next code point skips the surrogates; U+10FFFF has none.)
    v_low := lower(ltrim(partial_query));
    v_last := ascii(right(v_low, 1));
    IF v_last < 1114111 THEN
        v_high := left(v_low, -1) || chr(v_last + CASE WHEN v_last = 55295 THEN 2049 ELSE 1 END);
    END IF;

    IF v_high IS NOT NULL THEN
        RETURN QUERY
        WITH candidates AS (
            (SELECT DISTINCT x.candidate, 'post'::text AS kind
             FROM (SELECT p.title::text AS candidate
                   FROM public.posts p
                   WHERE search_type IN ('all', 'posts')
                     AND lower(p.title::text) OPERATOR(pg_catalog.~>=~) v_low
                     AND lower(p.title::text) OPERATOR(pg_catalog.~<~) v_high
                     AND p.published AND NOT p.deleted
                     AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
                   ORDER BY lower(p.title::text) USING OPERATOR(pg_catalog.~<~)
                   LIMIT c_prefix_pool) x)
            UNION ALL
            (SELECT u.username::text, 'user'::text
             FROM public.users u
             WHERE search_type IN ('all', 'users')
               AND lower(u.username::text) OPERATOR(pg_catalog.~>=~) v_low
               AND lower(u.username::text) OPERATOR(pg_catalog.~<~) v_high
               AND NOT u.deleted AND u.status = 'ACTIVE'
             ORDER BY lower(u.username::text) USING OPERATOR(pg_catalog.~<~)
             LIMIT c_prefix_pool)
            UNION ALL
            (SELECT DISTINCT x.candidate, 'group'::text
             FROM (SELECT g.name::text AS candidate
                   FROM public.groups g
                   WHERE search_type IN ('all', 'groups')
                     AND lower(g.name::text) OPERATOR(pg_catalog.~>=~) v_low
                     AND lower(g.name::text) OPERATOR(pg_catalog.~<~) v_high
                     AND NOT g.deleted AND g.visibility <> 'HIDDEN'
                   ORDER BY lower(g.name::text) USING OPERATOR(pg_catalog.~<~)
                   LIMIT c_prefix_pool) x)
        )
        SELECT c.candidate, c.kind, public.similarity(c.candidate, partial_query)::double precision
        FROM candidates c
        ORDER BY 3 DESC, 1, 2
        LIMIT limit_count;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;

    -- Nothing starts with the text: its trigram neighbours.
    RETURN QUERY
    WITH candidates AS (
        SELECT DISTINCT p.title::text AS candidate, 'post'::text AS kind
        FROM public.posts p
        WHERE search_type IN ('all', 'posts')
          AND p.title OPERATOR(public.%) partial_query
          AND p.published AND NOT p.deleted
          AND p."moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING')
        UNION ALL
        SELECT u.username::text, 'user'::text
        FROM public.users u
        WHERE search_type IN ('all', 'users')
          AND u.username OPERATOR(public.%) partial_query
          AND NOT u.deleted AND u.status = 'ACTIVE'
        UNION ALL
        SELECT DISTINCT g.name::text, 'group'::text
        FROM public.groups g
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

-- The application searches; only sparkle_app (created by 001) may call it.
REVOKE ALL ON FUNCTION public.search_suggestions(text, text, integer) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sparkle_app') THEN
        GRANT EXECUTE ON FUNCTION public.search_suggestions(text, text, integer) TO sparkle_app;
    END IF;
END
$$;
