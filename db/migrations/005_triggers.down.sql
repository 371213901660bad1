-- Rolls back 005. Dropping a trigger function with CASCADE drops every trigger that calls it, including
-- copies that phase 007 re-created on partitioned tables, so no trigger of this phase is left behind.
DROP FUNCTION IF EXISTS public.enforce_soft_delete() CASCADE;
DROP FUNCTION IF EXISTS public.update_updated_at_column() CASCADE;
DROP FUNCTION IF EXISTS public.maintain_post_counters() CASCADE;
DROP FUNCTION IF EXISTS public.release_deleted_post() CASCADE;
DROP FUNCTION IF EXISTS public.maintain_follow_counters() CASCADE;
DROP FUNCTION IF EXISTS public.maintain_reaction_counters() CASCADE;
DROP FUNCTION IF EXISTS public.maintain_comment_counters() CASCADE;
DROP FUNCTION IF EXISTS public.release_deleted_comment() CASCADE;
DROP FUNCTION IF EXISTS public.maintain_link_counters() CASCADE;
DROP FUNCTION IF EXISTS public.track_achievement_progress() CASCADE;
DROP FUNCTION IF EXISTS public.check_user_level_progression() CASCADE;
DROP FUNCTION IF EXISTS public.queue_level_up() CASCADE;
DROP FUNCTION IF EXISTS public.settle_level_up() CASCADE;
DROP FUNCTION IF EXISTS public.derive_post_engagement_rate() CASCADE;
DROP FUNCTION IF EXISTS sparkle_db.guard_user_stats_counters() CASCADE;
DROP FUNCTION IF EXISTS sparkle_db.guard_post_stats_counters() CASCADE;
DROP FUNCTION IF EXISTS sparkle_db.guard_categories_counters() CASCADE;
DROP FUNCTION IF EXISTS sparkle_db.guard_tags_counters() CASCADE;

DROP PROCEDURE IF EXISTS sparkle_db.normalize_soft_delete(text, integer);
DROP FUNCTION IF EXISTS sparkle_db.repair_counters(integer);
DROP FUNCTION IF EXISTS sparkle_db.recount_rows(text, text[]);
DROP FUNCTION IF EXISTS sparkle_db.check_counters(integer);
DROP FUNCTION IF EXISTS sparkle_db.counter_differences(text, integer);
DROP FUNCTION IF EXISTS sparkle_db.install_counter_guard(text);
DROP FUNCTION IF EXISTS sparkle_db.award_crossed_achievements(text, integer, integer, text[]);
DROP FUNCTION IF EXISTS public.award_eligible_achievements(text, text[]);
DROP FUNCTION IF EXISTS public.grant_achievement(text, text);
DROP FUNCTION IF EXISTS public.credit_user_balance(text, text, integer, text, text, text);
DROP FUNCTION IF EXISTS sparkle_db.apply_post_changes(sparkle_db.post_change[], sparkle_db.post_change[], boolean);
DROP FUNCTION IF EXISTS sparkle_db.apply_reaction_changes(sparkle_db.reaction_change[], sparkle_db.reaction_change[], boolean);
DROP FUNCTION IF EXISTS public.apply_count_delta(text, text, integer);
DROP FUNCTION IF EXISTS public.apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean);
DROP FUNCTION IF EXISTS public.apply_user_stats_delta(text, integer, integer, integer, integer, integer, integer, boolean, boolean);
DROP FUNCTION IF EXISTS public.compute_user_stats(text);
DROP FUNCTION IF EXISTS sparkle_db.count_tag_posts(text);
DROP FUNCTION IF EXISTS sparkle_db.count_category_posts(text);
DROP FUNCTION IF EXISTS sparkle_db.count_post_stats(text);
DROP FUNCTION IF EXISTS sparkle_db.is_database_id(text);

DROP TYPE IF EXISTS sparkle_db.post_change, sparkle_db.follow_change, sparkle_db.reaction_change,
                    sparkle_db.comment_change, sparkle_db.link_change;
DROP TABLE IF EXISTS sparkle_db.pending_level_ups, sparkle_db.owned_effects, sparkle_db.owned_counters, sparkle_db.counter_tables;
