-- Rolls phase 007 back: each partitioned table becomes the plain table Prisma created (one
-- transaction, ACCESS EXCLUSIVE for the copy: plan a maintenance window on a large database), then the
-- toolkit goes. Archived months in sparkle_archive hold data and are kept; the schema is dropped only
-- when it is empty.
-- The unique-id guard (040) goes first: convert_to_plain copies a parent's triggers onto the plain table, where
-- the primary key on id makes the guard redundant.
DROP TRIGGER IF EXISTS enforce_unique_id_analytics_events ON public.analytics_events;
DROP TRIGGER IF EXISTS enforce_unique_id_activity_streams ON public.activity_streams;
DROP TRIGGER IF EXISTS enforce_unique_id_audit_logs ON public.audit_logs;
DROP TRIGGER IF EXISTS enforce_unique_id_notifications ON public.notifications;
DROP TRIGGER IF EXISTS enforce_unique_id_xp_logs ON public.xp_logs;
DROP TRIGGER IF EXISTS enforce_unique_id_currency_transactions ON public.currency_transactions;
DROP FUNCTION IF EXISTS sparkle_db.enforce_unique_partitioned_id();

SELECT sparkle_db.convert_to_plain('analytics_events');
SELECT sparkle_db.convert_to_plain('activity_streams');
SELECT sparkle_db.convert_to_plain('audit_logs');
SELECT sparkle_db.convert_to_plain('notifications');
SELECT sparkle_db.convert_to_plain('xp_logs');
SELECT sparkle_db.convert_to_plain('currency_transactions');

DELETE FROM sparkle_db.maintenance_tasks WHERE task = 'partitions';
DROP PROCEDURE IF EXISTS public.maintain_partitions(text, integer, boolean, jsonb);
DROP FUNCTION IF EXISTS public.maintain_partitions(text, integer, boolean);
DROP FUNCTION IF EXISTS sparkle_db.maintenance_plan_partitions(jsonb);
DROP FUNCTION IF EXISTS sparkle_db.move_default_rows(regclass, text, date);
DROP FUNCTION IF EXISTS sparkle_db.stage_month_partition(regclass, text, date);
DROP FUNCTION IF EXISTS sparkle_db.partition_key_column(regclass);
DROP FUNCTION IF EXISTS public.drop_old_partitions(text, integer);
DROP FUNCTION IF EXISTS public.create_monthly_partition(text, date);
DROP PROCEDURE IF EXISTS sparkle_db.convert_to_partitioned(text, text, integer, integer, text, integer);
DROP FUNCTION IF EXISTS sparkle_db.partition_mirror();
DROP PROCEDURE IF EXISTS sparkle_db.run_locked(text, text, integer, text, text, integer, text);
DROP FUNCTION IF EXISTS sparkle_db.partition_mirror_name(text);
DROP FUNCTION IF EXISTS sparkle_db.create_partition_copy(text, text, integer);
DROP FUNCTION IF EXISTS sparkle_db.create_partition_mirror(text, text);
DROP FUNCTION IF EXISTS sparkle_db.copy_partition_batch(text, text, text, integer);
DROP FUNCTION IF EXISTS sparkle_db.swap_partition_copy(text, jsonb);
DROP FUNCTION IF EXISTS sparkle_db.drop_replaced_table(text, boolean);
DROP FUNCTION IF EXISTS sparkle_db.drop_replaced_table(text);
DROP FUNCTION IF EXISTS sparkle_db.discard_partition_copy(text);
DROP FUNCTION IF EXISTS sparkle_db.retire_partition(regclass, regclass, text);
DROP FUNCTION IF EXISTS sparkle_db.retention_candidates(regclass, integer);
DROP FUNCTION IF EXISTS sparkle_db.ensure_month_partition(regclass, text, date);
DROP FUNCTION IF EXISTS sparkle_db.partitioned_parent(text);
DROP FUNCTION IF EXISTS sparkle_db.partition_bounds(regclass);
DROP FUNCTION IF EXISTS sparkle_db.convert_to_plain(text);
DROP TABLE IF EXISTS sparkle_db.partition_conversions;
DROP TABLE IF EXISTS sparkle_db.partition_policies;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sparkle_archive') THEN
        DROP SCHEMA IF EXISTS sparkle_archive;
    END IF;
END
$$;
