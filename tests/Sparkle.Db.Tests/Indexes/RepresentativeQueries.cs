namespace Sparkle.Db.Tests.Indexes;

/// <summary>
/// For each index the project builds, a query of the platform that the index exists to serve, written
/// against <see cref="IndexDataSet"/>. The plan tests run each with sequential scans disabled and expect the
/// index by name in the plan: if a definition drifts from its query (a predicate the query no longer
/// implies, a column order it cannot use), the test names the index.
/// </summary>
internal static class RepresentativeQueries
{
    public static IReadOnlyDictionary<string, string> ByIndex { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["idx_profile_theme_preference"] =
            """
            SELECT id FROM profiles WHERE "themePreference" @> '{"mode": "dark"}'
            """,
        ["idx_profile_notification_settings"] =
            """
            SELECT id FROM profiles WHERE "notificationSettings" ? 'push'
            """,
        ["idx_profile_privacy_settings"] =
            """
            SELECT id FROM profiles WHERE "privacySettings" @> '{"showEmail": true}'
            """,
        ["idx_profile_social_links"] =
            """
            SELECT id FROM profiles WHERE "socialLinks" ? 'twitter'
            """,
        ["idx_profile_youtube_channel_data"] =
            """
            SELECT id FROM profiles WHERE "youtubeChannelData" @> '{"channelId": "UC9"}'
            """,
        ["idx_post_content"] =
            """
            SELECT id FROM posts WHERE content @> '{"blocks": [{"type": "paragraph", "text": "hello 7"}]}'
            """,
        ["idx_post_sponsor_info"] =
            """
            SELECT id FROM posts WHERE "sponsorInfo" @> '{"sponsor": "brand3"}'
            """,
        ["idx_post_youtube_video_data"] =
            """
            SELECT id FROM posts WHERE "youtubeVideoData" @> '{"videoId": "v12"}'
            """,
        ["idx_group_guidelines"] =
            """
            SELECT id FROM groups WHERE guidelines @> '{"rule": "be nice 2"}'
            """,
        ["idx_group_settings"] =
            """
            SELECT id FROM groups WHERE settings ? 'maxMembers'
            """,
        ["idx_group_custom_emojis"] =
            """
            SELECT id FROM groups WHERE "customEmojis" ? 'sparkle1'
            """,
        ["idx_group_metadata"] =
            """
            SELECT id FROM groups WHERE metadata @> '{"region": "eu1"}'
            """,
        ["idx_event_agenda"] =
            """
            SELECT id FROM events WHERE agenda @> '[{"slot": 2}]'
            """,
        ["idx_event_location_coords"] =
            """
            SELECT id FROM events WHERE "locationCoords" @> '{"lat": "45"}'
            """,
        ["idx_event_recurrence"] =
            """
            SELECT id FROM events WHERE recurrence @> '{"freq": "weekly"}'
            """,
        ["idx_event_speakers"] =
            """
            SELECT id FROM events WHERE speakers @> '[{"userId": "u17"}]'
            """,
        ["idx_event_sponsors"] =
            """
            SELECT id FROM events WHERE sponsors @> '[{"name": "brand3"}]'
            """,
        ["idx_event_materials"] =
            """
            SELECT id FROM events WHERE materials @> '[{"url": "https://example.test/m9"}]'
            """,
        ["idx_event_feedback"] =
            """
            SELECT id FROM events WHERE feedback @> '{"enabled": true}'
            """,
        ["idx_trade_initiator_items"] =
            """
            SELECT id FROM trades WHERE "initiatorItems" @> '[{"itemId": "item7"}]'
            """,
        ["idx_trade_recipient_items"] =
            """
            SELECT id FROM trades WHERE "recipientItems" @> '[{"itemId": "item7"}]'
            """,
        ["idx_quest_requirements"] =
            """
            SELECT id FROM quests WHERE requirements @> '{"posts": 3}'
            """,
        ["idx_quest_rewards"] =
            """
            SELECT id FROM quests WHERE rewards @> '{"xp": 50}'
            """,
        ["idx_quest_metadata"] =
            """
            SELECT id FROM quests WHERE metadata @> '{"season": 1}'
            """,
        ["idx_user_quest_progress"] =
            """
            SELECT id FROM user_quests WHERE progress ? 'step3'
            """,
        ["idx_achievement_criteria"] =
            """
            SELECT id FROM achievements WHERE criteria @> '{"posts": 10}'
            """,
        ["idx_user_ai_content_preferences"] =
            """
            SELECT id FROM user_ai_preferences WHERE "contentPreferences" @> '{"likes": "genre3"}'
            """,
        ["idx_user_ai_writing_style"] =
            """
            SELECT id FROM user_ai_preferences WHERE "writingStyle" @> '{"tone": "tone2"}'
            """,
        ["idx_ai_recommendation_context"] =
            """
            SELECT id FROM ai_recommendations WHERE context @> '{"device": "d3"}'
            """,
        ["idx_message_attachments"] =
            """
            SELECT id FROM messages WHERE "conversationId" = 'c8' AND attachments @> '[{"type": "image"}]'
            """,
        ["idx_message_reactions"] =
            """
            SELECT id FROM messages WHERE "conversationId" = 'c8' AND reactions ? '👍'
            """,
        ["idx_message_metadata"] =
            """
            SELECT id FROM messages WHERE "conversationId" = 'c10' AND metadata @> '{"client": "web1"}'
            """,
        ["idx_message_edit_history"] =
            """
            SELECT id FROM messages WHERE "editHistory" @> ARRAY['{"content": "old 15"}'::jsonb] AND array_length("editHistory", 1) > 0
            """,
        ["idx_conversation_settings"] =
            """
            SELECT id FROM conversations WHERE settings @> '{"muted": true}'
            """,
        ["idx_poll_final_results"] =
            """
            SELECT id FROM polls WHERE "finalResults" @> '{"winner": "o1"}'
            """,
        ["idx_poll_vote_metadata"] =
            """
            SELECT id FROM poll_votes WHERE metadata @> '{"device": "d2"}'
            """,
        ["idx_poll_option_metadata"] =
            """
            SELECT id FROM poll_options WHERE metadata @> '{"color": "c2"}'
            """,
        ["idx_post_content_type"] =
            """
            SELECT id FROM posts WHERE content ->> 'type' = 'video'
            """,
        ["idx_profile_notification_language"] =
            """
            SELECT id FROM profiles WHERE "notificationSettings" ->> 'language' = 'fr'
            """,
        ["idx_profile_notification_email_frequency"] =
            """
            SELECT id FROM profiles WHERE "notificationSettings" ->> 'emailDigestFrequency' = 'weekly'
            """,
        ["idx_group_settings_max_members"] =
            """
            SELECT id FROM groups WHERE settings ->> 'maxMembers' = '500'
            """,
        ["idx_group_settings_join_approval"] =
            """
            SELECT id FROM groups WHERE settings ->> 'joinApproval' = 'true'
            """,
        ["idx_event_location_lat"] =
            """
            SELECT id FROM events WHERE "locationCoords" ->> 'lat' = '45'
            """,
        ["idx_event_location_lng"] =
            """
            SELECT id FROM events WHERE "locationCoords" ->> 'lng' = '90'
            """,
        ["idx_notifications_display_covering"] =
            """
            SELECT type, title, "imageUrl", read, priority, "createdAt" FROM notifications WHERE "userId" = 'u42' AND dismissed = false ORDER BY "createdAt" DESC LIMIT 50
            """,
        ["idx_notifications_user_priority"] =
            """
            SELECT id, type, title, message, "createdAt" FROM notifications WHERE "userId" = 'u42' ORDER BY priority DESC, "createdAt" DESC LIMIT 21
            """,
        ["idx_users_username_lower"] =
            """
            SELECT id FROM users WHERE lower(username) = lower('User42')
            """,
        ["idx_users_email_lower"] =
            """
            SELECT id FROM users WHERE lower(email) = lower('User42@Example.test')
            """,
        ["idx_posts_published_date"] =
            """
            SELECT count(*) FROM posts WHERE published = true AND date("publishedAt") = date '2026-02-01'
            """,
        ["idx_posts_published_month"] =
            """
            SELECT id, title, "publishedAt" FROM posts WHERE published = true AND deleted = false AND date_trunc('month', "publishedAt") = timestamp '2026-02-01' ORDER BY "publishedAt" DESC LIMIT 50
            """,
        ["idx_posts_feed_latest"] =
            """
            SELECT id, slug, title FROM posts WHERE published = true AND "contentStatus" = 'PUBLISHED' ORDER BY "createdAt" DESC LIMIT 21
            """,
        ["idx_post_tags_gin"] =
            """
            SELECT id FROM posts WHERE "metaKeywords" @> ARRAY['kw7']
            """,
        ["idx_posts_complex_filter"] =
            """
            SELECT id FROM posts WHERE "categoryId" = 'cat3' AND "contentType" = 'NEWS' AND "moderationStatus" = 'APPROVED' AND published = true AND deleted = false ORDER BY "publishedAt" DESC LIMIT 20
            """,
        ["idx_posts_scheduled_publish"] =
            """
            SELECT id FROM posts WHERE "contentStatus" = 'SCHEDULED' AND deleted = false AND "scheduledPublishAt" <= timestamp '2026-07-01' ORDER BY "scheduledPublishAt"
            """,
        ["idx_messages_delivery_queue"] =
            """
            SELECT id FROM messages WHERE "conversationId" = 'c8' AND status IN ('SENT', 'DELIVERED') AND deleted = false ORDER BY "createdAt"
            """,
        ["idx_group_members_active"] =
            """
            SELECT "userId" FROM group_members WHERE "groupId" = 'g7' AND role = 'MODERATOR' AND "bannedUntil" IS NULL ORDER BY "lastActiveAt" DESC
            """,
        ["idx_users_activity_tracking"] =
            """
            SELECT id FROM users WHERE deleted = false AND "onlineStatus" = true ORDER BY "lastSeenAt" DESC LIMIT 50
            """,
        ["posts_seriesId_idx"] =
            """
            SELECT id FROM posts WHERE "seriesId" = 'ps3'
            """,
        ["posts_parentVersionId_idx"] =
            """
            SELECT id FROM posts WHERE "parentVersionId" = 'p1'
            """,
        ["mentions_mentionerId_idx"] =
            """
            SELECT id FROM mentions WHERE "mentionerId" = 'u3'
            """,
        ["email_templates_createdBy_idx"] =
            """
            SELECT id FROM email_templates WHERE "createdBy" = 'u3'
            """,
        ["email_campaigns_templateId_idx"] =
            """
            SELECT id FROM email_campaigns WHERE "templateId" = 'et3'
            """,
        ["email_send_queue_templateId_idx"] =
            """
            SELECT id FROM email_send_queue WHERE "templateId" = 'et3'
            """,
        ["youtube_videos_youtubeChannelId_idx"] =
            """
            SELECT id FROM youtube_videos WHERE "youtubeChannelId" = 'yc3'
            """,
        ["watch_parties_youtubeVideoId_idx"] =
            """
            SELECT id FROM watch_parties WHERE "youtubeVideoId" = 'vid3'
            """,
        ["watch_party_chat_replyToId_idx"] =
            """
            SELECT id FROM watch_party_chat WHERE "replyToId" = 'wc4'
            """,
        ["messages_replyToId_idx"] =
            """
            SELECT id FROM messages WHERE "replyToId" = 'm16'
            """,
        ["chat_rooms_createdBy_idx"] =
            """
            SELECT id FROM chat_rooms WHERE "createdBy" = 'u3'
            """,
        ["chat_messages_replyToId_idx"] =
            """
            SELECT id FROM chat_messages WHERE "replyToId" = 'cmsg3'
            """,
        ["reports_resolvedBy_idx"] =
            """
            SELECT id FROM reports WHERE "resolvedBy" = 'u1'
            """,
        ["ai_moderation_queue_reviewedBy_idx"] =
            """
            SELECT id FROM ai_moderation_queue WHERE "reviewedBy" = 'u2'
            """,
        ["ai_moderation_queue_entityId_idx"] =
            """
            SELECT id FROM ai_moderation_queue WHERE "entityId" = 'p3'
            """,
        ["site_settings_updatedBy_idx"] =
            """
            SELECT key FROM site_settings WHERE "updatedBy" = 'u3'
            """,
    };
}
