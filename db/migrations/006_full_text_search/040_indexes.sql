-- sparkle-db:no-transaction
-- Phase 006, part 4: search indexes, built concurrently one statement at a time (R7), after the
-- backfill so each is one pass over filled vectors. The runner rebuilds any that a failed build
-- leaves INVALID. docs/INDEXES.md gives each one's query, measured gain, size and write cost.

-- Full-text search. The posts index holds only the posts search may show (D7), so a word's bitmap
-- never points at drafts, deleted or rejected posts, and writes to posts outside that set skip it.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_search_vector ON posts USING gin (search_vector)
    WHERE published AND NOT deleted AND "moderationStatus" IN ('APPROVED', 'AUTO_APPROVED', 'PENDING');
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_search_vector  ON users  USING gin (search_vector);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_search_vector ON groups USING gin (search_vector);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_search_vector ON events USING gin (search_vector);

-- Search-as-you-type: live post titles, usernames and group names by lower-cased prefix (search_suggestions'
-- range scans, D102). text_pattern_ops because the range compares bytes whatever the database's collation;
-- 008's idx_users_username_lower has the default operator class and cannot serve it (users were read
-- sequentially: 10.9 -> 2.5 ms for the call at scale 1 with the two indexes below).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_title_prefix
    ON posts (lower((title)::text) text_pattern_ops)
    WHERE published AND NOT deleted;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_username_prefix
    ON users (lower((username)::text) text_pattern_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_name_prefix
    ON groups (lower((name)::text) text_pattern_ops);

-- Trigram neighbours of a misspelling (search_suggestions' fallback, title only) and the app's own post
-- search, title ILIKE '%word%' OR excerpt ILIKE '%word%' (search.service searchPostsInDatabase), on live
-- posts. Both columns in one GIN index: the OR becomes a BitmapOr of two scans of it (a title-only index
-- left the OR a sequential scan, 0.7x the baseline); a condition on title alone still uses it. It
-- replaces the title-only idx_post_title_trgm (D108).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_title_excerpt_trgm
    ON posts USING gin (title public.gin_trgm_ops, excerpt public.gin_trgm_ops)
    WHERE published AND NOT deleted;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_username_trgm  ON users  USING gin (username public.gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_name_trgm     ON groups USING gin (name public.gin_trgm_ops);
