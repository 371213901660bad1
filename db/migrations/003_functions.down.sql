-- Rolls back 003. Runs after 004 and 005 were rolled back (their objects call these functions).
-- The role sparkle_app is left in place: phase 001 owns it.
DROP FUNCTION IF EXISTS check_achievement_eligibility(text, text);
DROP FUNCTION IF EXISTS sparkle_db.achievement_threshold(text);
DROP FUNCTION IF EXISTS sparkle_db.count_user_stats(text);
DROP FUNCTION IF EXISTS validate_soft_delete(text, text);
DROP FUNCTION IF EXISTS calculate_reputation_score(text);
DROP FUNCTION IF EXISTS update_post_stats(text);
DROP FUNCTION IF EXISTS compute_post_stats(text);
DROP FUNCTION IF EXISTS calculate_engagement_rate(text);
DROP FUNCTION IF EXISTS post_engagement_ratio(bigint, bigint);
DROP FUNCTION IF EXISTS calculate_user_level(integer);
