-- sparkle-db:no-transaction
-- Phase 005, part 10: rows written before this phase brought to one soft-delete state (procedure in 090).
-- Outside the transaction of 010-090, once its triggers are committed (D106): each CALL commits per batch and
-- holds no lock that stops an insert; a second run finds nothing left to change.
CALL sparkle_db.normalize_soft_delete('posts');
CALL sparkle_db.normalize_soft_delete('users');
CALL sparkle_db.normalize_soft_delete('categories');
CALL sparkle_db.normalize_soft_delete('post_series');
CALL sparkle_db.normalize_soft_delete('tags');
CALL sparkle_db.normalize_soft_delete('comments');
CALL sparkle_db.normalize_soft_delete('achievements');
CALL sparkle_db.normalize_soft_delete('user_achievements');
CALL sparkle_db.normalize_soft_delete('trades');
CALL sparkle_db.normalize_soft_delete('youtube_channels');
CALL sparkle_db.normalize_soft_delete('watch_parties');
CALL sparkle_db.normalize_soft_delete('watch_party_chat');
CALL sparkle_db.normalize_soft_delete('groups');
CALL sparkle_db.normalize_soft_delete('events');
CALL sparkle_db.normalize_soft_delete('conversations');
CALL sparkle_db.normalize_soft_delete('messages');
CALL sparkle_db.normalize_soft_delete('chat_messages');
CALL sparkle_db.normalize_soft_delete('polls');
CALL sparkle_db.normalize_soft_delete('reports');
