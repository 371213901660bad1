-- Phase 005: triggers (PHASES.md section 005).
--
-- Trigger inventory. Phase 007 (or anyone who rebuilds one of these tables) must re-create the rows of
-- its table exactly as listed; every function is generic over the table it is attached to. Triggers
-- of the same timing/level on one table fire in name order, which puts counters before achievements.
--
-- | trigger                                   | table               | timing, level    | events (transition tables)                    | function                            |
-- |-------------------------------------------|---------------------|------------------|-----------------------------------------------|-------------------------------------|
-- | enforce_soft_delete_<table>  (19)         | Appendix B tables   | BEFORE, row      | UPDATE OF deleted, WHEN deleted changes       | enforce_soft_delete()               |
-- | update_updated_at_<table>    (43)         | Appendix A tables   | BEFORE, row      | INSERT OR UPDATE                              | update_updated_at_column()          |
-- | update_updated_at_user_ai_preferences     | user_ai_preferences | BEFORE, row      | INSERT OR UPDATE                              | update_updated_at_column('lastUpdated') |
-- | maintain_user_post_count_insert           | posts               | AFTER, statement | INSERT (NEW TABLE new_rows)                   | update_user_post_count()            |
-- | maintain_user_post_count_update           | posts               | AFTER, statement | UPDATE (OLD TABLE old_rows, NEW TABLE new_rows) | update_user_post_count()          |
-- | maintain_user_post_count_delete           | posts               | AFTER, statement | DELETE (OLD TABLE old_rows)                   | update_user_post_count()            |
-- | track_post_achievements_insert            | posts               | AFTER, statement | INSERT (new_rows)                             | track_achievement_progress()        |
-- | track_post_achievements_update            | posts               | AFTER, statement | UPDATE (old_rows, new_rows)                   | track_achievement_progress()        |
-- | maintain_follower_counts_insert           | follows             | AFTER, statement | INSERT (new_rows)                             | update_follower_counts()            |
-- | maintain_follower_counts_delete           | follows             | AFTER, statement | DELETE (old_rows)                             | update_follower_counts()            |
-- | track_follow_achievements                 | follows             | AFTER, statement | INSERT (new_rows)                             | track_achievement_progress()        |
-- | user_level_progression                    | users               | BEFORE, row      | UPDATE OF experience, WHEN experience changes | check_user_level_progression()      |
-- | track_level_achievements                  | users               | AFTER, row       | UPDATE, WHEN level crosses 10                 | track_achievement_progress()        |
-- | track_streak_achievements                 | user_stats          | AFTER, row       | UPDATE OF "streakDays", WHEN it crosses 7 or 30 | track_achievement_progress()      |
-- | maintain_post_stats_on_reactions_insert   | reactions           | AFTER, statement | INSERT (new_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_reactions_delete   | reactions           | AFTER, statement | DELETE (old_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_reactions_update   | reactions           | AFTER, statement | UPDATE (old_rows, new_rows)                   | maintain_post_stats()               |
-- | track_reaction_achievements_insert        | reactions           | AFTER, statement | INSERT (new_rows)                             | track_achievement_progress()        |
-- | track_reaction_achievements_delete        | reactions           | AFTER, statement | DELETE (old_rows)                             | track_achievement_progress()        |
-- | maintain_post_stats_on_comments_insert    | comments            | AFTER, statement | INSERT (new_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_comments_update    | comments            | AFTER, statement | UPDATE (old_rows, new_rows)                   | maintain_post_stats()               |
-- | maintain_post_stats_on_comments_delete    | comments            | AFTER, statement | DELETE (old_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_bookmarks_insert   | bookmarks           | AFTER, statement | INSERT (new_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_bookmarks_delete   | bookmarks           | AFTER, statement | DELETE (old_rows)                             | maintain_post_stats()               |
-- | maintain_post_stats_on_bookmarks_update   | bookmarks           | AFTER, statement | UPDATE (old_rows, new_rows)                   | maintain_post_stats()               |
--
-- Why statement-level triggers with transition tables for the counters (departure from the drafts'
-- row-level triggers, docs/DECISIONS.md D61): PostgreSQL allows transition tables only on a trigger with
-- a single event and no column list, hence one trigger per event. A statement-level trigger aggregates a
-- multi-row change into one delta per counter row and applies the deltas in key order, so two writers
-- always lock counter rows in the same order (no deadlock), and a counter row that is missing can be
-- created by recomputing it from the source tables (which already contain the whole statement's rows)
-- without counting those rows twice.
--
-- Why increments instead of recomputation: under READ COMMITTED a recomputation sees neither the
-- uncommitted rows of concurrent writers nor, after waiting for their row lock, anything newer than its
-- own snapshot, so concurrent recomputations lose counts. "x = x + delta" re-reads the latest committed
-- row version after the lock wait and is exact.
--
-- Lock order of one statement: post_stats rows (by "postId"), then user_stats rows (by "userId"), then
-- the rows an achievement grant writes (user_achievements, notifications, users, user_balances).
--
-- All timestamps are UTC wall-clock values (now() AT TIME ZONE 'UTC'); every row inserted here carries
-- its id (gen_random_uuid()::text), "updatedAt" where the table has one, and explicit creation times
-- (the Prisma column defaults convert through the session time zone).

-- =====================================================================================================
-- Helpers
-- =====================================================================================================

CREATE OR REPLACE FUNCTION compute_user_stats(p_user_id text)
RETURNS TABLE (
    total_posts          integer,
    total_followers      integer,
    total_following      integer,
    total_likes_received integer)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, public
AS $$
    -- The four user_stats counters this phase maintains, recomputed from their sources (one aggregate
    -- per source). Likes received: reactions of other users on the user's existing posts (D6).
    SELECT (SELECT count(*) FROM posts p
             WHERE p."authorId" = p_user_id AND p.published = true AND p.deleted = false)::integer,
           (SELECT count(*) FROM follows f WHERE f."followingId" = p_user_id)::integer,
           (SELECT count(*) FROM follows f WHERE f."followerId" = p_user_id)::integer,
           (SELECT count(*) FROM reactions r JOIN posts p ON p.id = r."postId"
             WHERE p."authorId" = p_user_id AND r."userId" <> p_user_id)::integer;
$$;

COMMENT ON FUNCTION compute_user_stats(text) IS
    'totalPosts, totalFollowers, totalFollowing, totalLikesReceived of one user, recomputed from the source tables.';

CREATE OR REPLACE FUNCTION apply_user_stats_delta(
    p_user_id        text,
    p_posts          integer,
    p_followers      integer,
    p_following      integer,
    p_likes_received integer,
    p_touch_activity boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_inserted integer;
BEGIN
    FOR i IN 1..2 LOOP
        UPDATE user_stats st
           SET "totalPosts"         = GREATEST(st."totalPosts" + p_posts, 0),
               "totalFollowers"     = GREATEST(st."totalFollowers" + p_followers, 0),
               "totalFollowing"     = GREATEST(st."totalFollowing" + p_following, 0),
               "totalLikesReceived" = GREATEST(st."totalLikesReceived" + p_likes_received, 0),
               "lastActivityAt"     = CASE WHEN p_touch_activity THEN v_now ELSE st."lastActivityAt" END,
               "updatedAt"          = v_now
         WHERE st."userId" = p_user_id;
        IF FOUND OR i = 2 THEN
            RETURN;
        END IF;

        -- No stats row yet (the application normally creates it): create it from the sources, which
        -- already include the calling statement's change, so the delta is not applied on top. A user
        -- that is gone (cascaded delete in progress) gets no row.
        INSERT INTO user_stats (id, "userId", "totalPosts", "totalFollowers", "totalFollowing",
                                "totalLikesReceived", "lastActivityAt", "updatedAt")
        SELECT gen_random_uuid()::text, u.id, s.total_posts, s.total_followers, s.total_following,
               s.total_likes_received, CASE WHEN p_touch_activity THEN v_now END, v_now
          FROM users u
         CROSS JOIN LATERAL compute_user_stats(u.id) s
         WHERE u.id = p_user_id
        ON CONFLICT ("userId") DO NOTHING;
        GET DIAGNOSTICS v_inserted = ROW_COUNT;
        IF v_inserted > 0 THEN
            RETURN;
        END IF;
        -- Either the user is gone (the UPDATE below finds nothing) or a concurrent transaction created
        -- the row and has committed (ON CONFLICT waited for it): apply the delta to that row.
    END LOOP;
END;
$$;

COMMENT ON FUNCTION apply_user_stats_delta(text, integer, integer, integer, integer, boolean) IS
    'Adds deltas to one user''s user_stats counters (floor 0), creating the row from the sources when missing.';

CREATE OR REPLACE FUNCTION apply_post_stats_delta(
    p_post_id   text,
    p_reactions integer,
    p_likes     integer,
    p_loves     integer,
    p_fires     integer,
    p_comments  integer,
    p_bookmarks integer)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_inserted integer;
BEGIN
    FOR i IN 1..2 LOOP
        -- SET expressions read the old row, so the engagement rate repeats the new counter values.
        UPDATE post_stats ps
           SET "totalReactionCount" = GREATEST(ps."totalReactionCount" + p_reactions, 0),
               "likeCount"          = GREATEST(ps."likeCount" + p_likes, 0),
               "loveCount"          = GREATEST(ps."loveCount" + p_loves, 0),
               "fireCount"          = GREATEST(ps."fireCount" + p_fires, 0),
               "commentCount"       = GREATEST(ps."commentCount" + p_comments, 0),
               "bookmarkCount"      = GREATEST(ps."bookmarkCount" + p_bookmarks, 0),
               "engagementRate"     = post_engagement_ratio(
                                          GREATEST(ps."totalReactionCount" + p_reactions, 0)::bigint
                                          + GREATEST(ps."commentCount" + p_comments, 0)
                                          + ps."shareCount"
                                          + GREATEST(ps."bookmarkCount" + p_bookmarks, 0),
                                          ps."viewCount"),
               "updatedAt"          = v_now
         WHERE ps."postId" = p_post_id;
        IF FOUND OR i = 2 THEN
            RETURN;
        END IF;

        -- No stats row: create it from the sources (they include the calling statement's change). A
        -- post that is gone (hard delete cascading to its children) gets no row (D-24).
        INSERT INTO post_stats (
            id, "postId", "viewCount", "uniqueViewCount", "likeCount", "loveCount", "fireCount",
            "totalReactionCount", "commentCount", "shareCount", "bookmarkCount", "avgReadTime",
            "bounceRate", "engagementRate", "lastCalculatedAt", "updatedAt")
        SELECT gen_random_uuid()::text, p.id, s.view_count, s.unique_view_count, s.like_count,
               s.love_count, s.fire_count, s.total_reaction_count, s.comment_count, 0, s.bookmark_count,
               s.avg_read_time, 0,
               post_engagement_ratio(s.total_reaction_count::bigint + s.comment_count + s.bookmark_count,
                                     s.view_count),
               v_now, v_now
          FROM posts p
         CROSS JOIN LATERAL compute_post_stats(p.id) s
         WHERE p.id = p_post_id
        ON CONFLICT ("postId") DO NOTHING;
        GET DIAGNOSTICS v_inserted = ROW_COUNT;
        IF v_inserted > 0 THEN
            RETURN;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer) IS
    'Adds deltas to one post''s post_stats counters and engagement rate, creating the row from the sources '
    'when missing; no-op for a post that does not exist.';

CREATE OR REPLACE FUNCTION credit_user_balance(
    p_user_id     text,
    p_currency    text,
    p_amount      integer,
    p_source      text,
    p_source_id   text,
    p_description text)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now   timestamp(3) := now() AT TIME ZONE 'UTC';
    v_after integer;
BEGIN
    IF p_currency NOT IN ('sparkle', 'premium') THEN
        RAISE EXCEPTION 'credit_user_balance: unknown currency %', quote_nullable(p_currency)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF COALESCE(p_amount, 0) <= 0 THEN
        RETURN;
    END IF;

    FOR i IN 1..2 LOOP
        -- version is the application's optimistic-locking counter: bump it so that a concurrent
        -- read-modify-write of the balance fails instead of overwriting this credit.
        UPDATE user_balances b
           SET "sparklePoints"     = b."sparklePoints" + CASE WHEN p_currency = 'sparkle' THEN p_amount ELSE 0 END,
               "premiumPoints"     = b."premiumPoints" + CASE WHEN p_currency = 'premium' THEN p_amount ELSE 0 END,
               "lifetimeEarned"    = b."lifetimeEarned" + CASE WHEN p_currency = 'sparkle' THEN p_amount ELSE 0 END,
               version             = b.version + 1,
               "lastTransactionAt" = v_now,
               "updatedAt"         = v_now
         WHERE b."userId" = p_user_id
        RETURNING CASE WHEN p_currency = 'sparkle' THEN b."sparklePoints" ELSE b."premiumPoints" END
             INTO v_after;
        EXIT WHEN FOUND;
        IF i = 2 THEN
            RAISE EXCEPTION 'credit_user_balance: no user_balances row for user %', p_user_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
        -- A user without a balance row gets one (all defaults) instead of a ledger row with NULL balances.
        INSERT INTO user_balances (id, "userId", "updatedAt")
        VALUES (gen_random_uuid()::text, p_user_id, v_now)
        ON CONFLICT ("userId") DO NOTHING;
    END LOOP;

    INSERT INTO currency_transactions (
        id, "userId", amount, "currencyType", "transactionType", source, "sourceId", description,
        "balanceBefore", "balanceAfter", "createdAt")
    VALUES (gen_random_uuid()::text, p_user_id, p_amount, p_currency, 'earn', p_source, p_source_id,
            p_description, v_after - p_amount, v_after, v_now);
END;
$$;

COMMENT ON FUNCTION credit_user_balance(text, text, integer, text, text, text) IS
    'Credits sparkle or premium points to user_balances (created if missing) and writes the matching '
    'currency_transactions row (earn) with balances before and after.';

-- 5.8 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION grant_achievement(p_user_id text, p_achievement_code text)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_ach      achievements%ROWTYPE;
    v_inserted integer;
    v_total_xp integer;
BEGIN
    SELECT * INTO v_ach FROM achievements a WHERE a.code = p_achievement_code AND a.deleted = false;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    INSERT INTO user_achievements (id, "userId", "achievementId", progress, "unlockedAt", notified,
                                   "claimedRewards")
    VALUES (gen_random_uuid()::text, p_user_id, v_ach.id, 1.0, v_now, false, false)
    ON CONFLICT ("userId", "achievementId") DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    -- Already held (also when soft-deleted, D5): no second notification, no second reward (D-21).
    IF v_inserted = 0 THEN
        RETURN;
    END IF;

    INSERT INTO notifications (id, type, "userId", "entityId", "entityType", title, message, priority,
                               "imageUrl", "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, 'ACHIEVEMENT_UNLOCKED', p_user_id, v_ach.id, 'achievement',
            'Achievement Unlocked!',
            'You unlocked: ' || v_ach.name
                || CASE WHEN NULLIF(v_ach."shortDescription", '') IS NOT NULL
                        THEN ' - ' || v_ach."shortDescription" ELSE '' END,
            1, v_ach.icon, v_now, v_now);

    IF v_ach."xpReward" > 0 THEN
        -- Fires user_level_progression. The XP is logged here under its real source (D4).
        UPDATE users u
           SET experience = u.experience + v_ach."xpReward",
               version    = u.version + 1
         WHERE u.id = p_user_id
        RETURNING u.experience INTO v_total_xp;

        INSERT INTO xp_logs (id, "userId", amount, source, "sourceId", reason, "totalXp", "createdAt")
        VALUES (gen_random_uuid()::text, p_user_id, v_ach."xpReward", 'achievement', v_ach.id,
                'Achievement unlocked: ' || v_ach.code, v_total_xp, v_now);
    END IF;

    PERFORM credit_user_balance(p_user_id, 'sparkle', v_ach."sparklePointsReward", 'achievement', v_ach.id,
                                'Achievement reward: ' || v_ach.name);
    PERFORM credit_user_balance(p_user_id, 'premium', v_ach."premiumPointsReward", 'achievement', v_ach.id,
                                'Achievement reward: ' || v_ach.name);
END;
$$;

COMMENT ON FUNCTION grant_achievement(text, text) IS
    'Grants an achievement once: inserts the holding and, only when it was inserted, notifies and pays '
    'xpReward, sparklePointsReward and premiumPointsReward.';

CREATE OR REPLACE FUNCTION award_eligible_achievements(p_user_id text, p_codes text[])
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_code text;
BEGIN
    FOREACH v_code IN ARRAY p_codes LOOP
        IF check_achievement_eligibility(p_user_id, v_code) THEN
            PERFORM grant_achievement(p_user_id, v_code);
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION award_eligible_achievements(text, text[]) IS
    'Grants each listed achievement the user is eligible for (check_achievement_eligibility, grant_achievement).';

-- =====================================================================================================
-- Trigger functions
-- =====================================================================================================

-- 5.2 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION enforce_soft_delete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF NEW.deleted AND NOT OLD.deleted THEN
        -- Keep a deletion time supplied by the same UPDATE; otherwise stamp it now.
        IF NEW."deletedAt" IS NULL OR NEW."deletedAt" IS NOT DISTINCT FROM OLD."deletedAt" THEN
            NEW."deletedAt" := now() AT TIME ZONE 'UTC';
        END IF;
    ELSIF OLD.deleted AND NOT NEW.deleted THEN
        NEW."deletedAt" := NULL;
        -- messages has no "deletedBy" (it has "deletedFor"); test the row instead of a table list so the
        -- function stays right on any table it is attached to.
        IF to_jsonb(NEW) ? 'deletedBy' THEN
            NEW."deletedBy" := NULL;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- 5.3 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    -- TG_ARGV[0] names the column: "updatedAt" by default, "lastUpdated" on user_ai_preferences.
    -- INSERT keeps a supplied value (Prisma sends one) and fills a missing one, so no database-side
    -- insert can fail on the NOT NULL column; UPDATE always stamps the current UTC time.
    IF COALESCE(TG_ARGV[0], 'updatedAt') = 'lastUpdated' THEN
        IF TG_OP = 'UPDATE' OR NEW."lastUpdated" IS NULL THEN
            NEW."lastUpdated" := now() AT TIME ZONE 'UTC';
        END IF;
    ELSE
        IF TG_OP = 'UPDATE' OR NEW."updatedAt" IS NULL THEN
            NEW."updatedAt" := now() AT TIME ZONE 'UTC';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- 5.4 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION update_user_post_count()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    rec record;
BEGIN
    -- A post counts for its author while it is published and not (soft-)deleted. The delta per author is
    -- (live posts after) - (live posts before) over the rows of the statement, which also covers
    -- publish/unpublish, soft delete/undelete and a change of "authorId". "lastActivityAt" is stamped
    -- for an author who gained a live post.
    IF TG_OP = 'INSERT' THEN
        FOR rec IN
            SELECT n."authorId" AS user_id, count(*)::integer AS delta, true AS gained
              FROM new_rows n
             WHERE n.published AND NOT n.deleted AND n."authorId" IS NOT NULL
             GROUP BY n."authorId"
             ORDER BY n."authorId"
        LOOP
            PERFORM apply_user_stats_delta(rec.user_id, rec.delta, 0, 0, 0, rec.gained);
        END LOOP;
    ELSIF TG_OP = 'UPDATE' THEN
        FOR rec IN
            SELECT x.user_id, sum(x.delta)::integer AS delta, bool_or(x.gained) AS gained
              FROM (SELECT n."authorId" AS user_id, 1 AS delta,
                           NOT COALESCE(o.published AND NOT o.deleted AND o."authorId" = n."authorId", false)
                               AS gained
                      FROM new_rows n
                      LEFT JOIN old_rows o ON o.id = n.id
                     WHERE n.published AND NOT n.deleted AND n."authorId" IS NOT NULL
                    UNION ALL
                    SELECT o."authorId", -1, false
                      FROM old_rows o
                     WHERE o.published AND NOT o.deleted AND o."authorId" IS NOT NULL) x
             GROUP BY x.user_id
            HAVING sum(x.delta) <> 0 OR bool_or(x.gained)
             ORDER BY x.user_id
        LOOP
            PERFORM apply_user_stats_delta(rec.user_id, rec.delta, 0, 0, 0, rec.gained);
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR rec IN
            SELECT o."authorId" AS user_id, -count(*)::integer AS delta
              FROM old_rows o
             WHERE o.published AND NOT o.deleted AND o."authorId" IS NOT NULL
             GROUP BY o."authorId"
             ORDER BY o."authorId"
        LOOP
            PERFORM apply_user_stats_delta(rec.user_id, rec.delta, 0, 0, 0, false);
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$;

-- 5.5 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION update_follower_counts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    rec record;
BEGIN
    -- Both users' rows are updated in "userId" order whatever the direction of the follow, so A->B and
    -- B->A at the same time cannot deadlock.
    IF TG_OP = 'INSERT' THEN
        FOR rec IN
            SELECT x.user_id, sum(x.followers)::integer AS followers, sum(x.following)::integer AS following
              FROM (SELECT n."followingId" AS user_id, 1 AS followers, 0 AS following FROM new_rows n
                    UNION ALL
                    SELECT n."followerId", 0, 1 FROM new_rows n) x
             GROUP BY x.user_id
             ORDER BY x.user_id
        LOOP
            PERFORM apply_user_stats_delta(rec.user_id, 0, rec.followers, rec.following, 0, false);
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR rec IN
            SELECT x.user_id, -sum(x.followers)::integer AS followers, -sum(x.following)::integer AS following
              FROM (SELECT o."followingId" AS user_id, 1 AS followers, 0 AS following FROM old_rows o
                    UNION ALL
                    SELECT o."followerId", 0, 1 FROM old_rows o) x
             GROUP BY x.user_id
             ORDER BY x.user_id
        LOOP
            PERFORM apply_user_stats_delta(rec.user_id, 0, rec.followers, rec.following, 0, false);
        END LOOP;
    END IF;
    RETURN NULL;
END;
$$;

-- 5.6 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION check_user_level_progression()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_now       timestamp(3) := now() AT TIME ZONE 'UTC';
    v_new_level integer := calculate_user_level(NEW.experience);
    v_title     text;
    lc          record;
BEGIN
    -- Levels never decrease: losing XP keeps the level reached.
    IF v_new_level <= OLD.level THEN
        RETURN NEW;
    END IF;
    NEW.level := GREATEST(NEW.level, v_new_level);

    -- Every level crossed pays its own rewards, each level once per user (D4): a level whose reward is
    -- already in the ledger (e.g. after an administrative level reset) is not paid again.
    FOR lc IN
        SELECT c.level, c."sparkleReward", c."premiumReward"
          FROM level_configs c
         WHERE c.level > OLD.level AND c.level <= v_new_level
         ORDER BY c.level
    LOOP
        IF lc."sparkleReward" > 0 AND NOT EXISTS (
               SELECT 1 FROM currency_transactions ct
                WHERE ct."userId" = NEW.id AND ct.source = 'level_up'
                  AND ct."sourceId" = lc.level::text AND ct."currencyType" = 'sparkle') THEN
            PERFORM credit_user_balance(NEW.id, 'sparkle', lc."sparkleReward", 'level_up', lc.level::text,
                                        format('Level %s reward', lc.level));
        END IF;
        IF lc."premiumReward" > 0 AND NOT EXISTS (
               SELECT 1 FROM currency_transactions ct
                WHERE ct."userId" = NEW.id AND ct.source = 'level_up'
                  AND ct."sourceId" = lc.level::text AND ct."currencyType" = 'premium') THEN
            PERFORM credit_user_balance(NEW.id, 'premium', lc."premiumReward", 'level_up', lc.level::text,
                                        format('Level %s reward', lc.level));
        END IF;
    END LOOP;

    SELECT c.title INTO v_title FROM level_configs c WHERE c.level = v_new_level;

    -- One notification per level-up, however many levels were crossed.
    INSERT INTO notifications (id, type, "userId", "entityType", title, message, data, priority,
                               "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, 'LEVEL_UP', NEW.id, 'level',
            format('Level Up! You reached level %s!', v_new_level),
            format('Congratulations! You are now a %s!', COALESCE(NULLIF(v_title, ''), 'Level ' || v_new_level)),
            jsonb_build_object('previousLevel', OLD.level, 'level', v_new_level),
            1, v_now, v_now);
    -- No xp_logs row: the XP change is logged by whoever made it, under its real source (D4).
    RETURN NEW;
END;
$$;

-- 5.7 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION track_achievement_progress()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    rec record;
BEGIN
    IF TG_TABLE_NAME = 'posts' THEN
        -- Authors who gained a live published post in this statement (insert or publish).
        IF TG_OP = 'INSERT' THEN
            FOR rec IN
                SELECT DISTINCT n."authorId" AS user_id FROM new_rows n
                 WHERE n.published AND NOT n.deleted AND n."authorId" IS NOT NULL
                 ORDER BY 1
            LOOP
                PERFORM award_eligible_achievements(rec.user_id, ARRAY['FIRST_POST', 'PROLIFIC_WRITER']);
            END LOOP;
        ELSIF TG_OP = 'UPDATE' THEN
            FOR rec IN
                SELECT DISTINCT n."authorId" AS user_id
                  FROM new_rows n
                  LEFT JOIN old_rows o ON o.id = n.id
                 WHERE n.published AND NOT n.deleted AND n."authorId" IS NOT NULL
                   AND NOT COALESCE(o.published AND NOT o.deleted AND o."authorId" = n."authorId", false)
                 ORDER BY 1
            LOOP
                PERFORM award_eligible_achievements(rec.user_id, ARRAY['FIRST_POST', 'PROLIFIC_WRITER']);
            END LOOP;
        END IF;
        RETURN NULL;

    ELSIF TG_TABLE_NAME = 'follows' THEN
        FOR rec IN SELECT DISTINCT n."followingId" AS user_id FROM new_rows n ORDER BY 1 LOOP
            PERFORM award_eligible_achievements(rec.user_id,
                                                ARRAY['FIRST_FOLLOWER', 'SOCIAL_BUTTERFLY', 'INFLUENCER']);
        END LOOP;
        RETURN NULL;

    ELSIF TG_TABLE_NAME = 'reactions' THEN
        -- Every reaction type counts as a like received; reactions on one's own post do not (D6).
        -- Removing a reaction takes it back; reactions removed with a hard-deleted post are no longer
        -- visible here and stay counted (the post's history).
        IF TG_OP = 'INSERT' THEN
            FOR rec IN
                SELECT p."authorId" AS user_id, count(*)::integer AS delta
                  FROM new_rows n
                  JOIN posts p ON p.id = n."postId"
                 WHERE n."userId" <> p."authorId"
                 GROUP BY p."authorId"
                 ORDER BY p."authorId"
            LOOP
                PERFORM apply_user_stats_delta(rec.user_id, 0, 0, 0, rec.delta, false);
            END LOOP;
            -- Grants after all counters of the statement are written (lock order: user_stats first).
            FOR rec IN
                SELECT DISTINCT p."authorId" AS user_id
                  FROM new_rows n
                  JOIN posts p ON p.id = n."postId"
                 WHERE n."userId" <> p."authorId"
                 ORDER BY 1
            LOOP
                PERFORM award_eligible_achievements(rec.user_id, ARRAY['WELL_LIKED']);
            END LOOP;
        ELSIF TG_OP = 'DELETE' THEN
            FOR rec IN
                SELECT p."authorId" AS user_id, -count(*)::integer AS delta
                  FROM old_rows o
                  JOIN posts p ON p.id = o."postId"
                 WHERE o."userId" <> p."authorId"
                 GROUP BY p."authorId"
                 ORDER BY p."authorId"
            LOOP
                PERFORM apply_user_stats_delta(rec.user_id, 0, 0, 0, rec.delta, false);
            END LOOP;
        END IF;
        RETURN NULL;

    ELSIF TG_TABLE_NAME = 'user_stats' THEN
        PERFORM award_eligible_achievements(NEW."userId", ARRAY['STREAK_WEEK', 'STREAK_MONTH']);
        RETURN NULL;

    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM award_eligible_achievements(NEW.id, ARRAY['LEVEL_10']);
        RETURN NULL;
    END IF;

    RAISE EXCEPTION 'track_achievement_progress: not meant for table %', TG_TABLE_NAME;
END;
$$;

-- 5.9 -------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION maintain_post_stats()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_contrib text;
    v_source  text;
    rec       record;
BEGIN
    -- What one row contributes to its post: reactions (total, LIKE, LOVE, FIRE), live comments,
    -- bookmarks. Reactions on comments have no "postId" and are skipped.
    v_contrib := CASE TG_TABLE_NAME
        WHEN 'reactions' THEN '1, (t.type = ''LIKE'')::int, (t.type = ''LOVE'')::int, (t.type = ''FIRE'')::int, 0, 0'
        WHEN 'comments'  THEN '0, 0, 0, 0, (t.deleted = false)::int, 0'
        WHEN 'bookmarks' THEN '0, 0, 0, 0, 0, 1'
    END;
    IF v_contrib IS NULL THEN
        RAISE EXCEPTION 'maintain_post_stats: not meant for table %', TG_TABLE_NAME;
    END IF;

    -- Rows after the statement count +1, rows before it -1; an UPDATE contributes both.
    v_source := concat_ws(' UNION ALL ',
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE')
             THEN format('SELECT t."postId", 1, %s FROM new_rows t', v_contrib) END,
        CASE WHEN TG_OP IN ('DELETE', 'UPDATE')
             THEN format('SELECT t."postId", -1, %s FROM old_rows t', v_contrib) END);

    -- One delta per post, applied in "postId" order: concurrent statements lock post_stats rows in the
    -- same order and cannot deadlock on them.
    FOR rec IN EXECUTE format(
        'SELECT s.post_id, sum(s.sign * s.r)::int AS r, sum(s.sign * s.l)::int AS l,
                sum(s.sign * s.lv)::int AS lv, sum(s.sign * s.f)::int AS f,
                sum(s.sign * s.c)::int AS c, sum(s.sign * s.b)::int AS b
           FROM (%s) AS s(post_id, sign, r, l, lv, f, c, b)
          WHERE s.post_id IS NOT NULL
          GROUP BY s.post_id
         HAVING sum(s.sign * s.r) <> 0 OR sum(s.sign * s.l) <> 0 OR sum(s.sign * s.lv) <> 0
             OR sum(s.sign * s.f) <> 0 OR sum(s.sign * s.c) <> 0 OR sum(s.sign * s.b) <> 0
          ORDER BY s.post_id', v_source)
    LOOP
        PERFORM apply_post_stats_delta(rec.post_id, rec.r, rec.l, rec.lv, rec.f, rec.c, rec.b);
    END LOOP;
    RETURN NULL;
END;
$$;

-- =====================================================================================================
-- Triggers
-- =====================================================================================================

-- 5.2 soft delete: the 19 tables of PHASES.md Appendix B ----------------------------------------------
CREATE OR REPLACE TRIGGER enforce_soft_delete_users
    BEFORE UPDATE OF deleted ON users
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_categories
    BEFORE UPDATE OF deleted ON categories
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_posts
    BEFORE UPDATE OF deleted ON posts
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_post_series
    BEFORE UPDATE OF deleted ON post_series
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_tags
    BEFORE UPDATE OF deleted ON tags
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_comments
    BEFORE UPDATE OF deleted ON comments
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_achievements
    BEFORE UPDATE OF deleted ON achievements
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_user_achievements
    BEFORE UPDATE OF deleted ON user_achievements
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_trades
    BEFORE UPDATE OF deleted ON trades
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_youtube_channels
    BEFORE UPDATE OF deleted ON youtube_channels
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_watch_parties
    BEFORE UPDATE OF deleted ON watch_parties
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_watch_party_chat
    BEFORE UPDATE OF deleted ON watch_party_chat
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_groups
    BEFORE UPDATE OF deleted ON groups
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_events
    BEFORE UPDATE OF deleted ON events
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_conversations
    BEFORE UPDATE OF deleted ON conversations
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_messages
    BEFORE UPDATE OF deleted ON messages
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_chat_messages
    BEFORE UPDATE OF deleted ON chat_messages
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_polls
    BEFORE UPDATE OF deleted ON polls
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

CREATE OR REPLACE TRIGGER enforce_soft_delete_reports
    BEFORE UPDATE OF deleted ON reports
    FOR EACH ROW WHEN (OLD.deleted IS DISTINCT FROM NEW.deleted)
    EXECUTE FUNCTION enforce_soft_delete();

-- 5.3 updatedAt: the 43 @updatedAt tables of PHASES.md Appendix A, plus user_ai_preferences."lastUpdated" --
CREATE OR REPLACE TRIGGER update_updated_at_accounts
    BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_achievements
    BEFORE INSERT OR UPDATE ON achievements
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_ai_assistant_conversations
    BEFORE INSERT OR UPDATE ON ai_assistant_conversations
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_blocks
    BEFORE INSERT OR UPDATE ON blocks
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_bookmark_folders
    BEFORE INSERT OR UPDATE ON bookmark_folders
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_categories
    BEFORE INSERT OR UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_collaborative_spaces
    BEFORE INSERT OR UPDATE ON collaborative_spaces
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_comments
    BEFORE INSERT OR UPDATE ON comments
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_content_filters
    BEFORE INSERT OR UPDATE ON content_filters
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_conversations
    BEFORE INSERT OR UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_data_retention_policies
    BEFORE INSERT OR UPDATE ON data_retention_policies
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_email_campaigns
    BEFORE INSERT OR UPDATE ON email_campaigns
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_email_templates
    BEFORE INSERT OR UPDATE ON email_templates
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_events
    BEFORE INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_experiments
    BEFORE INSERT OR UPDATE ON experiments
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_feature_flags
    BEFORE INSERT OR UPDATE ON feature_flags
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_follows
    BEFORE INSERT OR UPDATE ON follows
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_group_posts
    BEFORE INSERT OR UPDATE ON group_posts
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_groups
    BEFORE INSERT OR UPDATE ON groups
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_newsletter_subscriptions
    BEFORE INSERT OR UPDATE ON newsletter_subscriptions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_notification_preferences
    BEFORE INSERT OR UPDATE ON notification_preferences
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_notifications
    BEFORE INSERT OR UPDATE ON notifications
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_playlists
    BEFORE INSERT OR UPDATE ON playlists
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_polls
    BEFORE INSERT OR UPDATE ON polls
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_post_series
    BEFORE INSERT OR UPDATE ON post_series
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_post_stats
    BEFORE INSERT OR UPDATE ON post_stats
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_posts
    BEFORE INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_profiles
    BEFORE INSERT OR UPDATE ON profiles
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_quests
    BEFORE INSERT OR UPDATE ON quests
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_reports
    BEFORE INSERT OR UPDATE ON reports
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_scheduled_actions
    BEFORE INSERT OR UPDATE ON scheduled_actions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_security_alerts
    BEFORE INSERT OR UPDATE ON security_alerts
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_sessions
    BEFORE INSERT OR UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_store_items
    BEFORE INSERT OR UPDATE ON store_items
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_trades
    BEFORE INSERT OR UPDATE ON trades
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_user_balances
    BEFORE INSERT OR UPDATE ON user_balances
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_user_stats
    BEFORE INSERT OR UPDATE ON user_stats
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_user_subscriptions
    BEFORE INSERT OR UPDATE ON user_subscriptions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_users
    BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_video_analytics
    BEFORE INSERT OR UPDATE ON video_analytics
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_watch_parties
    BEFORE INSERT OR UPDATE ON watch_parties
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_webhooks
    BEFORE INSERT OR UPDATE ON webhooks
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_youtube_channels
    BEFORE INSERT OR UPDATE ON youtube_channels
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE TRIGGER update_updated_at_user_ai_preferences
    BEFORE INSERT OR UPDATE ON user_ai_preferences
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column('lastUpdated');
-- 5.4 posts -> user_stats."totalPosts" ----------------------------------------------------------------
CREATE OR REPLACE TRIGGER maintain_user_post_count_insert
    AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_user_post_count();

CREATE OR REPLACE TRIGGER maintain_user_post_count_update
    AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_user_post_count();

CREATE OR REPLACE TRIGGER maintain_user_post_count_delete
    AFTER DELETE ON posts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_user_post_count();

-- 5.7 posts -> FIRST_POST, PROLIFIC_WRITER (also on publish, since posts are created as drafts) --------
CREATE OR REPLACE TRIGGER track_post_achievements_insert
    AFTER INSERT ON posts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION track_achievement_progress();

CREATE OR REPLACE TRIGGER track_post_achievements_update
    AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION track_achievement_progress();

-- 5.5 follows -> user_stats."totalFollowers" / "totalFollowing" ----------------------------------------
CREATE OR REPLACE TRIGGER maintain_follower_counts_insert
    AFTER INSERT ON follows REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_follower_counts();

CREATE OR REPLACE TRIGGER maintain_follower_counts_delete
    AFTER DELETE ON follows REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION update_follower_counts();

-- 5.7 follows -> FIRST_FOLLOWER, SOCIAL_BUTTERFLY, INFLUENCER ------------------------------------------
CREATE OR REPLACE TRIGGER track_follow_achievements
    AFTER INSERT ON follows REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION track_achievement_progress();

-- 5.6 users: level progression ------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER user_level_progression
    BEFORE UPDATE OF experience ON users
    FOR EACH ROW WHEN (NEW.experience IS DISTINCT FROM OLD.experience)
    EXECUTE FUNCTION check_user_level_progression();

-- LEVEL_10 has a rule in 3.6 but no trigger in the drafts; granted when a level change crosses 10. An
-- AFTER trigger because the grant updates the same users row (XP reward).
CREATE OR REPLACE TRIGGER track_level_achievements
    AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.level < 10 AND NEW.level >= 10)
    EXECUTE FUNCTION track_achievement_progress();

-- 5.7 user_stats -> STREAK_WEEK, STREAK_MONTH ----------------------------------------------------------
-- Only when a threshold is crossed (old < 7 <= new, old < 30 <= new): a nightly bulk update of all
-- streaks then costs nothing for the rows that cross none.
CREATE OR REPLACE TRIGGER track_streak_achievements
    AFTER UPDATE OF "streakDays" ON user_stats
    FOR EACH ROW WHEN ((OLD."streakDays" < 7 AND NEW."streakDays" >= 7)
                    OR (OLD."streakDays" < 30 AND NEW."streakDays" >= 30))
    EXECUTE FUNCTION track_achievement_progress();

-- 5.9 reactions -> post_stats; 5.7 reactions -> "totalLikesReceived", WELL_LIKED -----------------------
CREATE OR REPLACE TRIGGER maintain_post_stats_on_reactions_insert
    AFTER INSERT ON reactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

CREATE OR REPLACE TRIGGER maintain_post_stats_on_reactions_delete
    AFTER DELETE ON reactions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

-- Not in the plan: a reaction whose type (or post) is changed in place moves between the per-type counters.
CREATE OR REPLACE TRIGGER maintain_post_stats_on_reactions_update
    AFTER UPDATE ON reactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

CREATE OR REPLACE TRIGGER track_reaction_achievements_insert
    AFTER INSERT ON reactions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION track_achievement_progress();

CREATE OR REPLACE TRIGGER track_reaction_achievements_delete
    AFTER DELETE ON reactions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION track_achievement_progress();

-- 5.9 comments -> post_stats."commentCount" (live comments; soft delete/undelete counts) -------------
CREATE OR REPLACE TRIGGER maintain_post_stats_on_comments_insert
    AFTER INSERT ON comments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

CREATE OR REPLACE TRIGGER maintain_post_stats_on_comments_update
    AFTER UPDATE ON comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

CREATE OR REPLACE TRIGGER maintain_post_stats_on_comments_delete
    AFTER DELETE ON comments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

-- 5.9 bookmarks -> post_stats."bookmarkCount" ----------------------------------------------------------
CREATE OR REPLACE TRIGGER maintain_post_stats_on_bookmarks_insert
    AFTER INSERT ON bookmarks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

CREATE OR REPLACE TRIGGER maintain_post_stats_on_bookmarks_delete
    AFTER DELETE ON bookmarks REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

-- Not in the plan: a bookmark moved to another post (the application normally moves folders only, which
-- yields an empty delta).
CREATE OR REPLACE TRIGGER maintain_post_stats_on_bookmarks_update
    AFTER UPDATE ON bookmarks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintain_post_stats();

-- =====================================================================================================
-- Privileges: helpers are called with the privileges of whoever fires the triggers (the application
-- role); trigger functions themselves need no EXECUTE grant to fire.
-- =====================================================================================================
REVOKE EXECUTE ON FUNCTION
    compute_user_stats(text),
    apply_user_stats_delta(text, integer, integer, integer, integer, boolean),
    apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer),
    credit_user_balance(text, text, integer, text, text, text),
    grant_achievement(text, text),
    award_eligible_achievements(text, text[]),
    enforce_soft_delete(), update_updated_at_column(), update_user_post_count(), update_follower_counts(),
    check_user_level_progression(), track_achievement_progress(), maintain_post_stats()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    compute_user_stats(text),
    apply_user_stats_delta(text, integer, integer, integer, integer, boolean),
    apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer),
    credit_user_balance(text, text, integer, text, text, text),
    grant_achievement(text, text),
    award_eligible_achievements(text, text[])
    TO sparkle_app;
