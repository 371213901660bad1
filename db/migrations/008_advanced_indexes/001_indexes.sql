-- sparkle-db:no-transaction
--
-- Phase 008: the plan's advanced indexes (8.1 #1-#36); docs/INDEXES.md has one row per index with
-- the query it serves and every departure from the plan.
--
-- Autocommit, one statement at a time (D-01). Tables that phase 007 may partition (notifications,
-- activity_streams here) go through sparkle_db.index_build_statements: a partitioned parent cannot
-- be indexed CONCURRENTLY (D-04), so it gets an index ON ONLY the parent, a concurrent build per
-- partition and an ATTACH for each; on a plain table it yields one concurrent build. The runner
-- executes each returned statement on its own.
--
-- Date expressions (#12-#14) are immutable only because the columns are timestamp(3) without time
-- zone; a switch to timestamptz would make them unbuildable (D-32).

-- users --------------------------------------------------------------------------------------------
-- #1 recently seen active users.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_active_partial
    ON users ("lastSeenAt" DESC)
    WHERE deleted = false AND status = 'ACTIVE';

-- #6 profile card by id, index-only. bio is left out (D-33): an unbounded text in a B-tree tuple
-- makes a user with a ~3 KB bio unsavable.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_profile_covering
    ON users (id) INCLUDE (username, image, verified, level);

-- #10, #11 case-insensitive login/lookup; queries must use lower(...).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_username_lower
    ON users (lower(username));

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email_lower
    ON users (lower(email));

-- #21 user discovery by role/verified, highest level first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_discovery
    ON users (role, verified, level DESC, "createdAt" DESC)
    WHERE deleted = false AND status = 'ACTIVE';

-- #26 creator leaderboard by revenue.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_creator_earnings
    ON users (role, "totalRevenueEarned" DESC)
    WHERE role IN ('CREATOR', 'VERIFIED_CREATOR') AND deleted = false;

-- #35 who is online, most recently seen first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_activity_tracking
    ON users ("lastSeenAt" DESC)
    WHERE deleted = false AND "onlineStatus" = true;

-- user_stats ---------------------------------------------------------------------------------------
-- #9 without the plan's "level": user_stats has no such column (D-15); level lives on users.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_stats_covering
    ON user_stats ("userId") INCLUDE ("totalFollowers", "totalPosts", "engagementRate");

-- posts --------------------------------------------------------------------------------------------
-- #2 published feed. #7 has the same key and predicate plus INCLUDE columns; #2 is kept because it
-- is a third of #7's size and the planner prefers it when the listing needs the heap anyway.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_published_partial
    ON posts ("publishedAt" DESC)
    WHERE published = true AND deleted = false;

-- #5 moderation queue.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_moderation_partial
    ON posts ("createdAt" DESC)
    WHERE "moderationStatus" = 'PENDING' AND deleted = false;

-- #7 published feed cards, index-only. excerpt is left out (D-33, unbounded text).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_listing_covering
    ON posts ("publishedAt" DESC)
    INCLUDE (title, slug, "coverImage", "authorId", "categoryId")
    WHERE published = true AND deleted = false;

-- #12 posts per publication day. The plan's predicate lacks deleted = false; kept as planned so
-- archive counts include soft-deleted posts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_published_date
    ON posts (date("publishedAt"))
    WHERE published = true;

-- #14 monthly archive pages.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_published_month
    ON posts (date_trunc('month', "publishedAt"))
    WHERE published = true AND deleted = false;

-- #15 named "tags" by the plan; it indexes the SEO keywords array (real tags are post_tags).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_tags_gin
    ON posts USING gin ("metaKeywords");

-- #20 category page filtered by content type and moderation status, newest first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_complex_filter
    ON posts ("categoryId", "contentType", "moderationStatus", "publishedAt" DESC)
    WHERE published = true AND deleted = false;

-- #24 publishing queue. Prisma has the same columns without the predicate; the partial one holds
-- only scheduled rows, so the every-minute "due now" poll reads a tiny index.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_scheduled_publish
    ON posts ("scheduledPublishAt", "contentStatus")
    WHERE "scheduledPublishAt" IS NOT NULL AND "contentStatus" = 'SCHEDULED' AND deleted = false;

-- #34 hot posts: the plan's "publishedAt > now() - 7 days" predicate is rejected (now() is not
-- immutable, D-32) and would go stale; the window moves into the query, views comes along so the
-- ranking is index-only.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_hot_content
    ON posts ("publishedAt" DESC, views DESC)
    WHERE published = true AND deleted = false;

