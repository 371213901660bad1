-- Phase 005, part 5: the triggers that keep the owned counters (010) equal to their recounts (020).
--
-- | trigger                                   | table     | timing, level         | does                                             |
-- |-------------------------------------------|-----------|-----------------------|--------------------------------------------------|
-- | maintain_post_counters_insert / _delete   | posts     | AFTER, statement      | totalPosts, categories."postCount", FIRST_POST,  |
-- | maintain_post_counters_update             | posts     | AFTER, row, WHEN live | PROLIFIC_WRITER; likes received on author change |
-- | release_deleted_post                      | posts     | BEFORE DELETE, row    | likes received and tags."postCount" of the post  |
-- | maintain_follow_counters_insert / _delete | follows   | AFTER, statement      | totalFollowers/totalFollowing, follower badges   |
-- | maintain_follow_counters_update           | follows   | AFTER, row, WHEN ids  |                                                  |
-- | maintain_reaction_counters_insert/_delete | reactions | AFTER, statement      | post_stats reactions, likes given and received,  |
-- | maintain_reaction_counters_update         | reactions | AFTER, row, WHEN keys | WELL_LIKED                                       |
-- | maintain_comment_counters_insert/_delete  | comments  | AFTER, statement      | commentCount, totalComments                      |
-- | maintain_comment_counters_update          | comments  | AFTER, row, WHEN keys | (and likes received on author change)            |
-- | release_deleted_comment                   | comments  | BEFORE DELETE, row    | likes received for the comment's LIKEs           |
-- | maintain_bookmark_counters_insert/_delete | bookmarks | AFTER, statement      | bookmarkCount                                    |
-- | maintain_bookmark_counters_update         | bookmarks | AFTER, row, WHEN post |                                                  |
-- | maintain_tag_counters_insert / _delete    | post_tags | AFTER, statement      | tags."postCount"                                 |
-- | maintain_tag_counters_update              | post_tags | AFTER, row, WHEN keys |                                                  |
--
-- Shape (docs/DECISIONS.md D61, D80): each trigger function turns the statement's rows into two arrays
-- of small change records (rows after, rows before) and calls one apply function per table that sums
-- them into one delta per counter row and applies the deltas in key order: post_stats rows by "postId",
-- then user_stats rows by "userId", then categories and tags by id. Two writers therefore lock counter
-- rows in the same order (no deadlock between multi-row statements), a missing stats row is created from
-- a recount that already includes the statement's rows, and all SQL is static (plans are cached).
-- INSERT and DELETE use statement-level triggers with transition tables (one call per statement);
-- UPDATE uses a row-level trigger whose WHEN clause lets through only the rare updates that move a
-- counter (a post edit, a view count or a comment edit costs nothing here).
--
-- Hard deletes: a reaction removed by the cascade of a hard-deleted post or comment can no longer be
-- attributed to the author (the parent row is gone when the cascade's triggers run), so the parent's
-- BEFORE DELETE trigger takes its likes off the author's count first, and the reaction triggers skip
-- reactions whose parent is gone. The same holds for the tags of a hard-deleted post.

DO $$
BEGIN
    CREATE TYPE sparkle_db.post_change AS (post_id text, author_id text, category_id text, live boolean);
EXCEPTION WHEN duplicate_object THEN NULL;
END;
$$;
DO $$
BEGIN
    CREATE TYPE sparkle_db.follow_change AS (follower_id text, following_id text);
EXCEPTION WHEN duplicate_object THEN NULL;
END;
$$;
DO $$
BEGIN
    CREATE TYPE sparkle_db.reaction_change AS (post_id text, comment_id text, user_id text, type public."ReactionType");
EXCEPTION WHEN duplicate_object THEN NULL;
END;
$$;
DO $$
BEGIN
    CREATE TYPE sparkle_db.comment_change AS (comment_id text, post_id text, author_id text, live boolean);
EXCEPTION WHEN duplicate_object THEN NULL;
END;
$$;
DO $$
BEGIN
    CREATE TYPE sparkle_db.link_change AS (post_id text, other_id text);
EXCEPTION WHEN duplicate_object THEN NULL;
END;
$$;

-- Achievements are checked where a counter crosses their threshold -----------------------------------------
-- A user becomes eligible for FIRST_POST, PROLIFIC_WRITER, the follower badges and WELL_LIKED in the statement
-- whose delta carries a counter from below the threshold to at or above it (old < threshold <= new), so only
-- that statement runs the eligibility check; a like on a popular author's post, the common case, runs none
-- (docs/DECISIONS.md D97). p_after is the counter as apply_user_stats_delta left it (a row created from a
-- recount includes the statement, so p_after - p_delta is the count before it). Without a stats row (a
-- row-level update does not create one) the counter is unknown here and every listed code is checked.
CREATE OR REPLACE FUNCTION sparkle_db.award_crossed_achievements(p_user_id text, p_after integer, p_delta integer,
                                                                 p_codes text[])
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_codes text[];
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'award_crossed_achievements: p_user_id is % bytes; ids are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF p_after IS NULL THEN
        v_codes := p_codes;
    ELSIF p_delta > 0 THEN
        SELECT array_agg(c.code ORDER BY c.ord) INTO v_codes
          FROM unnest(p_codes) WITH ORDINALITY AS c(code, ord)
         WHERE p_after >= sparkle_db.achievement_threshold(c.code)
           AND p_after - p_delta < sparkle_db.achievement_threshold(c.code);
    END IF;
    IF v_codes IS NOT NULL THEN
        PERFORM public.award_eligible_achievements(p_user_id, v_codes);
    END IF;
END;
$$;

COMMENT ON FUNCTION sparkle_db.award_crossed_achievements(text, integer, integer, text[]) IS
    'Checks and grants the listed counted achievements whose threshold the delta crossed (all of them when the counter is unknown).';

-- posts -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sparkle_db.apply_post_changes(p_new sparkle_db.post_change[], p_old sparkle_db.post_change[],
                                                         p_create boolean)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rec     record;
    v_row   public.user_stats;
    v_users text[] := '{}';
    v_after integer[] := '{}';
    v_delta integer[] := '{}';
BEGIN
    -- A post counts for its author and category while it is published and not deleted ("live"). An author
    -- who gained a live post (insert, publish, undelete, or a change of author) gets "lastActivityAt" and,
    -- when "totalPosts" crossed a threshold, an achievement check.

    -- Fast path (D97): one post inserted or deleted by the statement, as the app writes them. Same rules and lock
    -- order (user_stats, then categories, then the grant) as the general path below.
    IF COALESCE(cardinality(p_new), 0) + COALESCE(cardinality(p_old), 0) = 1 THEN
        IF p_new IS NOT NULL AND cardinality(p_new) = 1 THEN
            IF p_new[1].live THEN
                IF p_new[1].author_id IS NOT NULL THEN
                    v_row := public.apply_user_stats_delta(p_new[1].author_id, 1, 0, 0, 0, 0, 0, true, p_create);
                END IF;
                IF p_new[1].category_id IS NOT NULL THEN
                    PERFORM public.apply_count_delta('categories', p_new[1].category_id, 1);
                END IF;
                IF p_new[1].author_id IS NOT NULL THEN
                    PERFORM sparkle_db.award_crossed_achievements(p_new[1].author_id, v_row."totalPosts", 1,
                                                                  ARRAY['FIRST_POST', 'PROLIFIC_WRITER']);
                END IF;
            END IF;
        ELSIF p_old[1].live THEN
            IF p_old[1].author_id IS NOT NULL THEN
                PERFORM public.apply_user_stats_delta(p_old[1].author_id, -1, 0, 0, 0, 0, 0, false, p_create);
            END IF;
            IF p_old[1].category_id IS NOT NULL THEN
                PERFORM public.apply_count_delta('categories', p_old[1].category_id, -1);
            END IF;
        END IF;
        RETURN;
    END IF;

    FOR rec IN
        WITH after_rows AS (SELECT * FROM unnest(p_new)), before_rows AS (SELECT * FROM unnest(p_old))
        SELECT x.user_id, sum(x.delta)::integer AS delta, bool_or(x.gained) AS gained
          FROM (SELECT a.author_id AS user_id, 1 AS delta,
                       NOT EXISTS (SELECT 1 FROM before_rows b
                                    WHERE b.post_id = a.post_id AND b.live AND b.author_id = a.author_id) AS gained
                  FROM after_rows a WHERE a.live
                UNION ALL
                SELECT b.author_id, -1, false FROM before_rows b WHERE b.live) x
         WHERE x.user_id IS NOT NULL
         GROUP BY x.user_id
        HAVING sum(x.delta) <> 0 OR bool_or(x.gained)
         ORDER BY x.user_id
    LOOP
        v_row := public.apply_user_stats_delta(rec.user_id, rec.delta, 0, 0, 0, 0, 0, rec.gained, p_create);
        IF rec.delta > 0 THEN
            v_users := v_users || rec.user_id;
            v_after := v_after || v_row."totalPosts";
            v_delta := v_delta || rec.delta;
        END IF;
    END LOOP;

    FOR rec IN
        SELECT x.category_id, sum(x.delta)::integer AS delta
          FROM (SELECT a.category_id, 1 AS delta FROM unnest(p_new) a WHERE a.live
                UNION ALL
                SELECT b.category_id, -1 FROM unnest(p_old) b WHERE b.live) x
         WHERE x.category_id IS NOT NULL
         GROUP BY x.category_id
        HAVING sum(x.delta) <> 0
         ORDER BY x.category_id
    LOOP
        PERFORM public.apply_count_delta('categories', rec.category_id, rec.delta);
    END LOOP;

    -- Grants after all counters of the statement are written (lock order: counters first).
    FOR i IN 1..cardinality(v_users) LOOP
        PERFORM sparkle_db.award_crossed_achievements(v_users[i], v_after[i], v_delta[i],
                                                      ARRAY['FIRST_POST', 'PROLIFIC_WRITER']);
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION public.maintain_post_counters()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_new sparkle_db.post_change[];
    v_old sparkle_db.post_change[];
    rec   record;
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        v_new := ARRAY[ROW(NEW.id, NEW."authorId", NEW."categoryId", NEW.published AND NOT NEW.deleted)::sparkle_db.post_change];
        v_old := ARRAY[ROW(OLD.id, OLD."authorId", OLD."categoryId", OLD.published AND NOT OLD.deleted)::sparkle_db.post_change];
        -- The post's tags count it while it is live.
        IF (NEW.published AND NOT NEW.deleted) IS DISTINCT FROM (OLD.published AND NOT OLD.deleted) THEN
            FOR rec IN SELECT pt."tagId" AS tag_id FROM public.post_tags pt WHERE pt."postId" = NEW.id ORDER BY 1 LOOP
                PERFORM public.apply_count_delta('tags', rec.tag_id,
                                                 CASE WHEN NEW.published AND NOT NEW.deleted THEN 1 ELSE -1 END);
            END LOOP;
        END IF;
        -- A post given to another author takes its reactions (likes received) with it.
        IF NEW."authorId" IS DISTINCT FROM OLD."authorId" THEN
            FOR rec IN
                SELECT u.user_id, u.delta
                  FROM (SELECT OLD."authorId" AS user_id,
                               -(SELECT count(*) FROM public.reactions r
                                  WHERE r."postId" = NEW.id AND r."userId" <> OLD."authorId")::integer AS delta
                        UNION ALL
                        SELECT NEW."authorId",
                               (SELECT count(*) FROM public.reactions r
                                 WHERE r."postId" = NEW.id AND r."userId" <> NEW."authorId")::integer) u
                 WHERE u.user_id IS NOT NULL AND u.delta <> 0
                 ORDER BY u.user_id
            LOOP
                PERFORM public.apply_user_stats_delta(rec.user_id, 0, 0, 0, 0, 0, rec.delta, false, false);
            END LOOP;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(ROW(n.id, n."authorId", n."categoryId", n.published AND NOT n.deleted)::sparkle_db.post_change)
          INTO v_new FROM new_rows n;
    ELSE
        SELECT array_agg(ROW(o.id, o."authorId", o."categoryId", o.published AND NOT o.deleted)::sparkle_db.post_change)
          INTO v_old FROM old_rows o;
    END IF;
    PERFORM sparkle_db.apply_post_changes(v_new, v_old, TG_LEVEL = 'STATEMENT');
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.release_deleted_post()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_likes integer;
    rec     record;
BEGIN
    -- Runs before the cascade removes the post's reactions and tags (see the header).
    IF OLD."authorId" IS NOT NULL THEN
        -- Lock the author's counters first, then count: a reaction that committed while we waited is
        -- counted, and one that has not yet inserted waits for the post (its foreign key) until we commit.
        PERFORM 1 FROM public.user_stats st WHERE st."userId" = OLD."authorId" FOR NO KEY UPDATE;
        SELECT count(*) INTO v_likes FROM public.reactions r
         WHERE r."postId" = OLD.id AND r."userId" <> OLD."authorId";
        IF v_likes > 0 THEN
            PERFORM public.apply_user_stats_delta(OLD."authorId", 0, 0, 0, 0, 0, -v_likes, false, false);
        END IF;
    END IF;
    IF OLD.published AND NOT OLD.deleted THEN
        FOR rec IN SELECT pt."tagId" AS tag_id FROM public.post_tags pt WHERE pt."postId" = OLD.id ORDER BY 1 LOOP
            PERFORM public.apply_count_delta('tags', rec.tag_id, -1);
        END LOOP;
    END IF;
    RETURN OLD;
END;
$$;

-- follows -----------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.maintain_follow_counters()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_new   sparkle_db.follow_change[];
    v_old   sparkle_db.follow_change[];
    rec     record;
    v_row   public.user_stats;
    v_users text[] := '{}';
    v_after integer[] := '{}';
    v_delta integer[] := '{}';
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        v_new := ARRAY[ROW(NEW."followerId", NEW."followingId")::sparkle_db.follow_change];
        v_old := ARRAY[ROW(OLD."followerId", OLD."followingId")::sparkle_db.follow_change];
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(ROW(n."followerId", n."followingId")::sparkle_db.follow_change) INTO v_new FROM new_rows n;
    ELSE
        SELECT array_agg(ROW(o."followerId", o."followingId")::sparkle_db.follow_change) INTO v_old FROM old_rows o;
    END IF;

    -- Both users' rows in "userId" order whatever the direction, so A->B and B->A at once cannot deadlock.
    FOR rec IN
        SELECT x.user_id, sum(x.followers)::integer AS followers, sum(x.following)::integer AS following
          FROM (SELECT a.following_id AS user_id, 1 AS followers, 0 AS following FROM unnest(v_new) a
                UNION ALL SELECT a.follower_id, 0, 1 FROM unnest(v_new) a
                UNION ALL SELECT b.following_id, -1, 0 FROM unnest(v_old) b
                UNION ALL SELECT b.follower_id, 0, -1 FROM unnest(v_old) b) x
         GROUP BY x.user_id
        HAVING sum(x.followers) <> 0 OR sum(x.following) <> 0
         ORDER BY x.user_id
    LOOP
        v_row := public.apply_user_stats_delta(rec.user_id, 0, 0, rec.followers, rec.following, 0, 0, false,
                                               TG_LEVEL = 'STATEMENT');
        IF rec.followers > 0 THEN
            v_users := v_users || rec.user_id;
            v_after := v_after || v_row."totalFollowers";
            v_delta := v_delta || rec.followers;
        END IF;
    END LOOP;

    FOR i IN 1..cardinality(v_users) LOOP
        PERFORM sparkle_db.award_crossed_achievements(v_users[i], v_after[i], v_delta[i],
                                                      ARRAY['FIRST_FOLLOWER', 'SOCIAL_BUTTERFLY', 'INFLUENCER']);
    END LOOP;
    RETURN NULL;
END;
$$;

-- reactions ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION sparkle_db.apply_reaction_changes(p_new sparkle_db.reaction_change[],
                                                             p_old sparkle_db.reaction_change[],
                                                             p_create boolean)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rec      record;
    v_row    public.user_stats;
    v_one    sparkle_db.reaction_change;
    v_sign   integer;
    v_author text;
BEGIN
    -- Fast path (D97): the app writes one reaction on a post per statement. One change, or one row updated in place
    -- on the same post by the same user (a type change), is applied without the grouping queries below, in the
    -- same lock order (post_stats, then user_stats by "userId") and with the same rules.
    IF COALESCE(cardinality(p_new), 0) + COALESCE(cardinality(p_old), 0) = 1 THEN
        v_one  := COALESCE(p_new[1], p_old[1]);
        v_sign := CASE WHEN p_new IS NOT NULL AND cardinality(p_new) = 1 THEN 1 ELSE -1 END;
    ELSIF cardinality(p_new) = 1 AND cardinality(p_old) = 1 AND p_new[1].comment_id IS NULL AND p_old[1].comment_id IS NULL
          AND p_new[1].post_id = p_old[1].post_id AND p_new[1].user_id = p_old[1].user_id THEN
        IF p_new[1].type IS DISTINCT FROM p_old[1].type THEN
            PERFORM public.apply_post_stats_delta(p_new[1].post_id, 0,
                (p_new[1].type = 'LIKE')::integer - (p_old[1].type = 'LIKE')::integer,
                (p_new[1].type = 'LOVE')::integer - (p_old[1].type = 'LOVE')::integer,
                (p_new[1].type = 'FIRE')::integer - (p_old[1].type = 'FIRE')::integer, 0, 0, p_create);
        END IF;
        RETURN;
    END IF;
    IF v_one.post_id IS NOT NULL AND v_one.comment_id IS NULL AND v_one.user_id IS NOT NULL THEN
        PERFORM public.apply_post_stats_delta(v_one.post_id, v_sign, v_sign * (v_one.type = 'LIKE')::integer,
                                              v_sign * (v_one.type = 'LOVE')::integer,
                                              v_sign * (v_one.type = 'FIRE')::integer, 0, 0, p_create);
        -- A post that is gone (a cascade) was accounted for by its BEFORE DELETE trigger: no author then.
        SELECT p."authorId" INTO v_author FROM public.posts p WHERE p.id = v_one.post_id;
        IF v_author IS NULL OR v_author = v_one.user_id THEN
            PERFORM public.apply_user_stats_delta(v_one.user_id, 0, 0, 0, 0, v_sign, 0, false, p_create);
            RETURN;
        END IF;
        IF v_one.user_id < v_author THEN
            PERFORM public.apply_user_stats_delta(v_one.user_id, 0, 0, 0, 0, v_sign, 0, false, p_create);
        END IF;
        v_row := public.apply_user_stats_delta(v_author, 0, 0, 0, 0, 0, v_sign, false, p_create);
        IF v_sign > 0 THEN
            PERFORM sparkle_db.award_crossed_achievements(v_author, v_row."totalLikesReceived", 1, ARRAY['WELL_LIKED']);
        END IF;
        IF v_one.user_id > v_author THEN
            PERFORM public.apply_user_stats_delta(v_one.user_id, 0, 0, 0, 0, v_sign, 0, false, p_create);
        END IF;
        RETURN;
    END IF;

    FOR rec IN
        SELECT c.post_id, sum(c.sign)::integer AS r,
               (sum(c.sign) FILTER (WHERE c.type = 'LIKE'))::integer AS l,
               (sum(c.sign) FILTER (WHERE c.type = 'LOVE'))::integer AS lv,
               (sum(c.sign) FILTER (WHERE c.type = 'FIRE'))::integer AS f
          FROM (SELECT a.*, 1 AS sign FROM unnest(p_new) a UNION ALL SELECT b.*, -1 FROM unnest(p_old) b) c
         WHERE c.post_id IS NOT NULL
         GROUP BY c.post_id
        HAVING sum(c.sign) <> 0 OR sum(c.sign) FILTER (WHERE c.type = 'LIKE') <> 0
            OR sum(c.sign) FILTER (WHERE c.type = 'LOVE') <> 0 OR sum(c.sign) FILTER (WHERE c.type = 'FIRE') <> 0
         ORDER BY c.post_id
    LOOP
        PERFORM public.apply_post_stats_delta(rec.post_id, rec.r, COALESCE(rec.l, 0), COALESCE(rec.lv, 0),
                                              COALESCE(rec.f, 0), 0, 0, p_create);
    END LOOP;

    -- Likes given by the reacting user (reactions on posts); likes received by the post's author (any
    -- type) or the comment's author (LIKE), never for one's own post or comment. A parent that is gone
    -- was accounted for by its BEFORE DELETE trigger.
    FOR rec IN
        WITH c AS (SELECT a.*, 1 AS sign FROM unnest(p_new) a UNION ALL SELECT b.*, -1 FROM unnest(p_old) b)
        SELECT x.user_id, sum(x.given)::integer AS given, sum(x.received)::integer AS received
          FROM (SELECT c.user_id, c.sign AS given, 0 AS received FROM c WHERE c.post_id IS NOT NULL
                UNION ALL
                SELECT p."authorId", 0, c.sign FROM c JOIN public.posts p ON p.id = c.post_id
                 WHERE c.user_id <> p."authorId"
                UNION ALL
                SELECT cm."authorId", 0, c.sign FROM c JOIN public.comments cm ON cm.id = c.comment_id
                 WHERE c.type = 'LIKE' AND c.user_id <> cm."authorId") x
         WHERE x.user_id IS NOT NULL
         GROUP BY x.user_id
        HAVING sum(x.given) <> 0 OR sum(x.received) <> 0
         ORDER BY x.user_id
    LOOP
        v_row := public.apply_user_stats_delta(rec.user_id, 0, 0, 0, 0, rec.given, rec.received, false, p_create);
        IF rec.received > 0 THEN
            PERFORM sparkle_db.award_crossed_achievements(rec.user_id, v_row."totalLikesReceived", rec.received,
                                                          ARRAY['WELL_LIKED']);
        END IF;
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION public.maintain_reaction_counters()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_new sparkle_db.reaction_change[];
    v_old sparkle_db.reaction_change[];
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        v_new := ARRAY[ROW(NEW."postId", NEW."commentId", NEW."userId", NEW.type)::sparkle_db.reaction_change];
        v_old := ARRAY[ROW(OLD."postId", OLD."commentId", OLD."userId", OLD.type)::sparkle_db.reaction_change];
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(ROW(n."postId", n."commentId", n."userId", n.type)::sparkle_db.reaction_change)
          INTO v_new FROM new_rows n;
    ELSE
        SELECT array_agg(ROW(o."postId", o."commentId", o."userId", o.type)::sparkle_db.reaction_change)
          INTO v_old FROM old_rows o;
    END IF;
    PERFORM sparkle_db.apply_reaction_changes(v_new, v_old, TG_LEVEL = 'STATEMENT');
    RETURN NULL;
