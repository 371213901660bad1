-- sparkle-db:no-transaction
--
-- Fresh statistics for the tables that gained indexes, so that the planner sees expression-index
-- statistics (lower(username), date("publishedAt"), ...) right away instead of after the next
-- autovacuum. Autovacuum never analyzes partitioned parents (7.2); ANALYZE on the parent covers them.

ANALYZE users;
ANALYZE user_stats;
ANALYZE posts;
ANALYZE notifications;
ANALYZE activity_streams;
ANALYZE conversations;
ANALYZE messages;
ANALYZE message_reads;
ANALYZE profiles;
ANALYZE groups;
ANALYZE events;
ANALYZE user_achievements;
ANALYZE watch_parties;
ANALYZE reactions;
ANALYZE comments;
ANALYZE group_members;
ANALYZE tags;
