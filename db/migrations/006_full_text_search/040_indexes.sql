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

-- Search-as-you-type: live post titles by lower-cased prefix (search_suggestions' range scan, D102).
-- Usernames use 008's idx_users_username_lower (text_pattern_ops); groups are few enough to scan.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_title_prefix
    ON posts (lower((title)::text) text_pattern_ops)
    WHERE published AND NOT deleted;

-- Trigram neighbours of a misspelling (search_suggestions' fallback) and the app's own post search,
-- title ILIKE '%word%' (search.service searchPostsInDatabase), on live posts.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_title_trgm
    ON posts USING gin (title public.gin_trgm_ops)
    WHERE published AND NOT deleted;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_username_trgm  ON users  USING gin (username public.gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_name_trgm     ON groups USING gin (name public.gin_trgm_ops);