END;
$$;

-- comments ----------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.maintain_comment_counters()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_new  sparkle_db.comment_change[];
    v_old  sparkle_db.comment_change[];
    rec    record;
    v_one  sparkle_db.comment_change;
    v_sign integer;
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        v_new := ARRAY[ROW(NEW.id, NEW."postId", NEW."authorId", NOT NEW.deleted)::sparkle_db.comment_change];
        v_old := ARRAY[ROW(OLD.id, OLD."postId", OLD."authorId", NOT OLD.deleted)::sparkle_db.comment_change];
        -- A comment given to another author (or none: the author's account was deleted) takes its LIKEs along.
        IF NEW."authorId" IS DISTINCT FROM OLD."authorId" THEN
            FOR rec IN
                SELECT u.user_id, u.delta
                  FROM (SELECT OLD."authorId" AS user_id,
                               -(SELECT count(*) FROM public.reactions r
                                  WHERE r."commentId" = NEW.id AND r.type = 'LIKE'
                                    AND r."userId" <> OLD."authorId")::integer AS delta
                        UNION ALL
                        SELECT NEW."authorId",
                               (SELECT count(*) FROM public.reactions r
                                 WHERE r."commentId" = NEW.id AND r.type = 'LIKE'
                                   AND r."userId" <> NEW."authorId")::integer) u
                 WHERE u.user_id IS NOT NULL AND u.delta <> 0
                 ORDER BY u.user_id
            LOOP
                PERFORM public.apply_user_stats_delta(rec.user_id, 0, 0, 0, 0, 0, rec.delta, false, false);
            END LOOP;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(ROW(n.id, n."postId", n."authorId", NOT n.deleted)::sparkle_db.comment_change)
          INTO v_new FROM new_rows n;
    ELSE
        SELECT array_agg(ROW(o.id, o."postId", o."authorId", NOT o.deleted)::sparkle_db.comment_change)
          INTO v_old FROM old_rows o;
    END IF;

    -- Fast path (D97): one comment inserted or deleted by the statement, as the app writes them (same rules and
    -- lock order as below: post_stats, then user_stats).
    IF TG_LEVEL = 'STATEMENT' AND COALESCE(cardinality(v_new), 0) + COALESCE(cardinality(v_old), 0) = 1 THEN
        v_one  := COALESCE(v_new[1], v_old[1]);
        v_sign := CASE WHEN v_new IS NOT NULL THEN 1 ELSE -1 END;
        IF v_one.live THEN
            IF v_one.post_id IS NOT NULL THEN
                PERFORM public.apply_post_stats_delta(v_one.post_id, 0, 0, 0, 0, v_sign, 0, true);
            END IF;
            IF v_one.author_id IS NOT NULL THEN
                PERFORM public.apply_user_stats_delta(v_one.author_id, 0, v_sign, 0, 0, 0, 0, false, true);
            END IF;
        END IF;
        RETURN NULL;
    END IF;

    FOR rec IN
        SELECT x.post_id, sum(x.delta)::integer AS delta
          FROM (SELECT a.post_id, 1 AS delta FROM unnest(v_new) a WHERE a.live
                UNION ALL SELECT b.post_id, -1 FROM unnest(v_old) b WHERE b.live) x
         GROUP BY x.post_id
        HAVING sum(x.delta) <> 0
         ORDER BY x.post_id
    LOOP
        PERFORM public.apply_post_stats_delta(rec.post_id, 0, 0, 0, 0, rec.delta, 0, TG_LEVEL = 'STATEMENT');
    END LOOP;

    FOR rec IN
        SELECT x.user_id, sum(x.delta)::integer AS delta
          FROM (SELECT a.author_id AS user_id, 1 AS delta FROM unnest(v_new) a WHERE a.live
                UNION ALL SELECT b.author_id, -1 FROM unnest(v_old) b WHERE b.live) x
         WHERE x.user_id IS NOT NULL
         GROUP BY x.user_id
        HAVING sum(x.delta) <> 0
         ORDER BY x.user_id
    LOOP
        PERFORM public.apply_user_stats_delta(rec.user_id, 0, rec.delta, 0, 0, 0, 0, false, TG_LEVEL = 'STATEMENT');
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.release_deleted_comment()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_likes integer;
BEGIN
    -- Runs before the cascade removes the comment's reactions (see the header; lock first, then count).
    IF OLD."authorId" IS NOT NULL THEN
        PERFORM 1 FROM public.user_stats st WHERE st."userId" = OLD."authorId" FOR NO KEY UPDATE;
        SELECT count(*) INTO v_likes FROM public.reactions r
         WHERE r."commentId" = OLD.id AND r.type = 'LIKE' AND r."userId" <> OLD."authorId";
        IF v_likes > 0 THEN
            PERFORM public.apply_user_stats_delta(OLD."authorId", 0, 0, 0, 0, 0, -v_likes, false, false);
        END IF;
    END IF;
    RETURN OLD;
END;
$$;

-- bookmarks and post_tags: links from a post to something else ------------------------------------------
CREATE OR REPLACE FUNCTION public.maintain_link_counters()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_new sparkle_db.link_change[];
    v_old sparkle_db.link_change[];
    rec   record;
BEGIN
    -- bookmarks -> post_stats."bookmarkCount"; post_tags -> tags."postCount" (live posts only).
    IF TG_TABLE_NAME = 'bookmarks' THEN
        IF TG_LEVEL = 'ROW' THEN
            v_new := ARRAY[ROW(NEW."postId", NEW."userId")::sparkle_db.link_change];
            v_old := ARRAY[ROW(OLD."postId", OLD."userId")::sparkle_db.link_change];
        ELSIF TG_OP = 'INSERT' THEN
            SELECT array_agg(ROW(n."postId", n."userId")::sparkle_db.link_change) INTO v_new FROM new_rows n;
        ELSE
            SELECT array_agg(ROW(o."postId", o."userId")::sparkle_db.link_change) INTO v_old FROM old_rows o;
        END IF;
        FOR rec IN
            SELECT x.post_id, sum(x.delta)::integer AS delta
              FROM (SELECT a.post_id, 1 AS delta FROM unnest(v_new) a
                    UNION ALL SELECT b.post_id, -1 FROM unnest(v_old) b) x
             GROUP BY x.post_id
            HAVING sum(x.delta) <> 0
             ORDER BY x.post_id
        LOOP
            PERFORM public.apply_post_stats_delta(rec.post_id, 0, 0, 0, 0, 0, rec.delta, TG_LEVEL = 'STATEMENT');
        END LOOP;
    ELSIF TG_TABLE_NAME = 'post_tags' THEN
        IF TG_LEVEL = 'ROW' THEN
            v_new := ARRAY[ROW(NEW."postId", NEW."tagId")::sparkle_db.link_change];
            v_old := ARRAY[ROW(OLD."postId", OLD."tagId")::sparkle_db.link_change];
        ELSIF TG_OP = 'INSERT' THEN
            SELECT array_agg(ROW(n."postId", n."tagId")::sparkle_db.link_change) INTO v_new FROM new_rows n;
        ELSE
            SELECT array_agg(ROW(o."postId", o."tagId")::sparkle_db.link_change) INTO v_old FROM old_rows o;
        END IF;
        -- A post that is gone (hard delete cascading here) was taken off its tags by release_deleted_post.
        FOR rec IN
            SELECT x.tag_id, sum(x.delta)::integer AS delta
              FROM (SELECT a.other_id AS tag_id, a.post_id, 1 AS delta FROM unnest(v_new) a
                    UNION ALL SELECT b.other_id, b.post_id, -1 FROM unnest(v_old) b) x
              JOIN public.posts p ON p.id = x.post_id AND p.published AND NOT p.deleted
             GROUP BY x.tag_id
            HAVING sum(x.delta) <> 0
             ORDER BY x.tag_id
        LOOP
            PERFORM public.apply_count_delta('tags', rec.tag_id, rec.delta);
        END LOOP;
    ELSE
        RAISE EXCEPTION 'maintain_link_counters: not meant for table %', TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END;
$$;

-- The triggers ------------------------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER maintain_post_counters_insert
    AFTER INSERT ON public.posts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_post_counters();
-- No column list: "deleted" is often set by enforce_soft_delete_posts (the app sets "contentStatus"), and
-- UPDATE OF only sees the statement's SET list; WHEN sees the row as the BEFORE triggers left it.
CREATE OR REPLACE TRIGGER maintain_post_counters_update
    AFTER UPDATE ON public.posts
    FOR EACH ROW
    WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.deleted IS DISTINCT FROM NEW.deleted
          OR OLD."authorId" IS DISTINCT FROM NEW."authorId" OR OLD."categoryId" IS DISTINCT FROM NEW."categoryId")
    EXECUTE FUNCTION public.maintain_post_counters();
