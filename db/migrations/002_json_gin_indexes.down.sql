-- sparkle-db:no-transaction
--
-- Rolls back phase 002: its three report views and its indexes, dropped concurrently (IF EXISTS: the ones
-- D107 stopped building are dropped too, for a database built before it).

DROP VIEW IF EXISTS json_column_coverage;
DROP VIEW IF EXISTS gin_index_summary;
DROP VIEW IF EXISTS json_index_report;

DROP INDEX CONCURRENTLY IF EXISTS idx_profile_theme_preference;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_notification_settings;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_privacy_settings;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_social_links;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_youtube_channel_data;
DROP INDEX CONCURRENTLY IF EXISTS idx_post_content;
DROP INDEX CONCURRENTLY IF EXISTS idx_post_sponsor_info;
DROP INDEX CONCURRENTLY IF EXISTS idx_post_youtube_video_data;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_guidelines;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_settings;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_custom_emojis;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_metadata;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_agenda;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_location_coords;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_recurrence;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_speakers;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_sponsors;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_materials;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_feedback;
DROP INDEX CONCURRENTLY IF EXISTS idx_trade_initiator_items;
DROP INDEX CONCURRENTLY IF EXISTS idx_trade_recipient_items;
DROP INDEX CONCURRENTLY IF EXISTS idx_quest_requirements;
DROP INDEX CONCURRENTLY IF EXISTS idx_quest_rewards;
DROP INDEX CONCURRENTLY IF EXISTS idx_quest_metadata;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_quest_progress;
DROP INDEX CONCURRENTLY IF EXISTS idx_achievement_criteria;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_ai_content_preferences;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_ai_writing_style;
DROP INDEX CONCURRENTLY IF EXISTS idx_ai_recommendation_context;
DROP INDEX CONCURRENTLY IF EXISTS idx_message_attachments;
DROP INDEX CONCURRENTLY IF EXISTS idx_message_reactions;
DROP INDEX CONCURRENTLY IF EXISTS idx_message_metadata;
DROP INDEX CONCURRENTLY IF EXISTS idx_message_edit_history;
DROP INDEX CONCURRENTLY IF EXISTS idx_conversation_settings;
DROP INDEX CONCURRENTLY IF EXISTS idx_poll_final_results;
DROP INDEX CONCURRENTLY IF EXISTS idx_poll_vote_metadata;
DROP INDEX CONCURRENTLY IF EXISTS idx_poll_option_metadata;
DROP INDEX CONCURRENTLY IF EXISTS idx_post_content_type;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_notification_language;
DROP INDEX CONCURRENTLY IF EXISTS idx_profile_notification_email_frequency;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_settings_max_members;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_settings_join_approval;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_location_lat;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_location_lng;
