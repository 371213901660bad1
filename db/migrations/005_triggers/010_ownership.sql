-- Phase 005, part 1: what the database owns, as data.
--
-- The platform's app (Prisma) maintains some of the same counters and effects in its own code that this
-- phase maintains in triggers. Where both act, the effect must happen exactly once (docs/APP.md). These
-- two tables are the one place that says which side owns what:
--
-- * sparkle_db.owned_counters: counter columns the database keeps equal to a recount of their source
--   rows. The app's writes to them are ignored (the row still comes back to Prisma, with the database's
--   value), a stats row the app creates gets the recounted values, and `verify`/`maintain` compare them
--   with a recount. The guard triggers (070_counter_guards.sql) are generated from these rows.
-- * sparkle_db.owned_effects: rewards, grants and notifications the database performs. Those the app may
--   also perform are performed by the database only where the app has not, by the time the transaction
--   commits ("once_key" says how the database recognises the app's own).
--
-- Re-running the migration rewrites both tables from this file: they describe the code, not settings.

CREATE TABLE IF NOT EXISTS sparkle_db.counter_tables (
    table_name     text    PRIMARY KEY,
    key_column     text    NOT NULL,   -- the column the counters are per (the recount function's argument)
    count_function text    NOT NULL,   -- sparkle_db.<name>(key) returns one column per owned counter
    adopts_rows    boolean NOT NULL    -- the database may create rows; an app insert adopts them (docs/APP.md)
);

COMMENT ON TABLE sparkle_db.counter_tables IS
    'Tables with database-owned counter columns: the key the counters are per and the function that recounts them.';

CREATE TABLE IF NOT EXISTS sparkle_db.owned_counters (
    table_name  text NOT NULL REFERENCES sparkle_db.counter_tables (table_name) ON DELETE CASCADE,
    column_name text NOT NULL,
    counts      text NOT NULL,         -- what the counter counts, in words (docs/APP.md repeats it)
    PRIMARY KEY (table_name, column_name)
);

COMMENT ON TABLE sparkle_db.owned_counters IS
    'Counter columns the database owns: kept equal to a recount by triggers; app writes to them are ignored.';

CREATE TABLE IF NOT EXISTS sparkle_db.owned_effects (
    effect        text    PRIMARY KEY,
    writes        text    NOT NULL,    -- the rows the effect writes
    app_may_also  boolean NOT NULL,    -- the app performs it too in some paths
    once_key      text    NOT NULL,    -- how "already done" is recognised, whichever side did it
    performed_when text   NOT NULL
);

COMMENT ON TABLE sparkle_db.owned_effects IS
    'Effects the database performs (rewards, grants, notifications) and how each is kept to exactly once.';

DELETE FROM sparkle_db.owned_effects;
DELETE FROM sparkle_db.owned_counters;
DELETE FROM sparkle_db.counter_tables;

INSERT INTO sparkle_db.counter_tables (table_name, key_column, count_function, adopts_rows) VALUES
    ('user_stats', 'userId', 'count_user_stats',     true),
    ('post_stats', 'postId', 'count_post_stats',     true),
    ('categories', 'id',     'count_category_posts', false),
    ('tags',       'id',     'count_tag_posts',      false);

INSERT INTO sparkle_db.owned_counters (table_name, column_name, counts) VALUES
    ('user_stats', 'totalPosts',         'the user''s posts that are published and not deleted'),
    ('user_stats', 'totalComments',      'the user''s comments that are not deleted'),
    ('user_stats', 'totalFollowers',     'follows of the user'),
    ('user_stats', 'totalFollowing',     'follows by the user'),
    ('user_stats', 'totalLikesGiven',    'the user''s reactions on posts (any type)'),
    ('user_stats', 'totalLikesReceived', 'reactions of other users on the user''s posts (any type) plus LIKE reactions '
                                         'of other users on the user''s comments'),
    ('post_stats', 'totalReactionCount', 'reactions on the post (any type)'),
    ('post_stats', 'likeCount',          'LIKE reactions on the post'),
    ('post_stats', 'loveCount',          'LOVE reactions on the post'),
    ('post_stats', 'fireCount',          'FIRE reactions on the post'),
    ('post_stats', 'commentCount',       'comments on the post that are not deleted'),
    ('post_stats', 'bookmarkCount',      'bookmarks of the post'),
    ('categories', 'postCount',          'posts in the category that are published and not deleted'),
    ('tags',       'postCount',          'posts with the tag that are published and not deleted');

INSERT INTO sparkle_db.owned_effects (effect, writes, app_may_also, once_key, performed_when) VALUES
    ('level_up_reward',
     'users sparklePoints/premiumPoints, user_balances, one currency_transactions row per level and currency',
     true,
     'a currency_transactions row of the user with source = level_up, sourceId = the level, that currency',
     'at commit (deferred constraint trigger settle_level_up), for each level crossed whose reward is not in the ledger'),
    ('level_up_notification',
     'one notifications row of type LEVEL_UP for the level reached',
     true,
     'a LEVEL_UP notification of the user with entityId = the level reached (the app''s shape)',
     'at commit (settle_level_up), when the transaction raised the level and no such notification exists'),
    ('achievement_grant',
     'user_achievements (progress 1), an ACHIEVEMENT_UNLOCKED notification, xpReward into users.experience with '
     'its xp_logs row, sparkle and premium rewards with their currency_transactions rows',
     true,
     'a user_achievements row of the user and achievement with progress >= 1 (soft-deleted or not)',
     'in the statement that makes the user eligible (posts, follows, reactions, streaks, level 10)'),
    ('soft_delete_consistency',
     'deleted, "deletedAt", "deletedBy" and posts."contentStatus" of the 19 soft-delete tables',
     true,
     'deleted = true, "deletedAt" set and contentStatus = DELETED are one state; setting any one sets the others',
     'before each insert or update that changes one of them');
