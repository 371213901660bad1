-- Phase 005, part 6: level-ups, rewards and achievements (PHASES.md 5.6-5.8, docs/DECISIONS.md D4-D6).
--
-- The app pays these effects itself in some paths (gamification.service: awardXP raises experience and
-- level, pays each level's rewards as currency_transactions with source level_up and sourceId = the level,
-- and sends a LEVEL_UP notification; unlockAchievement grants and pays an achievement it finds eligible).
-- The database performs each effect only where the app has not (sparkle_db.owned_effects):
--
-- * level-ups settle at commit (queued in sparkle_db.pending_level_ups, whose deferred constraint trigger runs at
--   commit): by then the app's own ledger rows and
--   notification, written later in the same transaction, are visible, and only what is missing is done;
-- * an achievement is granted in the statement that makes the user eligible, once: the holding
--   (user_achievements with progress 1) is the proof, and the app skips a holding it finds unlocked.

-- Rewards ------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.credit_user_balance(
    p_user_id     text,
    p_currency    text,
    p_amount      integer,
    p_source      text,
    p_source_id   text,
    p_description text)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_now   timestamp(3) := now() AT TIME ZONE 'UTC';
    v_after integer;
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'credit_user_balance: p_user_id is % bytes; arguments are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(p_currency) > 255 THEN
        RAISE EXCEPTION 'credit_user_balance: p_currency is % bytes; arguments are at most 255', octet_length(p_currency)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(p_source) > 255 THEN
        RAISE EXCEPTION 'credit_user_balance: p_source is % bytes; arguments are at most 255', octet_length(p_source)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(p_source_id) > 255 THEN
        RAISE EXCEPTION 'credit_user_balance: p_source_id is % bytes; arguments are at most 255', octet_length(p_source_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(p_description) > 1000 THEN
        RAISE EXCEPTION 'credit_user_balance: p_description is % bytes; at most 1000', octet_length(p_description)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF p_currency IS NULL OR p_currency NOT IN ('sparkle', 'premium') THEN
        RAISE EXCEPTION 'credit_user_balance: unknown currency %', quote_nullable(p_currency)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF COALESCE(p_amount, 0) <= 0 THEN
        RETURN;
    END IF;

    -- Paid the way the app pays (gamification.service): users."sparklePoints"/"premiumPoints" (the balance
    -- the ledger chains), user_balances (created if missing), one currency_transactions row. users.version
    -- is the app's optimistic-locking counter: bumping it makes a concurrent read-modify-write of the
    -- balance fail instead of overwriting this credit.
    UPDATE public.users u
       SET "sparklePoints" = u."sparklePoints" + CASE WHEN p_currency = 'sparkle' THEN p_amount ELSE 0 END,
           "premiumPoints" = u."premiumPoints" + CASE WHEN p_currency = 'premium' THEN p_amount ELSE 0 END,
           version         = u.version + 1
     WHERE u.id = p_user_id
    RETURNING CASE WHEN p_currency = 'sparkle' THEN u."sparklePoints" ELSE u."premiumPoints" END INTO v_after;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'credit_user_balance: no user %', p_user_id USING ERRCODE = 'foreign_key_violation';
    END IF;

    INSERT INTO public.user_balances AS b (id, "userId", "sparklePoints", "premiumPoints", "lifetimeEarned",
                                           "lastTransactionAt", "updatedAt")
    VALUES (gen_random_uuid()::text, p_user_id,
            CASE WHEN p_currency = 'sparkle' THEN p_amount ELSE 0 END,
            CASE WHEN p_currency = 'premium' THEN p_amount ELSE 0 END,
            CASE WHEN p_currency = 'sparkle' THEN p_amount ELSE 0 END,
            v_now, v_now)
    ON CONFLICT ("userId") DO UPDATE
       SET "sparklePoints"     = b."sparklePoints" + EXCLUDED."sparklePoints",
           "premiumPoints"     = b."premiumPoints" + EXCLUDED."premiumPoints",
           "lifetimeEarned"    = b."lifetimeEarned" + EXCLUDED."lifetimeEarned",
           version             = b.version + 1,
           "lastTransactionAt" = v_now;

    INSERT INTO public.currency_transactions (
        id, "userId", amount, "currencyType", "transactionType", source, "sourceId", description,
        "balanceBefore", "balanceAfter", "createdAt")
    VALUES (gen_random_uuid()::text, p_user_id, p_amount, p_currency, 'earn', p_source, p_source_id,
            p_description, v_after - p_amount, v_after, v_now);
END;
$$;

COMMENT ON FUNCTION public.credit_user_balance(text, text, integer, text, text, text) IS
    'Credits sparkle or premium points as the app does: users balance, user_balances (created if missing) and '
    'one currency_transactions row (earn) with balances before and after.';

-- Achievements (5.8) -------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.grant_achievement(p_user_id text, p_achievement_code text)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_now      timestamp(3) := now() AT TIME ZONE 'UTC';
    v_ach      public.achievements%ROWTYPE;
    v_granted  integer;
    v_total_xp integer;
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'grant_achievement: p_user_id is % bytes; arguments are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(p_achievement_code) > 255 THEN
        RAISE EXCEPTION 'grant_achievement: p_achievement_code is % bytes; arguments are at most 255', octet_length(p_achievement_code)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    SELECT * INTO v_ach FROM public.achievements a WHERE a.code = p_achievement_code AND NOT a.deleted;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    -- The app records progress toward an achievement in the same row (progress < 1); such a row becomes
    -- the grant. A row already unlocked (progress 1, by the database or by the app's unlockAchievement),
    -- or soft-deleted (revoked, D5), is left alone and nothing is paid again (D-21).
    INSERT INTO public.user_achievements AS ua (id, "userId", "achievementId", progress, "unlockedAt", notified,
                                                "claimedRewards")
    VALUES (gen_random_uuid()::text, p_user_id, v_ach.id, 1.0, v_now, false, false)
    ON CONFLICT ("userId", "achievementId") DO UPDATE
       SET progress = 1.0, "unlockedAt" = EXCLUDED."unlockedAt"
     WHERE ua.progress < 1 AND NOT ua.deleted;
    GET DIAGNOSTICS v_granted = ROW_COUNT;
    IF v_granted = 0 THEN
        RETURN;
    END IF;

    INSERT INTO public.notifications (id, type, "userId", "entityId", "entityType", title, message, priority,
                                      "imageUrl", "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, 'ACHIEVEMENT_UNLOCKED', p_user_id, v_ach.id, 'achievement',
            'Achievement Unlocked!',
            'You unlocked: ' || v_ach.name
                || CASE WHEN NULLIF(v_ach."shortDescription", '') IS NOT NULL
                        THEN ' - ' || v_ach."shortDescription" ELSE '' END,
            1, v_ach.icon, v_now, v_now);

    IF v_ach."xpReward" > 0 THEN
        -- Fires user_level_progression; a level reached this way settles at commit. The XP is logged
        -- here under its real source (D4).
        UPDATE public.users u
           SET experience = u.experience + v_ach."xpReward",
               version    = u.version + 1
         WHERE u.id = p_user_id
        RETURNING u.experience INTO v_total_xp;

        INSERT INTO public.xp_logs (id, "userId", amount, source, "sourceId", reason, "totalXp", "createdAt")
        VALUES (gen_random_uuid()::text, p_user_id, v_ach."xpReward", 'achievement', v_ach.id,
                'Achievement unlocked: ' || v_ach.code, v_total_xp, v_now);
    END IF;

    PERFORM public.credit_user_balance(p_user_id, 'sparkle', v_ach."sparklePointsReward", 'achievement', v_ach.id,
                                       'Achievement reward: ' || v_ach.name);
    PERFORM public.credit_user_balance(p_user_id, 'premium', v_ach."premiumPointsReward", 'achievement', v_ach.id,
                                       'Achievement reward: ' || v_ach.name);
END;
$$;

COMMENT ON FUNCTION public.grant_achievement(text, text) IS
    'Grants an achievement once: unlocks the holding (new, or the app''s progress row) and, only then, notifies '
    'and pays xpReward, sparklePointsReward and premiumPointsReward.';

CREATE OR REPLACE FUNCTION public.award_eligible_achievements(p_user_id text, p_codes text[])
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_code text;
BEGIN
    IF octet_length(p_user_id) > 255 THEN
        RAISE EXCEPTION 'award_eligible_achievements: p_user_id is % bytes; ids are at most 255', octet_length(p_user_id)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    IF octet_length(array_to_string(p_codes, '')) > 4096 THEN
        RAISE EXCEPTION 'award_eligible_achievements: p_codes is % bytes; at most 4096', octet_length(array_to_string(p_codes, ''))
            USING ERRCODE = 'string_data_right_truncation';
    END IF;
    FOREACH v_code IN ARRAY p_codes LOOP
        IF public.check_achievement_eligibility(p_user_id, v_code) THEN
            PERFORM public.grant_achievement(p_user_id, v_code);
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION public.award_eligible_achievements(text, text[]) IS
    'Grants each listed achievement the user is eligible for (check_achievement_eligibility, grant_achievement).';

CREATE OR REPLACE FUNCTION public.track_achievement_progress()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Posts, follows and reactions check their achievements in their counter triggers (050), after the
    -- counters they read are written; streaks and level 10 are checked here.
    IF TG_TABLE_NAME = 'user_stats' THEN
        PERFORM public.award_eligible_achievements(NEW."userId", ARRAY['STREAK_WEEK', 'STREAK_MONTH']);
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM public.award_eligible_achievements(NEW.id, ARRAY['LEVEL_10']);
    ELSE
        RAISE EXCEPTION 'track_achievement_progress: not meant for table %', TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END;
$$;

-- Level-ups (5.6) ----------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION public.check_user_level_progression()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_level integer := public.calculate_user_level(NEW.experience);
BEGIN
    -- The level follows the experience (level_configs) and never decreases; a higher level the app
    -- computed itself is kept. Rewards and the notification settle at commit (queue_level_up, settle_level_up).
    IF v_level > OLD.level AND v_level > NEW.level THEN
        NEW.level := v_level;
    END IF;
    RETURN NEW;
END;
$$;

-- Level-ups settle at commit. A deferred constraint trigger is how PostgreSQL runs code at commit, but a
-- constraint trigger on public.users (a pg_constraint row of type 't' in public) makes Prisma's schema
-- engine fail (prisma db pull and migrate diff stop with "Error in Schema engine"), so the users trigger
-- queues the level-up in a table of sparkle_db, which Prisma never reads, and the constraint trigger is
-- on that table. A queued row lives only until its transaction commits.
CREATE TABLE IF NOT EXISTS sparkle_db.pending_level_ups (
    id         text    PRIMARY KEY,
    user_id    text    NOT NULL,
    from_level integer NOT NULL,
    to_level   integer NOT NULL
);

COMMENT ON TABLE sparkle_db.pending_level_ups IS
    'Level-ups raised in open transactions, settled (rewards, LEVEL_UP notification) and removed at their commit.';

-- The trigger functions run as the application's role.
GRANT SELECT, INSERT, DELETE ON sparkle_db.pending_level_ups TO sparkle_app;

CREATE OR REPLACE FUNCTION public.queue_level_up()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO sparkle_db.pending_level_ups (id, user_id, from_level, to_level)
    VALUES (gen_random_uuid()::text, NEW.id, OLD.level, NEW.level);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.settle_level_up()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_now     timestamp(3) := now() AT TIME ZONE 'UTC';
    v_current integer;
    v_title   text;
    lc        record;
BEGIN
    -- Runs at commit for each queued level-up (queue_level_up). Every level crossed pays its own rewards, each
    -- level once per user (D4): a reward already in the ledger (the app's handleLevelUp earlier in this
    -- transaction, or a level reached before an administrative reset) is not paid again.
    FOR lc IN
        SELECT c.level, c."sparkleReward", c."premiumReward"
          FROM public.level_configs c
         WHERE c.level > NEW.from_level AND c.level <= NEW.to_level
         ORDER BY c.level
    LOOP
        IF lc."sparkleReward" > 0 AND NOT EXISTS (
               SELECT 1 FROM public.currency_transactions ct
                WHERE ct."userId" = NEW.user_id AND ct.source = 'level_up'
                  AND ct."sourceId" = lc.level::text AND ct."currencyType" = 'sparkle') THEN
            PERFORM public.credit_user_balance(NEW.user_id, 'sparkle', lc."sparkleReward", 'level_up', lc.level::text,
                                               format('Level %s reward', lc.level));
        END IF;
        IF lc."premiumReward" > 0 AND NOT EXISTS (
               SELECT 1 FROM public.currency_transactions ct
                WHERE ct."userId" = NEW.user_id AND ct.source = 'level_up'
                  AND ct."sourceId" = lc.level::text AND ct."currencyType" = 'premium') THEN
            PERFORM public.credit_user_balance(NEW.user_id, 'premium', lc."premiumReward", 'level_up', lc.level::text,
                                               format('Level %s reward', lc.level));
        END IF;
    END LOOP;

    -- One LEVEL_UP notification per level-up, for the level reached: only the update that reached the
    -- user's level at commit notifies, and not when one for that level exists (the app's own, created in
    -- this transaction or committed by its notification service just before).
    DELETE FROM sparkle_db.pending_level_ups q WHERE q.id = NEW.id;
    SELECT u.level INTO v_current FROM public.users u WHERE u.id = NEW.user_id;
    IF v_current IS DISTINCT FROM NEW.to_level OR EXISTS (
           SELECT 1 FROM public.notifications n
            WHERE n."userId" = NEW.user_id AND n.type = 'LEVEL_UP' AND n."entityId" = NEW.to_level::text) THEN
        RETURN NULL;
    END IF;

    SELECT c.title INTO v_title FROM public.level_configs c WHERE c.level = NEW.to_level;
    INSERT INTO public.notifications (id, type, "userId", "entityId", "entityType", title, message, data,
                                      priority, "createdAt", "updatedAt")
    VALUES (gen_random_uuid()::text, 'LEVEL_UP', NEW.user_id, NEW.to_level::text, 'level',
            format('Level Up! You reached level %s!', NEW.to_level),
            format('Congratulations! You are now a %s!', COALESCE(NULLIF(v_title, ''), 'Level ' || NEW.to_level)),
            jsonb_build_object('oldLevel', NEW.from_level, 'newLevel', NEW.to_level),
            1, v_now, v_now);
    -- No xp_logs row: the XP change is logged by whoever made it, under its real source (D4).
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER user_level_progression
    BEFORE UPDATE OF experience ON public.users
    FOR EACH ROW
    WHEN (OLD.experience IS DISTINCT FROM NEW.experience)
    EXECUTE FUNCTION public.check_user_level_progression();

CREATE OR REPLACE TRIGGER queue_level_up
    AFTER UPDATE ON public.users
    FOR EACH ROW
    WHEN (NEW.level > OLD.level)
    EXECUTE FUNCTION public.queue_level_up();

-- DROP + CREATE because constraint triggers have no CREATE OR REPLACE. One 005 version put this trigger on
-- public.users itself; that one is removed here.
DROP TRIGGER IF EXISTS settle_level_up ON public.users;
DROP TRIGGER IF EXISTS settle_level_up ON sparkle_db.pending_level_ups;
CREATE CONSTRAINT TRIGGER settle_level_up
    AFTER INSERT ON sparkle_db.pending_level_ups
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION public.settle_level_up();

-- LEVEL_10 has a rule in 3.6 but no trigger in the drafts; granted when a level change crosses 10. An
-- AFTER trigger because the grant updates the same users row (XP reward). No column list: the level is
-- usually raised by user_level_progression, which UPDATE OF would not see.
CREATE OR REPLACE TRIGGER track_level_achievements
    AFTER UPDATE ON public.users
    FOR EACH ROW
    WHEN (OLD.level < 10 AND NEW.level >= 10)
    EXECUTE FUNCTION public.track_achievement_progress();

-- Only when a threshold is crossed (old < 7 <= new, old < 30 <= new): a nightly bulk update of all
-- streaks then costs nothing for the rows that cross none.
CREATE OR REPLACE TRIGGER track_streak_achievements
    AFTER UPDATE OF "streakDays" ON public.user_stats
    FOR EACH ROW
    WHEN ((OLD."streakDays" < 7 AND NEW."streakDays" >= 7) OR (OLD."streakDays" < 30 AND NEW."streakDays" >= 30))
    EXECUTE FUNCTION public.track_achievement_progress();
