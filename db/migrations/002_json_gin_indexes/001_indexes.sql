-- sparkle-db:no-transaction
--
-- Phase 002: indexes on JSON columns (the plan's #1-#45, docs/INDEXES.md has one row per index).
--
-- Each statement runs on its own in autocommit, because CREATE INDEX CONCURRENTLY refuses a
-- transaction block (D-01). IF NOT EXISTS makes a re-run skip finished indexes; an INVALID leftover
-- of an interrupted build is dropped and rebuilt by the runner.
--
-- Operator class, chosen per index from the queries it serves:
--   jsonb_path_ops  containment only (@>, @?, @@): one hashed entry per path, a smaller index and
--                   cheaper writes. Used for documents that are looked up by value
--                   (content, ids inside item lists, coordinates, ...).
--   jsonb_ops       also key existence (?, ?|, ?&). Used for settings-like maps where "has the user
--                   set key X" is a real question (sparse overrides of a {} default, emoji maps).
--
-- None of these tables is partitioned by phase 007, so plain concurrent builds are right here.

-- profiles -----------------------------------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_theme_preference
    ON profiles USING gin ("themePreference" jsonb_path_ops)
    WHERE "themePreference" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_notification_settings
    ON profiles USING gin ("notificationSettings" jsonb_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_privacy_settings
    ON profiles USING gin ("privacySettings" jsonb_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_social_links
    ON profiles USING gin ("socialLinks" jsonb_ops)
    WHERE "socialLinks" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_youtube_channel_data
    ON profiles USING gin ("youtubeChannelData" jsonb_path_ops)
    WHERE "youtubeChannelData" IS NOT NULL;

-- posts --------------------------------------------------------------------------------------------
-- Not built (issue 17, D107, docs/INDEXES.md): #6 idx_post_content, #7 idx_post_sponsor_info,
-- #8 idx_post_youtube_video_data and #38 idx_post_content_type. No query of the app filters these
-- documents (its Prisma JSON filters are path equality on other tables, which GIN does not serve), and
-- posts is the hottest write table: every insert, and every view (Prisma indexes "views", so the update
-- is never HOT), wrote their entries. idx_post_content alone was 16 MB at scale 1.

-- groups -------------------------------------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_guidelines
    ON groups USING gin (guidelines jsonb_path_ops)
    WHERE guidelines IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_settings
    ON groups USING gin (settings jsonb_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_custom_emojis
    ON groups USING gin ("customEmojis" jsonb_ops)
    WHERE "customEmojis" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_metadata
    ON groups USING gin (metadata jsonb_path_ops)
    WHERE metadata IS NOT NULL;

-- events -------------------------------------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_agenda
    ON events USING gin (agenda jsonb_path_ops)
    WHERE agenda IS NOT NULL;

-- Containment only ({"lat": .., "lng": ..} equality); distance or range search needs PostGIS or
-- the numeric expression indexes, not GIN.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_location_coords
    ON events USING gin ("locationCoords" jsonb_path_ops)
    WHERE "locationCoords" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_recurrence
    ON events USING gin (recurrence jsonb_path_ops)
    WHERE recurrence IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_speakers
    ON events USING gin (speakers jsonb_path_ops)
    WHERE speakers IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_sponsors
    ON events USING gin (sponsors jsonb_path_ops)
    WHERE sponsors IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_materials
    ON events USING gin (materials jsonb_path_ops)
    WHERE materials IS NOT NULL;

-- events.feedback (jsonb), not event_attendees.feedback (text).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_feedback
    ON events USING gin (feedback jsonb_path_ops)
    WHERE feedback IS NOT NULL;

-- trades -------------------------------------------------------------------------------------------
-- "trades offering item X": initiatorItems @> '[{"itemId": "X"}]'.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_trade_initiator_items
    ON trades USING gin ("initiatorItems" jsonb_path_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_trade_recipient_items
    ON trades USING gin ("recipientItems" jsonb_path_ops);

-- quests, user_quests, achievements ----------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_quest_requirements
    ON quests USING gin (requirements jsonb_path_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_quest_rewards
    ON quests USING gin (rewards jsonb_path_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_quest_metadata
    ON quests USING gin (metadata jsonb_path_ops)
    WHERE metadata IS NOT NULL;

-- progress maps step names to state; "which users reached step X" is a key-existence question.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_quest_progress
    ON user_quests USING gin (progress jsonb_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_achievement_criteria
    ON achievements USING gin (criteria jsonb_path_ops)
    WHERE criteria IS NOT NULL;

-- AI -----------------------------------------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_ai_content_preferences
    ON user_ai_preferences USING gin ("contentPreferences" jsonb_path_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_ai_writing_style
    ON user_ai_preferences USING gin ("writingStyle" jsonb_path_ops)
    WHERE "writingStyle" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ai_recommendation_context
    ON ai_recommendations USING gin (context jsonb_path_ops)
    WHERE context IS NOT NULL;

-- messages -----------------------------------------------------------------------------------------
-- Not built (issue 17, D107, docs/INDEXES.md): #30-#33 idx_message_attachments, idx_message_reactions,
-- idx_message_metadata, idx_message_edit_history. The app reads a conversation's messages by
-- "conversationId" and time and never filters on these documents; chat is write-heavy, and a status
-- change (SENT, DELIVERED, READ: an indexed column, so never HOT) rewrote their entries as well.

-- conversations, polls -----------------------------------------------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_conversation_settings
    ON conversations USING gin (settings jsonb_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_poll_final_results
    ON polls USING gin ("finalResults" jsonb_path_ops)
    WHERE "finalResults" IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_poll_vote_metadata
    ON poll_votes USING gin (metadata jsonb_path_ops)
    WHERE metadata IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_poll_option_metadata
    ON poll_options USING gin (metadata jsonb_path_ops)
    WHERE metadata IS NOT NULL;

-- B-tree indexes on JSON paths (#38, #40-#45) ------------------------------------------------------
-- The plan's predicates tested the whole column, which is NOT NULL for four of them (no effect).
-- Testing the extracted value instead keeps rows without the key out of the index, and every
-- equality or range filter on the expression implies it, so queries need not repeat it.
-- #39 idx_post_content_blocks is not created (D-33): a B-tree over the whole "blocks" array makes a
-- post with > 2704 bytes of blocks unsavable (and no query of the app needs it, D107).

-- #38 idx_post_content_type is not built either (D107, see posts above).

-- users."preferredLanguage" is the real column; kept because the plan names it and the JSON key
-- is still written by clients (docs/INDEXES.md).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_notification_language
    ON profiles (("notificationSettings" ->> 'language'))
    WHERE ("notificationSettings" ->> 'language') IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_profile_notification_email_frequency
    ON profiles (("notificationSettings" ->> 'emailDigestFrequency'))
    WHERE ("notificationSettings" ->> 'emailDigestFrequency') IS NOT NULL;

-- Text, as planned: a cast to integer in the index would make any group whose settings hold a
-- non-numeric maxMembers ("unlimited") unsavable. Equality lookups use it; numeric ranges do not.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_settings_max_members
    ON groups ((settings ->> 'maxMembers'))
    WHERE (settings ->> 'maxMembers') IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_settings_join_approval
    ON groups ((settings ->> 'joinApproval'))
    WHERE (settings ->> 'joinApproval') IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_location_lat
    ON events (("locationCoords" ->> 'lat'))
    WHERE ("locationCoords" ->> 'lat') IS NOT NULL;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_location_lng
    ON events (("locationCoords" ->> 'lng'))
    WHERE ("locationCoords" ->> 'lng') IS NOT NULL;
