-- Phase 001: extensions and the project's roles.
--
-- Server settings are deliberately not here. shared_preload_libraries, pg_stat_statements.track and
-- pg_stat_statements.max are server-level: ALTER SYSTEM cannot run in a transaction (D-02), replacing
-- shared_preload_libraries would drop libraries other tools need (D-03), and the preload list needs a
-- restart anyway. The local cluster starts with them; against an external server `verify` reports
-- what is missing (V-5).

-- Prisma creates these two already (datasource extensions = [pgcrypto, pg_trgm]); IF NOT EXISTS keeps
-- this file harmless on a Prisma-managed database.
CREATE EXTENSION IF NOT EXISTS pg_trgm;     -- 006 search_suggestions (similarity, %), trigram indexes
CREATE EXTENSION IF NOT EXISTS pgcrypto;    -- application-side encryption helpers

-- 009 slow_queries / frequent_queries read it. Creating it succeeds even when the library is not
-- preloaded; only reads fail then, which is what the V-5 check looks for.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- btree_gin lets a GIN index carry a scalar column next to a jsonb column. 002 uses it so that the
-- messages JSON indexes lead with "conversationId": a conversation-scoped containment query then
-- intersects inside one index instead of BitmapAnd-ing a GIN posting list that covers a third of the
-- table (docs/INDEXES.md, "messages").
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- pgstattuple gives 009 exact table/index bloat figures (pgstattuple_approx, pgstatindex) instead of
-- width-based estimates.
CREATE EXTENSION IF NOT EXISTS pgstattuple;

-- uuid-ossp is not created: ids are application-made text, and gen_random_uuid() is core since PG13.

-- The project's group roles (NOLOGIN: login roles are granted into them). docs/SECURITY.md describes
-- each role, its grants and why; in short:
--   sparkle_app       the application: DML on the tables, EXECUTE on the functions it calls; no DDL.
--   sparkle_mv_owner  owns the materialized views of 004 and the definer-rights function that
--                     refreshes them (search_path pg_catalog, public, pg_temp: pg_temp last), so that function runs with this role's few rights instead of the
--                     migrating (often super-) user's.
--   sparkle_monitor   pg_monitor plus the monitoring views and index reports (009, 008, 002).
--   sparkle_readonly  SELECT for analysts and replicas, without the credential columns.
-- Their privileges in this database are granted by the phases and by the privilege step that runs after
-- every migration (db/engine/privileges.sql).
-- Roles are cluster-wide: two databases of one cluster migrating at the same time can both see a role
-- missing; the loser of that race gets unique_violation, which means the role is there.
DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['sparkle_app', 'sparkle_mv_owner', 'sparkle_monitor', 'sparkle_readonly'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
                EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_role);
            END IF;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;
        END;
    END LOOP;
END
$$;

-- pg_monitor (read all statistics and settings, pg_stat_statements of every user, pgstattuple) is
-- what the monitor needs beyond our views. Granting it needs superuser or ADMIN on pg_monitor; a
-- migrating role without either leaves it to the DBA (docs/SECURITY.md) instead of failing the phase.
DO $$
BEGIN
    GRANT pg_monitor TO sparkle_monitor;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_monitor was not granted to sparkle_monitor (needs superuser or ADMIN on pg_monitor): %', SQLERRM;
    WHEN unique_violation THEN
        NULL;  -- another database of the cluster granted it at the same moment
END
$$;

GRANT USAGE ON SCHEMA public TO sparkle_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sparkle_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sparkle_app;

-- Default privileges apply to objects later created by the role that runs the migrations (the
-- owner of the schema objects), so tables, views and materialized views of phases 002-009 inherit
-- the same grants without each phase repeating them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sparkle_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO sparkle_app;
