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

-- Not built (issue 17, docs/INDEXES.md "Which indexes earn their place", D100): #1-#7, #9, #13, #16-#19,
-- #21-#23, #26-#30, #33, #34, #36. Each either repeats an index Prisma already creates or served no hot
-- query of the benchmark by 2x or more; every one costs each insert on its table and planning time on
-- every statement that reads it. docs/INDEXES.md gives the measured ratio, size and the index that serves
-- the query instead.

-- #10, #11 case-insensitive login/lookup; queries must use lower(...).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_username_lower
    ON users (lower(username));

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email_lower
    ON users (lower(email));

-- #35 who is online, most recently seen first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_activity_tracking
    ON users ("lastSeenAt" DESC)
    WHERE deleted = false AND "onlineStatus" = true;

-- #12 posts per publication day. The plan's predicate lacks deleted = false; kept as planned so
-- archive counts include soft-deleted posts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_published_date
    ON posts (date("publishedAt"))
    WHERE published = true;

-- #14 monthly archive pages. "publishedAt" as a second column (not in the plan): the archive page asks for a
-- month's newest 50, and with the month alone the planner fetched and sorted every post of the month (57.7 ms,
-- 13k buffers at scale 1, slower than the baseline's 44 ms walk of Prisma's index); with it an index scan stops
-- after 50 rows (0.11 ms, 53 buffers). docs/INDEXES.md, D104.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_published_month
    ON posts (date_trunc('month', "publishedAt"), "publishedAt" DESC)
    WHERE published = true AND deleted = false;

-- Not in the plan: the app's latest feed (post.service listPosts sortBy latest: published, contentStatus PUBLISHED,
-- newest createdAt first, take 21). No index of Prisma's or the plan's gives that order, so both databases read
-- all of posts and sorted it (feed_latest_page 180 / 235 ms at scale 1); with this one an index scan stops after
-- 21 rows (0.06 ms). Its cost on a 2,000-row insert into posts was within noise (D104, docs/INDEXES.md).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_feed_latest
    ON posts ("createdAt" DESC)
    WHERE published = true AND "contentStatus" = 'PUBLISHED';

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

-- #8 notification list, index-only. message is left out (D-33, unbounded text).
-- sparkle-db:expand
SELECT sparkle_db.index_build_statements(
    'idx_notifications_display_covering', 'public.notifications',
    'USING btree ("userId", "createdAt" DESC) INCLUDE (type, title, "imageUrl", read, priority) WHERE dismissed = false');

-- Not in the plan: the app's notification list (notification.service listNotifications: where userId, ordered by
-- priority desc then createdAt desc, take 21). No index of Prisma's or the plan's gives that order, so every month of
-- the partitioned table was read and sorted (243 ms at scale 1 for the busiest user); with this one it is a Merge
-- Append of index scans that stops after 21 rows (56.7 ms -> 0.94 ms at scale 0.3; docs/INDEXES.md).
-- sparkle-db:expand
SELECT sparkle_db.index_build_statements(
    'idx_notifications_user_priority', 'public.notifications',
    'USING btree ("userId", priority DESC, "createdAt" DESC)');

-- #25 delivery queue. Prisma has the same columns without the predicate; READ messages (the bulk
-- of the table) stay out of this one.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_delivery_queue
    ON messages ("conversationId", status, "createdAt")
    WHERE status IN ('SENT', 'DELIVERED') AND deleted = false;

-- #31 idx_follows_relationship is not created: it would be an exact duplicate of the unique index
-- follows_followerId_followingId_key (D-34).

-- #32 members of a group by role, most recently active first; time-limited bans cannot be expressed
-- in an immutable predicate, so members with an expired ban fall outside this index.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_members_active
    ON group_members ("groupId", role, "lastActiveAt" DESC)
    WHERE "bannedUntil" IS NULL;