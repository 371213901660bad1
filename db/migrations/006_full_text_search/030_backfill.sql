-- sparkle-db:no-transaction
-- Phase 006, part 3: vectors for rows that existed before the triggers. Each CALL commits per batch
-- and only touches rows whose vector is still NULL, so a second run has nothing to do.
CALL sparkle_db.backfill_search_vectors('posts');
CALL sparkle_db.backfill_search_vectors('users');
CALL sparkle_db.backfill_search_vectors('groups');
CALL sparkle_db.backfill_search_vectors('events');
