-- Rolls back 005. Dropping a trigger function with CASCADE drops every trigger that calls it, including
-- copies that phase 007 re-created on partitioned tables, so no trigger of this phase is left behind.
DROP FUNCTION IF EXISTS enforce_soft_delete() CASCADE;
DROP FUNCTION IF EXISTS update_updated_at_column() CASCADE;
DROP FUNCTION IF EXISTS update_user_post_count() CASCADE;
DROP FUNCTION IF EXISTS update_follower_counts() CASCADE;
DROP FUNCTION IF EXISTS check_user_level_progression() CASCADE;
DROP FUNCTION IF EXISTS track_achievement_progress() CASCADE;
DROP FUNCTION IF EXISTS maintain_post_stats() CASCADE;
DROP FUNCTION IF EXISTS award_eligible_achievements(text, text[]);
DROP FUNCTION IF EXISTS grant_achievement(text, text);
DROP FUNCTION IF EXISTS credit_user_balance(text, text, integer, text, text, text);
DROP FUNCTION IF EXISTS apply_post_stats_delta(text, integer, integer, integer, integer, integer, integer);
DROP FUNCTION IF EXISTS apply_user_stats_delta(text, integer, integer, integer, integer, boolean);
DROP FUNCTION IF EXISTS compute_user_stats(text);
