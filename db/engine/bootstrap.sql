-- The tool's own objects, created (idempotently) by the migration runner before it reads its journal.
-- They live in schema sparkle_db so that Prisma, which looks at public, never sees them.

CREATE SCHEMA IF NOT EXISTS sparkle_db;

COMMENT ON SCHEMA sparkle_db IS 'sparkle-db tool state: migration journal, maintenance journal, helpers. Not part of the Prisma model.';

CREATE TABLE IF NOT EXISTS sparkle_db.schema_migrations (
  version        integer     PRIMARY KEY,
  name           text        NOT NULL,
  checksum       text        NOT NULL,
  file_checksums jsonb       NOT NULL DEFAULT '{}',
  mode           text        NOT NULL CHECK (mode IN ('transactional', 'non-transactional', 'mixed')),
  applied_at     timestamptz NOT NULL DEFAULT now(),
  duration_ms    bigint      NOT NULL,
  applied_by     text        NOT NULL DEFAULT current_user
);

COMMENT ON TABLE sparkle_db.schema_migrations IS 'One row per applied migration: SHA-256 of its normalised files, when, how long, in which mode.';

-- The text of each file as applied, so that `sparkle-db repair` can show what changed in a file since (rows written
-- by an earlier sparkle-db have none). Added in place: the journal of an existing database keeps its rows.
ALTER TABLE sparkle_db.schema_migrations ADD COLUMN IF NOT EXISTS file_contents jsonb;
ALTER TABLE sparkle_db.schema_migrations ADD COLUMN IF NOT EXISTS repaired_at timestamptz;

COMMENT ON COLUMN sparkle_db.schema_migrations.file_contents IS 'Path -> normalised text of each file as applied (or as recorded by repair).';
COMMENT ON COLUMN sparkle_db.schema_migrations.repaired_at IS 'When `sparkle-db repair --yes` last recorded new checksums for this row.';

-- Statements that build one index without long locks, for migrations that run with the
-- "-- sparkle-db:expand" directive. A plain table gets one CREATE INDEX CONCURRENTLY (after dropping an
-- INVALID leftover of an interrupted build, which IF NOT EXISTS would silently keep). A partitioned table
-- cannot be indexed concurrently, so it gets the documented three steps: an index on the parent alone
-- (ON ONLY, invalid until complete), a concurrent build on each partition, and ATTACH PARTITION, after
-- which the parent index becomes valid.
-- https://www.postgresql.org/docs/current/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE-MAINTENANCE
CREATE OR REPLACE FUNCTION sparkle_db.index_build_statements(p_index_name text, p_table regclass, p_using text)
RETURNS SETOF text
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog
AS $$
DECLARE
  v_kind      "char";
  v_namespace oid;
  v_schema    text;
  v_parent    oid;
  v_part      record;
  v_leaf      text;
BEGIN
  SELECT c.relkind, c.relnamespace, n.nspname
    INTO v_kind, v_namespace, v_schema
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = p_table;

  IF v_kind <> 'p' THEN
    IF EXISTS (SELECT 1
                 FROM pg_class ic JOIN pg_index i ON i.indexrelid = ic.oid
                WHERE ic.relname = p_index_name AND ic.relnamespace = v_namespace AND NOT i.indisvalid) THEN
      RETURN NEXT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', v_schema, p_index_name);
    END IF;
    RETURN NEXT format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %s %s', p_index_name, p_table, p_using);
    RETURN;
  END IF;

  RETURN NEXT format('CREATE INDEX IF NOT EXISTS %I ON ONLY %s %s', p_index_name, p_table, p_using);

  SELECT ic.oid INTO v_parent FROM pg_class ic WHERE ic.relname = p_index_name AND ic.relnamespace = v_namespace;

  FOR v_part IN
    SELECT c.oid, c.relname, c.relnamespace, n.nspname
      FROM pg_inherits inh
      JOIN pg_class c ON c.oid = inh.inhrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE inh.inhparent = p_table AND c.relkind = 'r'
     ORDER BY c.relname
  LOOP
    -- Already done: the partition has an index attached to this parent index.
    CONTINUE WHEN v_parent IS NOT NULL AND EXISTS (
      SELECT 1 FROM pg_inherits ii JOIN pg_index x ON x.indexrelid = ii.inhrelid
       WHERE ii.inhparent = v_parent AND x.indrelid = v_part.oid);

    v_leaf := v_part.relname || '_' || p_index_name;
    IF length(v_leaf) > 63 THEN
      v_leaf := left(v_leaf, 54) || '_' || left(md5(v_leaf), 8);
    END IF;

    IF EXISTS (SELECT 1
                 FROM pg_class ic JOIN pg_index i ON i.indexrelid = ic.oid
                WHERE ic.relname = v_leaf AND ic.relnamespace = v_part.relnamespace AND NOT i.indisvalid) THEN
      RETURN NEXT format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I', v_part.nspname, v_leaf);
    END IF;
    RETURN NEXT format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %I.%I %s', v_leaf, v_part.nspname, v_part.relname, p_using);
    RETURN NEXT format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I', v_schema, p_index_name, v_part.nspname, v_leaf);
  END LOOP;
END;
$$;

COMMENT ON FUNCTION sparkle_db.index_build_statements(text, regclass, text) IS
  'Statements that build an index without long locks on a plain or partitioned table (see the -- sparkle-db:expand directive).';
