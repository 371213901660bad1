-- Rolls back 004: the refresh function, the reputation view and the three materialized views (their
-- indexes and grants go with them).
DROP FUNCTION IF EXISTS refresh_materialized_views(text[]);
DROP VIEW IF EXISTS user_reputation_scores;
DROP MATERIALIZED VIEW IF EXISTS active_groups;
DROP MATERIALIZED VIEW IF EXISTS top_creators;
DROP MATERIALIZED VIEW IF EXISTS trending_posts;

-- What 004 granted to the views' owner role (the role itself is cluster-wide and stays, like sparkle_app).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_mv_owner') THEN
        REVOKE SELECT ON public.posts, public.post_stats, public.users, public.categories, public.user_stats,
                         public.user_achievements, public.groups, public.group_posts, public.group_members
            FROM sparkle_mv_owner;
        REVOKE INSERT ON public.system_health FROM sparkle_mv_owner;
        REVOKE EXECUTE ON FUNCTION public.calculate_reputation_score(text) FROM sparkle_mv_owner;
        REVOKE USAGE ON SCHEMA public FROM sparkle_mv_owner;
        EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM sparkle_mv_owner', pg_catalog.current_database());
    END IF;
END
$$;
