-- sparkle-db:no-transaction
-- Phase 006, part 4: GIN indexes, built concurrently one statement at a time (R7). Built after the
-- backfill so each is one pass over filled vectors. The runner rebuilds any that a failed build
-- leaves INVALID.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_search_vector  ON posts  USING gin (search_vector);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_search_vector  ON users  USING gin (search_vector);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_search_vector ON groups USING gin (search_vector);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_event_search_vector ON events USING gin (search_vector);

-- Recommended addition (spec 6.3): without these, every suggestion scans three tables.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_title_trgm     ON posts  USING gin (title public.gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_username_trgm  ON users  USING gin (username public.gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_group_name_trgm     ON groups USING gin (name public.gin_trgm_ops);
