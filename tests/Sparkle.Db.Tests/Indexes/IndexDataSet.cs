namespace Sparkle.Db.Tests.Indexes;

/// <summary>
/// A small, deterministic data set for plan tests: a few thousand rows in the tables the plan indexes,
/// with the selectivities the indexes are meant for (a third of messages carry images, a fifth of posts are
/// unpublished, one user in ten is online, ...). Triggers and foreign-key checks are off while loading
/// (session_replication_role = replica): the rows are consistent by construction, and the subject here is
/// the planner, not the triggers of other phases.
/// </summary>
internal static class IndexDataSet
{
    public const string Sql =
        """
        SET session_replication_role = replica;
        INSERT INTO users (id, email, username, "updatedAt", status, role, verified, level, "lastSeenAt", "onlineStatus", deleted, "totalRevenueEarned", image)
        SELECT 'u' || g, 'user' || g || '@example.test', 'user' || g, now(),
               (CASE WHEN g % 4 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END)::"UserStatus",
               (CASE WHEN g % 20 = 0 THEN 'CREATOR' WHEN g % 33 = 0 THEN 'VERIFIED_CREATOR' ELSE 'USER' END)::"UserRole",
               g % 7 = 0, 1 + g % 30, now() - g * interval '1 minute', g % 10 = 0, g % 50 = 0, g * 100, 'https://cdn.example.test/a/' || g || '.png'
        FROM generate_series(1, 2000) g;
        INSERT INTO user_stats (id, "userId", "updatedAt", "totalFollowers", "totalPosts", "engagementRate")
        SELECT 'us' || g, 'u' || g, now(), g % 100, g % 10, (g % 100) / 100.0 FROM generate_series(1, 2000) g;
        INSERT INTO profiles (id, "userId", "updatedAt", "notificationSettings", "privacySettings", "themePreference", "socialLinks", "youtubeChannelData", interests, skills)
        SELECT 'pr' || g, 'u' || g, now(),
               jsonb_build_object('language', (ARRAY['en','fr','de','ja'])[1 + g % 4], 'emailDigestFrequency', (ARRAY['daily','weekly','never'])[1 + g % 3], 'push', g % 2 = 0),
               jsonb_build_object('showEmail', g % 2 = 0),
               CASE WHEN g % 3 = 0 THEN jsonb_build_object('mode', 'dark') END,
               CASE WHEN g % 5 = 0 THEN jsonb_build_object('twitter', '@user' || g) END,
               CASE WHEN g % 9 = 0 THEN jsonb_build_object('channelId', 'UC' || g) END,
               ARRAY['anime', 'music' || g % 40], ARRAY['drawing' || g % 25]
        FROM generate_series(1, 2000) g;
        INSERT INTO categories (id, name, slug, "updatedAt") SELECT 'cat' || g, 'Category ' || g, 'category-' || g, now() FROM generate_series(1, 10) g;
        INSERT INTO posts (id, slug, title, content, "updatedAt", "authorId", "categoryId", published, deleted, "publishedAt", "moderationStatus", "contentType", "contentStatus", "scheduledPublishAt", views, "sponsorInfo", "youtubeVideoData", "metaKeywords", "coverImage", "createdAt")
        SELECT 'p' || g, 'post-' || g, 'Post ' || g,
               jsonb_build_object('type', (ARRAY['doc','video','gallery'])[1 + g % 3], 'blocks', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'text', 'hello ' || g))),
               now(), 'u' || (1 + g % 2000), 'cat' || (1 + g % 10), g % 5 <> 0, g % 40 = 0,
               CASE WHEN g % 5 <> 0 THEN timestamp '2026-01-01' + g * interval '1 hour' END,
               (CASE WHEN g % 25 = 0 THEN 'PENDING' ELSE 'APPROVED' END)::"ModerationStatus",
               (ARRAY['BLOG','NEWS','TUTORIAL'])[1 + g % 3]::"ContentType",
               (CASE WHEN g % 5 = 0 AND g % 2 = 0 THEN 'SCHEDULED' WHEN g % 5 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END)::"ContentStatus",
               CASE WHEN g % 5 = 0 AND g % 2 = 0 THEN timestamp '2026-06-01' + g * interval '1 hour' END,
               g % 1000,
               CASE WHEN g % 11 = 0 THEN jsonb_build_object('sponsor', 'brand' || g % 7) END,
               CASE WHEN g % 6 = 0 THEN jsonb_build_object('videoId', 'v' || g) END,
               ARRAY['kw' || g % 50, 'sparkle'], 'https://cdn.example.test/c/' || g || '.png',
               timestamp '2026-01-01' + g * interval '1 hour'
        FROM generate_series(1, 4000) g;
        INSERT INTO groups (id, name, slug, "updatedAt", "ownerId", guidelines, settings, "customEmojis", metadata, tags, visibility, "isFeatured", "memberCount", deleted)
        SELECT 'g' || g, 'Group ' || g, 'group-' || g, now(), 'u' || g,
               CASE WHEN g % 2 = 0 THEN jsonb_build_object('rule', 'be nice ' || g % 5) END,
               jsonb_build_object('maxMembers', (100 * (1 + g % 10))::text, 'joinApproval', (g % 2 = 0)::text),
               CASE WHEN g % 3 = 0 THEN jsonb_build_object('sparkle' || g % 4, 'https://cdn.example.test/e.png') END,
               CASE WHEN g % 4 = 0 THEN jsonb_build_object('region', 'eu' || g % 3) END,
               ARRAY['tag' || g % 30], (ARRAY['PUBLIC','PRIVATE','INVITE_ONLY'])[1 + g % 3]::"GroupVisibility", g % 10 = 0, g % 500, g % 30 = 0
        FROM generate_series(1, 300) g;
        INSERT INTO events (id, title, slug, type, "startTime", "endTime", "updatedAt", "hostId", agenda, "locationCoords", recurrence, speakers, sponsors, materials, feedback, categories, status, "isPublic", deleted)
        SELECT 'e' || g, 'Event ' || g, 'event-' || g, 'AMA'::"EventType", timestamp '2026-01-01' + g * interval '1 day', timestamp '2026-01-01' + g * interval '1 day' + interval '2 hours', now(), 'u' || g,
               jsonb_build_array(jsonb_build_object('slot', g % 4)),
               jsonb_build_object('lat', (g % 90)::text, 'lng', (g % 180)::text),
               CASE WHEN g % 4 = 0 THEN jsonb_build_object('freq', 'weekly') END,
               jsonb_build_array(jsonb_build_object('userId', 'u' || g)),
               CASE WHEN g % 5 = 0 THEN jsonb_build_array(jsonb_build_object('name', 'brand' || g % 7)) END,
               CASE WHEN g % 3 = 0 THEN jsonb_build_array(jsonb_build_object('url', 'https://example.test/m' || g)) END,
               CASE WHEN g % 6 = 0 THEN jsonb_build_object('enabled', true) END,
               ARRAY['cat' || g % 12], (ARRAY['SCHEDULED','LIVE','ENDED'])[1 + g % 3]::"EventStatus", g % 4 <> 0, g % 30 = 0
        FROM generate_series(1, 300) g;
        INSERT INTO trades (id, "initiatorId", "recipientId", "initiatorItems", "recipientItems", "updatedAt")
        SELECT 't' || g, 'u' || g, 'u' || (g + 1), jsonb_build_array(jsonb_build_object('itemId', 'item' || g % 50, 'quantity', 1)),
               jsonb_build_array(jsonb_build_object('itemId', 'item' || (g + 7) % 50, 'quantity', 2)), now()
        FROM generate_series(1, 300) g;
        INSERT INTO quests (id, code, name, type, requirements, rewards, metadata, "updatedAt")
        SELECT 'q' || g, 'QUEST_' || g, 'Quest ' || g, 'DAILY'::"QuestType", jsonb_build_object('posts', g % 5), jsonb_build_object('xp', 10 * g),
               CASE WHEN g % 2 = 0 THEN jsonb_build_object('season', g % 3) END, now()
        FROM generate_series(1, 100) g;
        INSERT INTO user_quests (id, "userId", "questId", progress)
        SELECT 'uq' || g, 'u' || g, 'q' || (1 + g % 100), jsonb_build_object('step' || g % 5, true) FROM generate_series(1, 1000) g;
        INSERT INTO achievements (id, code, name, "updatedAt", criteria)
        SELECT 'a' || g, 'ACH_' || g, 'Achievement ' || g, now(), CASE WHEN g % 2 = 0 THEN jsonb_build_object('posts', g) END FROM generate_series(1, 40) g;
        INSERT INTO user_achievements (id, "userId", "achievementId", progress, deleted)
        SELECT 'ua' || g, 'u' || (1 + g % 2000), 'a' || (1 + g % 40), (g % 10) / 10.0 + CASE WHEN g % 3 = 0 THEN 1 ELSE 0 END, g % 20 = 0
        FROM generate_series(1, 1500) g;
        INSERT INTO user_ai_preferences (id, "userId", "contentPreferences", "writingStyle", "lastUpdated")
        SELECT 'ai' || g, 'u' || g, jsonb_build_object('likes', 'genre' || g % 8), CASE WHEN g % 2 = 0 THEN jsonb_build_object('tone', 'tone' || g % 4) END, now()
        FROM generate_series(1, 1000) g;
        INSERT INTO ai_recommendations (id, "userId", "recommendationType", "entityType", "entityId", score, "expiresAt", context)
        SELECT 'ar' || g, 'u' || (1 + g % 2000), 'post', 'post', 'p' || g, 0.5, now() + interval '1 day', CASE WHEN g % 2 = 0 THEN jsonb_build_object('device', 'd' || g % 5) END
        FROM generate_series(1, 1000) g;
        INSERT INTO conversations (id, "createdBy", "updatedAt", settings, "lastMessageAt", "isArchived", deleted)
        SELECT 'c' || g, 'u' || g, now(), jsonb_build_object('muted', g % 2 = 0), now() - g * interval '1 minute', g % 7 = 0, g % 20 = 0
        FROM generate_series(1, 200) g;
        INSERT INTO messages (id, "conversationId", "senderId", content, attachments, reactions, metadata, "editHistory", status, deleted, "createdAt", "replyToId")
        SELECT 'm' || g, 'c' || (1 + (g / 100) % 200), 'u' || (1 + g % 2000), 'hello ' || g,
               CASE WHEN g % 10 < 3 THEN jsonb_build_array(jsonb_build_object('type', 'image', 'url', 'https://cdn.example.test/i/' || g || '.png'))
                    WHEN g % 10 = 3 THEN jsonb_build_array(jsonb_build_object('type', 'file', 'url', 'https://cdn.example.test/f/' || g || '.pdf')) END,
               CASE WHEN g % 4 = 0 THEN jsonb_build_object('👍', jsonb_build_array('u' || g % 2000)) END,
               CASE WHEN g % 5 = 0 THEN jsonb_build_object('client', 'web' || g % 3) END,
               CASE WHEN g % 15 = 0 THEN ARRAY[jsonb_build_object('content', 'old ' || g)] END,
               (ARRAY['SENT','DELIVERED','READ','READ','READ'])[1 + g % 5]::"MessageStatus", g % 50 = 0,
               timestamp '2026-01-01' + g * interval '1 minute',
               CASE WHEN g % 17 = 0 THEN 'm' || (g - 1) END
        FROM generate_series(1, 20000) g;
        INSERT INTO message_reads ("messageId", "userId") SELECT 'm' || g, 'u' || (1 + g % 2000) FROM generate_series(1, 5000) g;
        INSERT INTO polls (id, "postId", question, "updatedAt", "finalResults")
        SELECT 'pl' || g, 'p' || g, 'Question ' || g, now(), CASE WHEN g % 2 = 0 THEN jsonb_build_object('winner', 'o' || g % 3) END FROM generate_series(1, 200) g;
        INSERT INTO poll_options (id, "pollId", "optionText", "displayOrder", metadata)
        SELECT 'po' || g, 'pl' || (1 + g % 200), 'Option ' || g, g % 3, CASE WHEN g % 2 = 0 THEN jsonb_build_object('color', 'c' || g % 5) END FROM generate_series(1, 600) g;
        INSERT INTO poll_votes (id, "pollId", "userId", metadata)
        SELECT 'pv' || g, 'pl' || (1 + g % 200), 'u' || g, CASE WHEN g % 2 = 0 THEN jsonb_build_object('device', 'd' || g % 5) END FROM generate_series(1, 600) g;
        INSERT INTO notifications (id, type, "userId", title, message, "updatedAt", read, dismissed, priority, "imageUrl", "createdAt")
        SELECT 'n' || g, 'POST_LIKED'::"NotificationType", 'u' || (1 + g % 2000), 'Title ' || g, 'Message ' || g, now(), g % 3 <> 0, g % 10 = 0, g % 3,
               'https://cdn.example.test/n.png', now() - g * interval '1 minute'
        FROM generate_series(1, 10000) g;
        INSERT INTO activity_streams (id, "userId", action, "entityType", "entityId", "createdAt")
        SELECT 'as' || g, 'u' || (1 + g % 2000), 'created', 'post', 'p' || g, now() - g * interval '7 minutes' FROM generate_series(1, 5000) g;
        INSERT INTO tags (id, name, slug, "postCount", featured, deleted, "createdAt")
        SELECT 'tg' || g, 'tag' || g, 'tag-' || g, g % 200, g % 10 = 0, g % 25 = 0, now() - g * interval '1 hour' FROM generate_series(1, 500) g;
        INSERT INTO youtube_channels (id, "channelId", "updatedAt") SELECT 'yc' || g, 'UC' || g, now() FROM generate_series(1, 10) g;
        INSERT INTO youtube_videos (id, "videoId", "channelId", "youtubeChannelId") SELECT 'yv' || g, 'vid' || g, 'UC' || (1 + g % 10), 'yc' || (1 + g % 10) FROM generate_series(1, 50) g;
        INSERT INTO watch_parties (id, "hostId", title, "youtubeVideoId", "scheduledStart", "updatedAt", "isPublic", "currentParticipants", "endedAt", deleted)
        SELECT 'wp' || g, 'u' || g, 'Party ' || g, 'vid' || (1 + g % 50), timestamp '2026-01-01' + g * interval '6 hours', now(), g % 3 <> 0, g % 40,
               CASE WHEN g % 4 = 0 THEN timestamp '2026-01-01' + g * interval '6 hours' + interval '2 hours' END, g % 30 = 0
        FROM generate_series(1, 400) g;
        INSERT INTO watch_party_chat (id, "partyId", "userId", message, "timestamp", "replyToId")
        SELECT 'wc' || g, 'wp' || (1 + g % 400), 'u' || g, 'hi', g, CASE WHEN g % 5 = 0 THEN 'wc' || (g - 1) END FROM generate_series(1, 1000) g;
        INSERT INTO reactions (id, type, "postId", "userId")
        SELECT 'r' || g, (ARRAY['LIKE','LOVE','FIRE'])[1 + g % 3]::"ReactionType", 'p' || (1 + g % 4000), 'u' || (1 + g % 2000) FROM generate_series(1, 8000) g;
        INSERT INTO comments (id, content, "postId", "updatedAt", "authorId", "parentId", deleted, "createdAt")
        SELECT 'cm' || g, 'comment ' || g, 'p' || (1 + g % 4000), now(), 'u' || (1 + g % 2000), CASE WHEN g % 3 = 0 THEN 'cm' || (g - 1) END, g % 20 = 0,
               now() - g * interval '1 minute'
        FROM generate_series(1, 6000) g;
        INSERT INTO group_members (id, "groupId", "userId", role, "lastActiveAt", "bannedUntil")
        SELECT 'gm' || g, 'g' || (1 + g % 300), 'u' || (1 + g % 2000), (ARRAY['MEMBER','MEMBER','MODERATOR'])[1 + g % 3]::"GroupMemberRole",
               now() - g * interval '1 minute', CASE WHEN g % 25 = 0 THEN now() + interval '3 days' END
        FROM generate_series(1, 2000) g;
        INSERT INTO post_series (id, title, slug, "updatedAt") SELECT 'ps' || g, 'Series ' || g, 'series-' || g, now() FROM generate_series(1, 20) g;
        UPDATE posts SET "seriesId" = 'ps' || (1 + (substr(id, 2)::int) % 20) WHERE substr(id, 2)::int % 9 = 0;
        INSERT INTO mentions (id, "mentionerId", "mentionedId") SELECT 'mn' || g, 'u' || (1 + g % 2000), 'u' || (1 + (g + 3) % 2000) FROM generate_series(1, 500) g;
        INSERT INTO email_templates (id, name, subject, "htmlContent", category, "createdBy", "updatedAt") SELECT 'et' || g, 'T' || g, 'S', '<p/>', 'c', 'u' || g, now() FROM generate_series(1, 10) g;
        INSERT INTO email_campaigns (id, name, subject, "templateId", segment, content, "createdBy", "updatedAt") SELECT 'ec' || g, 'C' || g, 'S', 'et' || (1 + g % 10), 'all', '{}', 'u' || g, now() FROM generate_series(1, 30) g;
        INSERT INTO email_send_queue (id, recipient, "templateId", variables) SELECT 'eq' || g, 'r' || g || '@example.test', 'et' || (1 + g % 10), '{}' FROM generate_series(1, 300) g;
        INSERT INTO chat_rooms (id, name, slug, "createdBy") SELECT 'cr' || g, 'Room ' || g, 'room-' || g, 'u' || g FROM generate_series(1, 20) g;
        INSERT INTO chat_messages (id, "roomId", "userId", content, "replyToId") SELECT 'cmsg' || g, 'cr' || (1 + g % 20), 'u' || g, 'hi', CASE WHEN g % 4 = 0 THEN 'cmsg' || (g - 1) END FROM generate_series(1, 500) g;
        INSERT INTO reports (id, "reporterId", reason, "entityType", "updatedAt", "resolvedBy") SELECT 'rp' || g, 'u' || g, 'SPAM'::"ReportReason", 'post', now(), CASE WHEN g % 2 = 0 THEN 'u1' END FROM generate_series(1, 100) g;
        INSERT INTO ai_moderation_queue (id, "entityType", "entityId", "reviewedBy") SELECT 'amq' || g, 'post', 'p' || g, CASE WHEN g % 2 = 0 THEN 'u2' END FROM generate_series(1, 100) g;
        INSERT INTO site_settings (key, value, type, "updatedBy") SELECT 'k' || g, '{}', 'json', 'u' || g FROM generate_series(1, 20) g;
        RESET session_replication_role;
        """;
}
