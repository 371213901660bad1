-- sparkle-db:no-transaction
--
-- Rolls back phase 008: the usage tooling, the foreign-key indexes and the advanced indexes. Plain
-- tables lose their indexes concurrently (no lock on writers); the indexes of notifications and
-- activity_streams may sit on partitioned parents, which cannot be dropped concurrently, so those take
-- a brief exclusive lock instead. Every statement is re-runnable (IF EXISTS).

DROP FUNCTION IF EXISTS analyze_index_effectiveness();
DROP FUNCTION IF EXISTS find_unused_indexes();
DROP VIEW IF EXISTS index_usage_stats;

DROP INDEX IF EXISTS idx_notifications_unread_partial;
DROP INDEX IF EXISTS idx_notifications_display_covering;
DROP INDEX IF EXISTS idx_notifications_user_priority;
DROP INDEX IF EXISTS idx_activity_streams_hour;

DROP INDEX CONCURRENTLY IF EXISTS "posts_seriesId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "posts_parentVersionId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "mentions_mentionerId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "email_templates_createdBy_idx";
DROP INDEX CONCURRENTLY IF EXISTS "email_campaigns_templateId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "email_send_queue_templateId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "youtube_videos_youtubeChannelId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "watch_parties_youtubeVideoId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "watch_party_chat_replyToId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "messages_replyToId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "chat_rooms_createdBy_idx";
DROP INDEX CONCURRENTLY IF EXISTS "chat_messages_replyToId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "reports_resolvedBy_idx";
DROP INDEX CONCURRENTLY IF EXISTS "ai_moderation_queue_reviewedBy_idx";
DROP INDEX CONCURRENTLY IF EXISTS "ai_moderation_queue_entityId_idx";
DROP INDEX CONCURRENTLY IF EXISTS "site_settings_updatedBy_idx";
DROP INDEX CONCURRENTLY IF EXISTS idx_users_active_partial;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_profile_covering;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_username_lower;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_email_lower;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_discovery;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_creator_earnings;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_activity_tracking;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_stats_covering;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_published_partial;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_moderation_partial;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_listing_covering;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_published_date;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_published_month;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_feed_latest;
DROP INDEX CONCURRENTLY IF EXISTS idx_post_tags_gin;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_complex_filter;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_scheduled_publish;
DROP INDEX CONCURRENTLY IF EXISTS idx_posts_hot_content;
DROP INDEX CONCURRENTLY IF EXISTS idx_conversations_active_partial;
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_delivery_queue;
DROP INDEX CONCURRENTLY IF EXISTS idx_message_reads_tracking;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_interests_gin;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_skills_gin;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_tags_gin;
DROP INDEX CONCURRENTLY IF EXISTS idx_event_categories_gin;
DROP INDEX CONCURRENTLY IF EXISTS idx_groups_discovery;
DROP INDEX CONCURRENTLY IF EXISTS idx_events_discovery;
DROP INDEX CONCURRENTLY IF EXISTS idx_user_achievements_progress;
DROP INDEX CONCURRENTLY IF EXISTS idx_watch_parties_active;
DROP INDEX CONCURRENTLY IF EXISTS idx_reactions_join;
DROP INDEX CONCURRENTLY IF EXISTS idx_comments_thread;
DROP INDEX CONCURRENTLY IF EXISTS idx_group_members_active;
DROP INDEX CONCURRENTLY IF EXISTS idx_tags_trending;
