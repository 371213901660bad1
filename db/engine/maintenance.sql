-- The maintenance engine: one implementation and one journal for every maintenance run, whoever starts it
-- (`sparkle-db maintain`, pg_cron's CALL public.perform_maintenance(), an operator's CALL maintain_partitions()).
-- Created idempotently by the migration runner (after bootstrap.sql) and by `sparkle-db maintain`; it is tool
-- state, like the migration journal, and lives in sparkle_db where Prisma never looks.
--
-- Shape (docs/OPERATIONS.md, docs/DECISIONS.md D85):
--   * a task is a row of sparkle_db.maintenance_tasks naming a planner function. The phase that owns the work
--     registers it (007: partitions; 009: counters, materialized_views, statistics); a new kind of upkeep is one more row
--     and one more planner, nothing else.
--   * a planner (p_options jsonb) RETURNS TABLE (name text, kind text, statement text) lists the actions the
--     database needs now (none when there is nothing to do). Each statement is one SELECT that returns one text
--     value (the action's detail for the journal).
--   * sparkle_db.run_maintenance runs every action in a transaction of its own with a short lock_timeout,
--     retries lock timeouts and deadlocks with backoff, and appends the outcome to the run's journal row in the
--     same transaction as the action, so a crash or Ctrl+C never loses a finished action nor its record.
--   * an action too big for one short transaction works in steps: its statement takes the previous step's result
--     as $1 (NULL the first time) and returns a JSON object with "more": true while work remains; the runner
--     commits and calls it again with that result. Its last result (without "more") is the journal's detail.
--
-- The procedures COMMIT, so they cannot carry SET search_path (PostgreSQL forbids it); every name is
-- schema-qualified instead.

CREATE SCHEMA IF NOT EXISTS sparkle_db;

CREATE TABLE IF NOT EXISTS sparkle_db.maintenance_runs (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  duration_ms bigint,
  status      text        NOT NULL,
  steps       jsonb       NOT NULL DEFAULT '[]',
  run_by      text        NOT NULL DEFAULT current_user,
  host        text
);

-- The first version of this table (written by the C# runner alone) had no running state. Each change is made only
-- when missing: ALTER TABLE takes ACCESS EXCLUSIVE even when IF NOT EXISTS finds nothing to do, and this file runs on
-- every migrate.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = 'sparkle_db.maintenance_runs'::regclass AND a.attname = 'tasks' AND NOT a.attisdropped) THEN
    ALTER TABLE sparkle_db.maintenance_runs ADD COLUMN tasks text[] NOT NULL DEFAULT '{}';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = 'sparkle_db.maintenance_runs'::regclass AND a.attname = 'pruned_rows' AND NOT a.attisdropped) THEN
    ALTER TABLE sparkle_db.maintenance_runs ADD COLUMN pruned_rows integer NOT NULL DEFAULT 0;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
              WHERE a.attrelid = 'sparkle_db.maintenance_runs'::regclass AND a.attname = 'finished_at' AND a.attnotnull) THEN
    ALTER TABLE sparkle_db.maintenance_runs ALTER COLUMN finished_at DROP NOT NULL, ALTER COLUMN duration_ms DROP NOT NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
                  WHERE k.conrelid = 'sparkle_db.maintenance_runs'::regclass AND k.conname = 'maintenance_runs_status_check'
                    AND pg_catalog.pg_get_constraintdef(k.oid) LIKE '%interrupted%') THEN
    ALTER TABLE sparkle_db.maintenance_runs DROP CONSTRAINT IF EXISTS maintenance_runs_status_check;
    ALTER TABLE sparkle_db.maintenance_runs ADD CONSTRAINT maintenance_runs_status_check
      CHECK (status IN ('running', 'healthy', 'degraded', 'down', 'interrupted'));
  END IF;
END
$$;

CREATE INDEX IF NOT EXISTS maintenance_runs_started_at_idx ON sparkle_db.maintenance_runs (started_at);