CREATE OR REPLACE TRIGGER maintain_post_counters_delete
    AFTER DELETE ON public.posts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_post_counters();
CREATE OR REPLACE TRIGGER release_deleted_post
    BEFORE DELETE ON public.posts
    FOR EACH ROW EXECUTE FUNCTION public.release_deleted_post();

CREATE OR REPLACE TRIGGER maintain_follow_counters_insert
    AFTER INSERT ON public.follows REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_follow_counters();
CREATE OR REPLACE TRIGGER maintain_follow_counters_update
    AFTER UPDATE OF "followerId", "followingId" ON public.follows
    FOR EACH ROW
    WHEN (OLD."followerId" IS DISTINCT FROM NEW."followerId" OR OLD."followingId" IS DISTINCT FROM NEW."followingId")
    EXECUTE FUNCTION public.maintain_follow_counters();
CREATE OR REPLACE TRIGGER maintain_follow_counters_delete
    AFTER DELETE ON public.follows REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_follow_counters();

CREATE OR REPLACE TRIGGER maintain_reaction_counters_insert
    AFTER INSERT ON public.reactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_reaction_counters();
-- Not in the plan: a reaction whose type (or target) changes in place moves between the counters.
CREATE OR REPLACE TRIGGER maintain_reaction_counters_update
    AFTER UPDATE OF type, "postId", "commentId", "userId" ON public.reactions
    FOR EACH ROW
    WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD."postId" IS DISTINCT FROM NEW."postId"
          OR OLD."commentId" IS DISTINCT FROM NEW."commentId" OR OLD."userId" IS DISTINCT FROM NEW."userId")
    EXECUTE FUNCTION public.maintain_reaction_counters();
