-- Phase 001: extensions and the application role.
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

-- The application's role: a group role (NOLOGIN) that login roles are granted into. It gets DML
-- only, never DDL, so a compromised application cannot alter the schema.
-- Roles are cluster-wide: two databases of one cluster migrating at the same time can both see the
-- role missing; the loser of that race gets unique_violation, which means the role is there.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app') THEN
        CREATE ROLE sparkle_app NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
        NULL;
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
