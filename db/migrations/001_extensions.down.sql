-- Rolls back phase 001 in this database.
--
-- pg_trgm and pgcrypto stay: Prisma's datasource declares them, so they belong to 000's world.
-- The role sparkle_app stays too: roles are cluster-wide and other databases of the cluster may grant
-- to it; only its privileges in this database are withdrawn.

DROP EXTENSION IF EXISTS pgstattuple;
DROP EXTENSION IF EXISTS btree_gin;
DROP EXTENSION IF EXISTS pg_stat_statements;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app') THEN
        ALTER DEFAULT PRIVILEGES IN SCHEMA public
            REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM sparkle_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public
            REVOKE USAGE, SELECT ON SEQUENCES FROM sparkle_app;
        REVOKE SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public FROM sparkle_app;
        REVOKE USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public FROM sparkle_app;
        REVOKE USAGE ON SCHEMA public FROM sparkle_app;
    END IF;
END
$$;
