-- Phase 007, part 4: `id` stays unique on its own in the six partitioned tables.
-- A partitioned table's primary key must contain the partition key, so after 020 the key is
-- (id, "createdAt") (analytics_events: (id, "timestamp")) and PostgreSQL alone would accept a second row
-- with an existing id and another time. Prisma's client, built from v4.3 (`id @id`), treats id as unique:
-- findUnique/update/delete by id and cursor pagination (a subquery by id that must return one row) all
-- assume it. This guard restores that contract: a BEFORE INSERT OR UPDATE OF id row trigger on each
-- partitioned parent (cloned to every partition, including those attached later) rejects an id that is
-- already present, with the error a unique index gives (23505, constraint "<table>_pkey"), which Prisma
-- reports as P2002 exactly as on a database Prisma built. Decision, cost and limits: docs/DECISIONS.md D78.
-- What it cannot restore: INSERT ... ON CONFLICT (id), i.e. Prisma's native upsert when the create
-- carries the id, still fails with 42P10 (no unique index on id alone can exist on a partitioned table).
CREATE OR REPLACE FUNCTION sparkle_db.enforce_unique_partitioned_id()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
-- TG_ARGV[0]: the partitioned parent's name. The trigger fires on the partition the row lands in, so the
-- parent cannot be taken from TG_TABLE_NAME.
DECLARE
    v_taken boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id IS NOT DISTINCT FROM OLD.id THEN
        RETURN NEW;
    END IF;
    -- Writers of the same id queue here, as they would on a unique index, so two concurrent inserts of
    -- one id cannot both pass the check. The lock lasts until the transaction ends.
    IF NOT pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtext(TG_ARGV[0]), pg_catalog.hashtext(NEW.id)) THEN
        PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext(TG_ARGV[0]), pg_catalog.hashtext(NEW.id));
        -- Under REPEATABLE READ or SERIALIZABLE our snapshot predates the holder's commit, so the check
        -- below could not see its row: fail as a serialization error, which the caller retries.
        IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'could not serialize access: a concurrent transaction wrote id % into %', NEW.id, TG_ARGV[0]
                USING ERRCODE = 'serialization_failure';
        END IF;
    END IF;
    -- Static statements (not EXECUTE) so each keeps a cached plan: one probe of every partition's
    -- primary-key index, which leads with id.
    CASE TG_ARGV[0]
        WHEN 'notifications' THEN
            v_taken := EXISTS (SELECT 1 FROM public.notifications t WHERE t.id = NEW.id);
        WHEN 'activity_streams' THEN
            v_taken := EXISTS (SELECT 1 FROM public.activity_streams t WHERE t.id = NEW.id);
        WHEN 'analytics_events' THEN
            v_taken := EXISTS (SELECT 1 FROM public.analytics_events t WHERE t.id = NEW.id);
        WHEN 'audit_logs' THEN
            v_taken := EXISTS (SELECT 1 FROM public.audit_logs t WHERE t.id = NEW.id);
        WHEN 'xp_logs' THEN
            v_taken := EXISTS (SELECT 1 FROM public.xp_logs t WHERE t.id = NEW.id);
        WHEN 'currency_transactions' THEN
            v_taken := EXISTS (SELECT 1 FROM public.currency_transactions t WHERE t.id = NEW.id);
    END CASE;
    IF v_taken THEN
        RAISE EXCEPTION 'duplicate key value violates unique constraint "%"', TG_ARGV[0] || '_pkey'
            USING ERRCODE = 'unique_violation',
                  DETAIL = pg_catalog.format('Key (id)=(%s) already exists.', NEW.id),
                  SCHEMA = 'public',
                  TABLE = TG_ARGV[0],
                  CONSTRAINT = TG_ARGV[0] || '_pkey';
    END IF;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION sparkle_db.enforce_unique_partitioned_id() FROM PUBLIC;

-- Only where the table is partitioned: a plain table's primary key on id already does the job.
DO $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['notifications', 'activity_streams', 'analytics_events', 'audit_logs',
                                   'xp_logs', 'currency_transactions'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_partitioned_table pt
                   WHERE pt.partrelid = pg_catalog.to_regclass(pg_catalog.format('public.%I', v_table))) THEN
            EXECUTE pg_catalog.format('DROP TRIGGER IF EXISTS %I ON public.%I', 'enforce_unique_id_' || v_table, v_table);
            EXECUTE pg_catalog.format(
                'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF id ON public.%I FOR EACH ROW '
                'EXECUTE FUNCTION sparkle_db.enforce_unique_partitioned_id(%L)',
                'enforce_unique_id_' || v_table, v_table, v_table);
        END IF;
    END LOOP;
END
$$;
