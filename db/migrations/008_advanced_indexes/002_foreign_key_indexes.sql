-- sparkle-db:no-transaction
--
-- Indexes for the foreign keys that neither Prisma nor the plan indexes. Without one, deleting or
-- re-keying a referenced row scans the referencing table for every row (ON DELETE CASCADE/SET NULL
-- and the NO ACTION check alike) under a lock, e.g. deleting a message reads all of messages to
-- null "replyToId" in its replies.
--
-- The list is static so the names are stable. It was produced by the catalog query of
-- src/Sparkle.Db/Verification/ForeignKeyIndexesCheck.cs, which `verify` and ForeignKeyIndexTests run:
-- a foreign key added later without an index makes both fail and name it. Names and definitions are exactly what Prisma generates for
-- @@index([column]) ("{table}_{column}_idx"), so adding that attribute upstream later is a no-op
-- for Prisma instead of a duplicate index.
--
-- None of these tables is partitioned by phase 007.

CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_seriesId_idx"
    ON posts ("seriesId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_parentVersionId_idx"
    ON posts ("parentVersionId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "mentions_mentionerId_idx"
    ON mentions ("mentionerId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "email_templates_createdBy_idx"
    ON email_templates ("createdBy");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "email_campaigns_templateId_idx"
    ON email_campaigns ("templateId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "email_send_queue_templateId_idx"
    ON email_send_queue ("templateId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "youtube_videos_youtubeChannelId_idx"
    ON youtube_videos ("youtubeChannelId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "watch_parties_youtubeVideoId_idx"
    ON watch_parties ("youtubeVideoId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "watch_party_chat_replyToId_idx"
    ON watch_party_chat ("replyToId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "messages_replyToId_idx"
    ON messages ("replyToId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "chat_rooms_createdBy_idx"
    ON chat_rooms ("createdBy");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "chat_messages_replyToId_idx"
    ON chat_messages ("replyToId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "reports_resolvedBy_idx"
    ON reports ("resolvedBy");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "ai_moderation_queue_reviewedBy_idx"
    ON ai_moderation_queue ("reviewedBy");

-- Prisma's (entityType, entityId) index does not lead with the FK column.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ai_moderation_queue_entityId_idx"
    ON ai_moderation_queue ("entityId");

CREATE INDEX CONCURRENTLY IF NOT EXISTS "site_settings_updatedBy_idx"
    ON site_settings ("updatedBy");