COMMENT ON TABLE sparkle_db.maintenance_runs IS
  'One row per maintenance run (sparkle-db maintain, perform_maintenance, maintain_partitions): status running, then '
  'healthy/degraded/down, or interrupted; steps [{task, name, kind, status ok/failed/skipped/cancelled, attempts, durationMs, detail}] '
  'appended as each action commits.';

CREATE TABLE IF NOT EXISTS sparkle_db.maintenance_tasks (
  task        text    PRIMARY KEY,
  position    integer NOT NULL,
  planner     text    NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  description text    NOT NULL
);

COMMENT ON TABLE sparkle_db.maintenance_tasks IS
  'Maintenance tasks in run order. planner names a function (p_options jsonb) RETURNS TABLE (name text, kind text, statement text); '
  'each statement runs in its own transaction. enabled = false leaves a task out of perform_maintenance.';

-- Helpers that planners use as action statements (a statement must return one text value).

-- Refreshes one materialized view: CONCURRENTLY (readers go on) when it is populated and has a valid unique
-- index without WHERE; a plain refresh otherwise (the first time, or a view that cannot be refreshed
-- concurrently; D-44). Returns the mode used.
CREATE OR REPLACE FUNCTION sparkle_db.maintenance_refresh(p_view regclass)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
  v_concurrent boolean;
BEGIN
  SELECT c.relispopulated
         AND EXISTS (SELECT 1 FROM pg_catalog.pg_index x
                      WHERE x.indrelid = c.oid AND x.indisunique AND x.indpred IS NULL AND x.indisvalid AND x.indexprs IS NULL)
    INTO v_concurrent
    FROM pg_catalog.pg_class c WHERE c.oid = p_view AND c.relkind = 'm';
  IF v_concurrent IS NULL THEN
    RAISE EXCEPTION '% is not a materialized view', p_view USING ERRCODE = '42809';
  END IF;
  EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s%s', CASE WHEN v_concurrent THEN 'CONCURRENTLY ' ELSE '' END, p_view);
  RETURN CASE WHEN v_concurrent THEN 'concurrent' ELSE 'full' END;
END
$$;

-- ANALYZE of one table (a partitioned parent: autovacuum never analyzes those). SHARE UPDATE EXCLUSIVE: writers
-- and readers go on.
CREATE OR REPLACE FUNCTION sparkle_db.maintenance_analyze(p_table regclass)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
  EXECUTE pg_catalog.format('ANALYZE %s', p_table);
  RETURN NULL;
END
$$;

-- The runner. p_tasks NULL = every enabled task, in position order; otherwise exactly those (enabled or not).
-- p_options is handed to every planner. Returns the journal id in p_run_id, or NULL when another maintenance run
-- holds the maintenance lock (advisory key AdvisoryLock.MaintenanceKey; that run does the work).
-- Status: healthy = every action that ran succeeded, degraded = some failed, down = all failed; an action whose
-- lock never came within p_lock_attempts tries is 'skipped' (retried by the next run) and fails nothing.
CREATE OR REPLACE PROCEDURE sparkle_db.run_maintenance(
    INOUT p_run_id      bigint  DEFAULT NULL,
    p_tasks             text[]  DEFAULT NULL,
    p_options           jsonb   DEFAULT '{}',
    p_lock_timeout      text    DEFAULT '200ms',
    p_lock_attempts     integer DEFAULT 10,
    p_keep_days         integer DEFAULT 90)
LANGUAGE plpgsql
AS $$
DECLARE
  c_key       constant bigint := 91604325778499;
  v_started   timestamptz := pg_catalog.clock_timestamp();
  v_task      record;
  v_tasks     text[];
  v_actions   jsonb;
  v_action    jsonb;
  v_attempt   integer;
  v_t0        timestamptz;
  v_status    text;
  v_detail    text;
  v_state     text;
  v_message   text;
  v_retry     boolean;
  v_more      boolean;
  v_previous  text;
  v_calls     integer;
  v_cancelled boolean := false;
  v_ok        integer := 0;
  v_failed    integer := 0;
  v_skipped   integer := 0;
  v_pruned    integer := 0;
  v_run_status text;
