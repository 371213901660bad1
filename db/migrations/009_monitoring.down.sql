-- Rolls phase 009 back: the maintenance function, the eleven views, and the statistics targets
-- (-1 = back to default_statistics_target). pg_stat_statements stays: phase 001 owns it.
DROP PROCEDURE IF EXISTS public.perform_maintenance(bigint, text, integer, integer);
DROP FUNCTION IF EXISTS public.perform_maintenance();
DELETE FROM sparkle_db.maintenance_tasks WHERE task IN ('counters', 'materialized_views', 'statistics');
DROP FUNCTION IF EXISTS sparkle_db.maintenance_plan_counters(jsonb);
DROP FUNCTION IF EXISTS sparkle_db.maintenance_repair_counters(text, integer, text);
DROP FUNCTION IF EXISTS sparkle_db.maintenance_plan_materialized_views(jsonb);
DROP FUNCTION IF EXISTS sparkle_db.maintenance_plan_statistics(jsonb);
DROP VIEW IF EXISTS performance_dashboard, slow_queries, frequent_queries, cache_hit_ratios, table_cache_stats,
    v43_index_effectiveness, table_bloat, index_bloat, active_connections, connection_stats, blocking_locks;

ALTER TABLE users ALTER COLUMN "id" SET STATISTICS -1;
ALTER TABLE users ALTER COLUMN "username" SET STATISTICS -1;
ALTER TABLE users ALTER COLUMN "email" SET STATISTICS -1;
ALTER TABLE posts ALTER COLUMN "id" SET STATISTICS -1;
ALTER TABLE posts ALTER COLUMN "authorId" SET STATISTICS -1;
ALTER TABLE posts ALTER COLUMN "slug" SET STATISTICS -1;
ALTER TABLE messages ALTER COLUMN "conversationId" SET STATISTICS -1;
ALTER TABLE messages ALTER COLUMN "senderId" SET STATISTICS -1;
ALTER TABLE notifications ALTER COLUMN "userId" SET STATISTICS -1;
ALTER TABLE activity_streams ALTER COLUMN "userId" SET STATISTICS -1;
ALTER TABLE activity_streams ALTER COLUMN "entityId" SET STATISTICS -1;
ALTER TABLE comments ALTER COLUMN "postId" SET STATISTICS -1;
ALTER TABLE comments ALTER COLUMN "authorId" SET STATISTICS -1;
