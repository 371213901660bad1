-- Phase 005, part 9: privileges, and existing rows brought to the rules of this phase.

-- The triggers run as the role that fires them (the app's, sparkle_app). Trigger functions need no
-- EXECUTE to fire, but the helpers they call and the types they use do, and those live partly in schema
-- sparkle_db. Nothing here is meant to be called by anyone else directly.
GRANT USAGE ON SCHEMA sparkle_db TO sparkle_app;
GRANT USAGE ON TYPE sparkle_db.post_change, sparkle_db.follow_change, sparkle_db.reaction_change,
                    sparkle_db.comment_change, sparkle_db.link_change TO sparkle_app;

REVOKE EXECUTE ON FUNCTION
    sparkle_db.is_database_id(text),
    sparkle_db.count_user_stats(text), sparkle_db.count_post_stats(text),
    sparkle_db.count_category_posts(text), sparkle_db.count_tag_posts(text),
    public.compute_user_stats(text),
    public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean),
    public.apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean),
    public.apply_count_delta(text, text, integer),
    sparkle_db.apply_post_changes(sparkle_db.post_change[], sparkle_db.post_change[], boolean),
    sparkle_db.apply_reaction_changes(sparkle_db.reaction_change[], sparkle_db.reaction_change[], boolean),
    public.credit_user_balance(text, text, integer, text, text, text),
    public.grant_achievement(text, text),
    public.award_eligible_achievements(text, text[]),
    sparkle_db.install_counter_guard(text),
    sparkle_db.counter_differences(text, integer), sparkle_db.check_counters(integer),
    sparkle_db.recount_rows(text, text[]), sparkle_db.repair_counters(integer),
    public.enforce_soft_delete(), public.update_updated_at_column(), public.maintain_post_counters(),
    public.release_deleted_post(), public.maintain_follow_counters(), public.maintain_reaction_counters(),
    public.maintain_comment_counters(), public.release_deleted_comment(), public.maintain_link_counters(),
    public.track_achievement_progress(), public.check_user_level_progression(), public.settle_level_up(),
    public.derive_post_engagement_rate(),
    sparkle_db.guard_user_stats_counters(), sparkle_db.guard_post_stats_counters(),
    sparkle_db.guard_categories_counters(), sparkle_db.guard_tags_counters()
    FROM PUBLIC;

GRANT EXECUTE ON FUNCTION
    sparkle_db.is_database_id(text),
    sparkle_db.count_user_stats(text), sparkle_db.count_post_stats(text),
    sparkle_db.count_category_posts(text), sparkle_db.count_tag_posts(text),
    public.compute_user_stats(text),
    public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean),
    public.apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean),
    public.apply_count_delta(text, text, integer),
    sparkle_db.apply_post_changes(sparkle_db.post_change[], sparkle_db.post_change[], boolean),
    sparkle_db.apply_reaction_changes(sparkle_db.reaction_change[], sparkle_db.reaction_change[], boolean),
    public.credit_user_balance(text, text, integer, text, text, text),
    public.grant_achievement(text, text),
    public.award_eligible_achievements(text, text[])
    TO sparkle_app;

-- Rows written before this phase (or while its triggers were off) are brought to one soft-delete state.
-- The updates fire the triggers above, so the counters follow.
UPDATE public.posts SET deleted = true WHERE "contentStatus" = 'DELETED' AND NOT deleted;
UPDATE public.posts SET "contentStatus" = 'DELETED' WHERE deleted AND "contentStatus" <> 'DELETED';
DO $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['users', 'categories', 'posts', 'post_series', 'tags', 'comments',
                                   'achievements', 'user_achievements', 'trades', 'youtube_channels',
                                   'watch_parties', 'watch_party_chat', 'groups', 'events', 'conversations',
                                   'messages', 'chat_messages', 'polls', 'reports']
    LOOP
        EXECUTE format('UPDATE public.%I SET deleted = true WHERE "deletedAt" IS NOT NULL AND NOT deleted', v_table);
        EXECUTE format('UPDATE public.%I SET "deletedAt" = now() AT TIME ZONE %L WHERE deleted AND "deletedAt" IS NULL',
                       v_table, 'UTC');
    END LOOP;
END;
$$;