-- notifications (phase 007 may partition it) --------------------------------------------------------
-- #3 a user's unread notifications, newest first.
-- sparkle-db:expand
SELECT sparkle_db.index_build_statements(
    'idx_notifications_unread_partial', 'public.notifications',
    'USING btree ("userId", "createdAt" DESC) WHERE read = false');

-- #8 notification list, index-only. message is left out (D-33, unbounded text).
-- sparkle-db:expand
SELECT sparkle_db.index_build_statements(
    'idx_notifications_display_covering', 'public.notifications',
    'USING btree ("userId", "createdAt" DESC) INCLUDE (type, title, "imageUrl", read, priority) WHERE dismissed = false');

-- activity_streams (phase 007 may partition it) -----------------------------------------------------
-- #13 activity by hour of day (24 distinct values: cheap, rarely selective; kept as planned).
-- sparkle-db:expand
SELECT sparkle_db.index_build_statements(
    'idx_activity_streams_hour', 'public.activity_streams',
    'USING btree ((EXTRACT(hour FROM "createdAt")))');

-- conversations, messages, message_reads ------------------------------------------------------------
-- #4 a user's inbox ordering.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_conversations_active_partial
    ON conversations ("lastMessageAt" DESC)
    WHERE deleted = false AND "isArchived" = false;

-- #25 delivery queue. Prisma has the same columns without the predicate; READ messages (the bulk
-- of the table) stay out of this one.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_delivery_queue
    ON messages ("conversationId", status, "createdAt")
    WHERE status IN ('SENT', 'DELIVERED') AND deleted = false;

-- #33 which of these messages has the user read: (userId, messageId) answers it index-only for a
-- list of messageIds; the PK leads with messageId and Prisma's (userId) index must visit the heap.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_message_reads_tracking
    ON message_reads ("userId", "messageId");

-- profiles, groups, events: array GIN (#16-#19) and discovery ---------------------------------------
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_interests_gin
    ON profiles USING gin (interests);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_skills_gin
    ON profiles USING gin (skills);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_tags_gin
    ON groups USING gin (tags);

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_categories_gin
    ON events USING gin (categories);

-- #22 group directory.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_groups_discovery
    ON groups (visibility, "isFeatured" DESC, "memberCount" DESC)
    WHERE deleted = false;

-- #23 event calendar by status.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_discovery
    ON events (status, "startTime", "isPublic")
    WHERE deleted = false;

-- gamification, social -----------------------------------------------------------------------------
-- #27 achievements still in progress for a user.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_achievements_progress
    ON user_achievements ("userId", progress)
    WHERE progress < 1.0 AND deleted = false;

-- #28 watch parties not yet ended. The plan's predicate used now() (rejected, D-32) and a "future"
-- test that goes stale; the time filter belongs to the query.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_watch_parties_active
    ON watch_parties ("scheduledStart", "isPublic", "currentParticipants")
    WHERE deleted = false AND "endedAt" IS NULL AND "cancelledAt" IS NULL;

-- #29 per-type reaction counts of a post, index-only. The unique (postId, userId, type) cannot
-- group by type without reading every reaction of the post in userId order.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reactions_join
    ON reactions ("postId", type, "userId");

-- #30 a post's comment thread without soft-deleted comments.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_comments_thread
    ON comments ("postId", "parentId", "createdAt")
    WHERE deleted = false;

-- #31 idx_follows_relationship is not created: it would be an exact duplicate of the unique index
-- follows_followerId_followingId_key (D-34).

-- #32 members of a group by role, most recently active first; time-limited bans cannot be expressed
-- in an immutable predicate, so members with an expired ban fall outside this index.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_members_active
    ON group_members ("groupId", role, "lastActiveAt" DESC)
    WHERE "bannedUntil" IS NULL;

-- #36 trending tags.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tags_trending
    ON tags ("postCount" DESC, "createdAt" DESC)
    WHERE deleted = false AND featured = false;
