-- Rolls phase 006 back: search functions, triggers, builders, the backfill procedure, the trigram
-- indexes and the four search_vector columns (their GIN indexes go with them).
DROP FUNCTION IF EXISTS public.search_all(text, text, integer, integer);
DROP FUNCTION IF EXISTS public.search_suggestions(text, text, integer);
DROP FUNCTION IF EXISTS public.search_pool_size();

DROP TRIGGER IF EXISTS update_post_search_vector_trigger ON posts;
DROP TRIGGER IF EXISTS update_user_search_vector_trigger ON users;
DROP TRIGGER IF EXISTS update_group_search_vector_trigger ON groups;
DROP TRIGGER IF EXISTS update_event_search_vector_trigger ON events;

DROP FUNCTION IF EXISTS public.update_post_search_vector();
DROP FUNCTION IF EXISTS public.update_user_search_vector();
DROP FUNCTION IF EXISTS public.update_group_search_vector();
DROP FUNCTION IF EXISTS public.update_event_search_vector();
DROP PROCEDURE IF EXISTS sparkle_db.backfill_search_vectors(text, integer);
DROP TRIGGER IF EXISTS zz_search_backfill_keeps_updated_at ON posts;
DROP TRIGGER IF EXISTS zz_search_backfill_keeps_updated_at ON users;
DROP TRIGGER IF EXISTS zz_search_backfill_keeps_updated_at ON groups;
DROP TRIGGER IF EXISTS zz_search_backfill_keeps_updated_at ON events;
DROP FUNCTION IF EXISTS sparkle_db.keep_updated_at_during_search_backfill();
DROP FUNCTION IF EXISTS public.build_post_search_vector(text, text, jsonb, text[]);
DROP FUNCTION IF EXISTS public.build_user_search_vector(text, text);
DROP FUNCTION IF EXISTS public.build_group_search_vector(text, text, text, text[]);
DROP FUNCTION IF EXISTS public.build_event_search_vector(text, text, text, text[]);
DROP FUNCTION IF EXISTS public.search_words(text[]);

DROP INDEX IF EXISTS public.idx_post_title_trgm;
DROP INDEX IF EXISTS public.idx_post_title_excerpt_trgm;
DROP INDEX IF EXISTS public.idx_post_title_prefix;
DROP INDEX IF EXISTS public.idx_user_username_prefix;
DROP INDEX IF EXISTS public.idx_group_name_prefix;
DROP INDEX IF EXISTS public.idx_user_username_trgm;
DROP INDEX IF EXISTS public.idx_group_name_trgm;

ALTER TABLE posts  DROP COLUMN IF EXISTS search_vector;
ALTER TABLE users  DROP COLUMN IF EXISTS search_vector;
ALTER TABLE groups DROP COLUMN IF EXISTS search_vector;
ALTER TABLE events DROP COLUMN IF EXISTS search_vector;
