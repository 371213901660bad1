-- The maintenance journal of `sparkle-db maintain`: one row per run with each step's outcome and duration.
-- Created idempotently by the maintenance runner (not a migration: it is tool state, like the migration
-- journal, and lives in sparkle_db where Prisma never looks).

CREATE SCHEMA IF NOT EXISTS sparkle_db;

CREATE TABLE IF NOT EXISTS sparkle_db.maintenance_runs (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  duration_ms bigint      NOT NULL,
  status      text        NOT NULL CHECK (status IN ('healthy', 'degraded', 'down')),
  steps       jsonb       NOT NULL DEFAULT '[]',
  run_by      text        NOT NULL DEFAULT current_user,
  host        text
);

CREATE INDEX IF NOT EXISTS maintenance_runs_started_at_idx ON sparkle_db.maintenance_runs (started_at);

COMMENT ON TABLE sparkle_db.maintenance_runs IS
  'One row per sparkle-db maintain run: status healthy/degraded/down, steps [{name, kind, status, durationMs, detail}]. Pruned by the tool.';
