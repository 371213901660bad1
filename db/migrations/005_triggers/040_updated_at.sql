-- Phase 005, part 4: "updatedAt" (PHASES.md 5.3).
--
-- Prisma's @updatedAt is filled by the client, not the database; rows written by SQL (database code,
-- operators, other clients) would otherwise keep a stale value or fail the NOT NULL column. The 43
-- @updatedAt tables of PHASES.md Appendix A, plus user_ai_preferences."lastUpdated" (@updatedAt under
-- another name).

CREATE OR REPLACE FUNCTION public.update_updated_at_column()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
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

DO $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY[
        'accounts', 'achievements', 'ai_assistant_conversations', 'blocks', 'bookmark_folders', 'categories',
        'collaborative_spaces', 'comments', 'content_filters', 'conversations', 'data_retention_policies',
        'email_campaigns', 'email_templates', 'events', 'experiments', 'feature_flags', 'follows',
        'group_posts', 'groups', 'newsletter_subscriptions', 'notification_preferences', 'notifications',
        'playlists', 'polls', 'post_series', 'post_stats', 'posts', 'profiles', 'quests', 'reports',
        'scheduled_actions', 'security_alerts', 'sessions', 'store_items', 'trades', 'user_balances',
        'user_stats', 'user_subscriptions', 'users', 'video_analytics', 'watch_parties', 'webhooks',
        'youtube_channels']
    LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE INSERT OR UPDATE ON public.%I '
                       'FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column()',
                       'update_updated_at_' || v_table, v_table);
    END LOOP;
END;
$$;

CREATE OR REPLACE TRIGGER update_updated_at_user_ai_preferences
    BEFORE INSERT OR UPDATE ON public.user_ai_preferences
    FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column('lastUpdated');
