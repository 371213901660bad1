-- Rolls back 004: the refresh function, the reputation view and the three materialized views (their
-- indexes and grants go with them).
DROP FUNCTION IF EXISTS refresh_materialized_views(text[]);
DROP VIEW IF EXISTS user_reputation_scores;
DROP MATERIALIZED VIEW IF EXISTS active_groups;
DROP MATERIALIZED VIEW IF EXISTS top_creators;
DROP MATERIALIZED VIEW IF EXISTS trending_posts;