CREATE OR REPLACE TRIGGER maintain_reaction_counters_delete
    AFTER DELETE ON public.reactions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_reaction_counters();

CREATE OR REPLACE TRIGGER maintain_comment_counters_insert
    AFTER INSERT ON public.comments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_comment_counters();
CREATE OR REPLACE TRIGGER maintain_comment_counters_update
    AFTER UPDATE ON public.comments
    FOR EACH ROW
    WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted OR OLD."postId" IS DISTINCT FROM NEW."postId"
          OR OLD."authorId" IS DISTINCT FROM NEW."authorId")
    EXECUTE FUNCTION public.maintain_comment_counters();
CREATE OR REPLACE TRIGGER maintain_comment_counters_delete
    AFTER DELETE ON public.comments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_comment_counters();
CREATE OR REPLACE TRIGGER release_deleted_comment
    BEFORE DELETE ON public.comments
    FOR EACH ROW EXECUTE FUNCTION public.release_deleted_comment();

CREATE OR REPLACE TRIGGER maintain_bookmark_counters_insert
    AFTER INSERT ON public.bookmarks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_link_counters();
-- Not in the plan: a bookmark moved to another post (the app normally moves folders only, which fires nothing).
CREATE OR REPLACE TRIGGER maintain_bookmark_counters_update
    AFTER UPDATE OF "postId" ON public.bookmarks
    FOR EACH ROW WHEN (OLD."postId" IS DISTINCT FROM NEW."postId")
    EXECUTE FUNCTION public.maintain_link_counters();
CREATE OR REPLACE TRIGGER maintain_bookmark_counters_delete
    AFTER DELETE ON public.bookmarks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_link_counters();

CREATE OR REPLACE TRIGGER maintain_tag_counters_insert
    AFTER INSERT ON public.post_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_link_counters();
CREATE OR REPLACE TRIGGER maintain_tag_counters_update
    AFTER UPDATE OF "postId", "tagId" ON public.post_tags
    FOR EACH ROW WHEN (OLD."postId" IS DISTINCT FROM NEW."postId" OR OLD."tagId" IS DISTINCT FROM NEW."tagId")
    EXECUTE FUNCTION public.maintain_link_counters();
CREATE OR REPLACE TRIGGER maintain_tag_counters_delete
    AFTER DELETE ON public.post_tags REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.maintain_link_counters();
