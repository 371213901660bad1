-- Rolls back phase 001 in this database.
--
-- pg_trgm and pgcrypto stay: Prisma's datasource declares them, so they belong to 000's world.
-- The roles stay too (sparkle_app, sparkle_mv_owner, sparkle_monitor, sparkle_readonly): roles are
-- cluster-wide and other databases of the cluster may grant to them; only their privileges in this
-- database are withdrawn (those of sparkle_mv_owner by 004's down script).

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

-- What the privilege step (db/engine/privileges.sql) granted the monitor and the read-only role; revoking a
-- table privilege also revokes its column privileges.
DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['sparkle_monitor', 'sparkle_readonly'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', v_role);
            EXECUTE pg_catalog.format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM %I', v_role);
            EXECUTE pg_catalog.format('REVOKE USAGE ON SCHEMA public FROM %I', v_role);
        END IF;
    END LOOP;
END
$$;