BEGIN
  p_run_id := NULL;
  IF p_lock_attempts IS NULL OR p_lock_attempts < 1 THEN
    RAISE EXCEPTION 'run_maintenance: p_lock_attempts must be at least 1' USING ERRCODE = '22023';
  END IF;
  IF p_keep_days IS NULL OR p_keep_days < 1 THEN
    RAISE EXCEPTION 'run_maintenance: p_keep_days must be at least 1 (the journal keeps the current run)' USING ERRCODE = '22023';
  END IF;
  PERFORM pg_catalog.set_config('lock_timeout', p_lock_timeout, true);   -- validates the value up front
  IF p_tasks IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.unnest(p_tasks) t(name)
                                      WHERE NOT EXISTS (SELECT 1 FROM sparkle_db.maintenance_tasks m WHERE m.task = t.name)) THEN
    RAISE EXCEPTION 'run_maintenance: unknown task in %; known: %', p_tasks,
      (SELECT pg_catalog.array_agg(m.task ORDER BY m.position) FROM sparkle_db.maintenance_tasks m) USING ERRCODE = '22023';
  END IF;

  -- Session-level, because the run commits between actions; released at the end (and by the session's end
  -- when the run is cancelled).
  IF NOT pg_catalog.pg_try_advisory_lock(c_key) THEN
    RAISE NOTICE 'maintenance: another maintenance run holds the lock; skipped';
    RETURN;
  END IF;

  SELECT pg_catalog.array_agg(m.task ORDER BY m.position, m.task) INTO v_tasks
    FROM sparkle_db.maintenance_tasks m
   WHERE (p_tasks IS NULL AND m.enabled) OR m.task = ANY (p_tasks);

  -- Nothing else runs while this session holds the lock: a row still 'running' belongs to a run that died.
  UPDATE sparkle_db.maintenance_runs r
     SET status = 'interrupted',
         finished_at = coalesce(r.finished_at, r.started_at)
   WHERE r.status = 'running';
  INSERT INTO sparkle_db.maintenance_runs (started_at, status, tasks, host)
  VALUES (v_started, 'running', coalesce(v_tasks, '{}'), pg_catalog.inet_client_addr()::text)
  RETURNING id INTO p_run_id;
  COMMIT;

  <<tasks>>
  FOR v_task IN
    SELECT m.task, m.planner FROM sparkle_db.maintenance_tasks m
     WHERE m.task = ANY (coalesce(v_tasks, '{}')) ORDER BY m.position, m.task
  LOOP
    v_actions := NULL;
    v_t0 := pg_catalog.clock_timestamp();
    BEGIN
      IF pg_catalog.to_regproc(v_task.planner) IS NULL THEN
        RAISE EXCEPTION 'planner % does not exist', v_task.planner USING ERRCODE = '42883';
      END IF;
      EXECUTE pg_catalog.format(
        'SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(''name'', a.name, ''kind'', a.kind, ''statement'', a.statement)), ''[]'') FROM %s($1) a',
        v_task.planner) INTO v_actions USING coalesce(p_options, '{}');
    EXCEPTION
      WHEN query_canceled THEN
        v_cancelled := true;
      WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
        v_failed := v_failed + 1;
        UPDATE sparkle_db.maintenance_runs r
           SET steps = r.steps || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                 'task', v_task.task, 'name', v_task.planner, 'kind', 'plan', 'status', 'failed', 'attempts', 1,
                 'durationMs', pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_t0) * 1000)::numeric, 1),
                 'detail', v_state || ': ' || v_message))
         WHERE r.id = p_run_id;
    END;
    COMMIT;
    EXIT tasks WHEN v_cancelled;

    FOR v_action IN SELECT * FROM pg_catalog.jsonb_array_elements(coalesce(v_actions, '[]')) LOOP
      v_attempt := 0;
      v_calls := 1;
      v_previous := NULL;
      v_t0 := pg_catalog.clock_timestamp();
      LOOP
        v_attempt := v_attempt + 1;
        v_retry := false;
        v_more := false;
        v_detail := NULL;
        BEGIN
          PERFORM pg_catalog.set_config('lock_timeout', p_lock_timeout, true);
          EXECUTE v_action->>'statement' INTO v_detail USING v_previous;
          v_status := 'ok';
          -- A stepwise action (see the header) asks to be called again.
          v_more := v_detail LIKE '{%' AND coalesce((v_detail::jsonb->>'more')::boolean, false);
        EXCEPTION
          WHEN lock_not_available OR deadlock_detected THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
            v_retry := v_attempt < p_lock_attempts;
            v_status := 'skipped';
            v_detail := v_state || ': ' || v_message || pg_catalog.format(' (after %s attempts)', v_attempt);
          WHEN query_canceled THEN
            v_cancelled := true;
            v_status := 'cancelled';
            v_detail := 'cancelled';
          WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
            v_status := 'failed';
            v_detail := v_state || ': ' || v_message;
        END;
        IF v_more THEN
          -- This step's work commits; the next step starts afresh (its own lock_timeout and tries).
          COMMIT;
          v_previous := v_detail;
          v_calls := v_calls + 1;
          v_attempt := 0;
          CONTINUE;
        END IF;
        IF NOT v_retry THEN
          -- Same transaction as the action's own changes: the record and the work commit together.
          UPDATE sparkle_db.maintenance_runs r
             SET steps = r.steps || pg_catalog.jsonb_build_array(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                   'task', v_task.task, 'name', v_action->>'name', 'kind', v_action->>'kind', 'status', v_status,
                   'attempts', v_attempt,
                   'calls', CASE WHEN v_calls > 1 THEN v_calls END,
                   'durationMs', pg_catalog.round((EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_t0) * 1000)::numeric, 1),
                   'detail', v_detail)))
           WHERE r.id = p_run_id;
        END IF;
        COMMIT;
        EXIT WHEN NOT v_retry;
        -- Back off outside any transaction (no lock held), with jitter so two waiters do not collide again.
        BEGIN
          PERFORM pg_catalog.pg_sleep(LEAST(0.05 * v_attempt, 1.0) * (0.5 + pg_catalog.random()));
        EXCEPTION WHEN query_canceled THEN
          v_cancelled := true;
          v_status := 'cancelled';
          UPDATE sparkle_db.maintenance_runs r
             SET steps = r.steps || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                   'task', v_task.task, 'name', v_action->>'name', 'kind', v_action->>'kind', 'status', 'cancelled',
                   'attempts', v_attempt, 'detail', 'cancelled while waiting to retry'))
           WHERE r.id = p_run_id;
        END;
        COMMIT;
        EXIT WHEN v_cancelled;
      END LOOP;
      CASE v_status
        WHEN 'ok' THEN v_ok := v_ok + 1;
        WHEN 'failed' THEN v_failed := v_failed + 1;
        WHEN 'skipped' THEN v_skipped := v_skipped + 1;
        ELSE NULL;
      END CASE;
      EXIT tasks WHEN v_cancelled;
    END LOOP;
  END LOOP;

  IF v_cancelled THEN
    UPDATE sparkle_db.maintenance_runs r
       SET status = 'interrupted', finished_at = pg_catalog.clock_timestamp(),
           duration_ms = pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000)::bigint
     WHERE r.id = p_run_id;
    COMMIT;
    PERFORM pg_catalog.pg_advisory_unlock(c_key);
    RAISE EXCEPTION 'maintenance run % was cancelled; the actions it finished are committed and journaled', p_run_id
      USING ERRCODE = 'query_canceled';
  END IF;

  v_run_status := CASE WHEN v_failed = 0 THEN 'healthy' WHEN v_ok > 0 THEN 'degraded' ELSE 'down' END;
  DELETE FROM sparkle_db.maintenance_runs r
   WHERE r.id <> p_run_id AND r.started_at < pg_catalog.now() - pg_catalog.make_interval(days => p_keep_days);
  GET DIAGNOSTICS v_pruned = ROW_COUNT;
  UPDATE sparkle_db.maintenance_runs r
     SET status = v_run_status, finished_at = pg_catalog.clock_timestamp(), pruned_rows = v_pruned,
         duration_ms = pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started) * 1000)::bigint
   WHERE r.id = p_run_id;

  -- The application's health log (plan 009 step 5, when the data model is there): one summary row per run,
  -- written by the same code in the same transaction as the journal's verdict. Vocabulary of DECISIONS.md D8;
  -- "responseTime" in milliseconds (epoch x 1000, D-41); each task names its failed actions.
  IF pg_catalog.to_regclass('public.system_health') IS NOT NULL THEN
    INSERT INTO public.system_health (id, service, status, "responseTime", "errorRate", metadata, "checkedAt")
    SELECT pg_catalog.gen_random_uuid()::text, 'maintenance', r.status,
           EXTRACT(epoch FROM r.finished_at - r.started_at) * 1000,
           100.0 * v_failed / GREATEST(v_ok + v_failed, 1),
           pg_catalog.jsonb_build_object(
             'run_id', r.id,
             'start_time', pg_catalog.to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'end_time', pg_catalog.to_char(r.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'duration', pg_catalog.round((EXTRACT(epoch FROM r.finished_at - r.started_at) * 1000)::numeric, 3),
             'tasks', (SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                                'task', t.task,
                                'status', CASE WHEN t.failed > 0 THEN 'failed' WHEN t.actions = 0 THEN 'nothing to do' ELSE 'ok' END,
                                'actions', t.actions,
                                'failed', t.failed_names,
                                'skipped', t.skipped_names)) ORDER BY t.ord), '[]')
                         FROM (SELECT u.task, u.ord,
                                      (SELECT pg_catalog.count(*) FROM pg_catalog.jsonb_array_elements(r.steps) s
                                        WHERE s->>'task' = u.task AND s->>'kind' <> 'plan') AS actions,
                                      (SELECT pg_catalog.count(*) FROM pg_catalog.jsonb_array_elements(r.steps) s
                                        WHERE s->>'task' = u.task AND s->>'status' = 'failed') AS failed,
                                      (SELECT pg_catalog.jsonb_agg(s->>'name') FROM pg_catalog.jsonb_array_elements(r.steps) s
                                        WHERE s->>'task' = u.task AND s->>'status' = 'failed') AS failed_names,
                                      (SELECT pg_catalog.jsonb_agg(s->>'name') FROM pg_catalog.jsonb_array_elements(r.steps) s
                                        WHERE s->>'task' = u.task AND s->>'status' = 'skipped') AS skipped_names
                                 FROM pg_catalog.unnest(r.tasks) WITH ORDINALITY u(task, ord)) t)),
           (pg_catalog.now() AT TIME ZONE 'UTC')
      FROM sparkle_db.maintenance_runs r WHERE r.id = p_run_id;
  END IF;
  COMMIT;
  PERFORM pg_catalog.pg_advisory_unlock(c_key);
END
$$;

REVOKE ALL ON TABLE sparkle_db.maintenance_runs, sparkle_db.maintenance_tasks FROM PUBLIC;
REVOKE ALL ON FUNCTION sparkle_db.maintenance_refresh(regclass), sparkle_db.maintenance_analyze(regclass) FROM PUBLIC;
REVOKE ALL ON PROCEDURE sparkle_db.run_maintenance(bigint, text[], jsonb, text, integer, integer) FROM PUBLIC;
