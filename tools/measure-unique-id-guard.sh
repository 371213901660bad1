#!/usr/bin/env bash
# Measures what the unique-id guard of phase 007 (db/migrations/007_partitioning/040_unique_ids.sql, D78) costs a
# single-row insert into notifications, the way the app inserts one (autocommit, one row, a client-made id).
# Usage: tools/measure-unique-id-guard.sh <postgresql URL of a migrated, seeded database> [inserts-per-run] [rounds]
# Two measurements:
#  1. the guard trigger's own time per insert, as EXPLAIN ANALYZE reports it (server side, in a transaction
#     that is rolled back): robust against a busy machine;
#  2. the insert rate with pgbench, one client, alternating runs with the guard disabled and enabled (ALTER TABLE
#     ... DISABLE/ENABLE TRIGGER recurses to every partition), medians of the runs. synchronous_commit is off for
#     these sessions so that the WAL flush of each commit (milliseconds of disk noise) does not drown the guard.
# Deletes the rows it inserted and its helper table at the end. Used for the figure in docs/DECISIONS.md (D78).
set -euo pipefail
url=${1:?postgresql URL of a migrated, seeded database}
inserts=${2:-5000}
rounds=${3:-5}
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)
[ -x "$pgbench" ] || { echo "pgbench not found (apt-get install postgresql-15)"; exit 3; }
work=$(mktemp -d)
cleanup() {
  psql "$url" -X -q -c "ALTER TABLE notifications ENABLE TRIGGER enforce_unique_id_notifications" \
    -c "DELETE FROM notifications WHERE id LIKE 'guard-measure-%'" -c "DROP TABLE IF EXISTS public.guard_measure_users" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

psql "$url" -X -v ON_ERROR_STOP=1 -q <<'SQL'
DROP TABLE IF EXISTS public.guard_measure_users;
CREATE TABLE public.guard_measure_users AS
SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM users WHERE NOT deleted ORDER BY id LIMIT 1000;
ALTER TABLE public.guard_measure_users ADD PRIMARY KEY (n);
SQL
psql "$url" -X -At -c "SELECT 'notifications: ' || count(*) || ' rows in ' || (SELECT count(*) FROM pg_inherits WHERE inhparent = 'notifications'::regclass) || ' partitions' FROM notifications"

# The statement Prisma sends for notification.create (all columns with defaults spelled out, RETURNING the row).
cat > "$work/insert.sql" <<'SQL'
\set u random(1, 1000)
INSERT INTO notifications (id, type, "userId", title, message, priority, read, clicked, "emailSent", "pushSent", "smsSent", dismissed, "createdAt", "updatedAt")
SELECT 'guard-measure-' || gen_random_uuid()::text, 'SYSTEM', id, 'Welcome', 'guard cost probe', 0, false, false, false, false, false, false,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM public.guard_measure_users WHERE n = :u
RETURNING id, type, "userId", title, "createdAt";
SQL

echo "guard trigger time per insert (EXPLAIN ANALYZE, mean of 1000 inserts):"
psql "$url" -X -v ON_ERROR_STOP=1 -q <<'SQL'
BEGIN;
DO $$
DECLARE
    v_plan jsonb; v_guard numeric := 0; v_updated numeric := 0; v_total numeric := 0; v_users text[];
BEGIN
    SELECT array_agg(id) INTO v_users FROM public.guard_measure_users;
    FOR i IN 1..1000 LOOP
        EXECUTE format($f$EXPLAIN (ANALYZE, FORMAT JSON)
            INSERT INTO notifications (id, type, "userId", title, message, "createdAt", "updatedAt")
            VALUES ('guard-measure-' || gen_random_uuid()::text, 'SYSTEM', %L, 'Welcome', 'probe', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')$f$,
            v_users[1 + (i % array_length(v_users, 1))]) INTO v_plan;
        v_total := v_total + (v_plan -> 0 ->> 'Execution Time')::numeric;
        v_guard := v_guard + coalesce((SELECT sum((t ->> 'Time')::numeric) FROM jsonb_array_elements(v_plan -> 0 -> 'Triggers') t
                                        WHERE t ->> 'Trigger Name' LIKE 'enforce_unique_id_%'), 0);
        v_updated := v_updated + coalesce((SELECT sum((t ->> 'Time')::numeric) FROM jsonb_array_elements(v_plan -> 0 -> 'Triggers') t
                                          WHERE t ->> 'Trigger Name' LIKE 'update_updated_at_%'), 0);
    END LOOP;
    -- Sums of milliseconds over 1000 inserts: numerically the mean in microseconds.
    RAISE NOTICE 'guard % us, updatedAt trigger % us, whole insert (executor) % us',
        round(v_guard), round(v_updated), round(v_total);
END
$$;
ROLLBACK;
SQL

export PGOPTIONS="-c synchronous_commit=off"
run() {
  "$pgbench" "$url" -n -c 1 -j 1 -t "$inserts" -f "$work/insert.sql" 2>/dev/null \
    | awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%.0f %.3f\n", tps, lat}'
}

: > "$work/off"; : > "$work/on"
"$pgbench" "$url" -n -c 1 -t 500 -f "$work/insert.sql" >/dev/null 2>&1   # warm-up
for r in $(seq 1 "$rounds"); do
  psql "$url" -X -q -c "ALTER TABLE notifications DISABLE TRIGGER enforce_unique_id_notifications"
  off=$(run); echo "$off" >> "$work/off"
  psql "$url" -X -q -c "ALTER TABLE notifications ENABLE TRIGGER enforce_unique_id_notifications"
  on=$(run); echo "$on" >> "$work/on"
  echo "round $r: without guard ${off% *} rows/s (${off#* } ms); with guard ${on% *} rows/s (${on#* } ms)"
done
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{v[NR]=$k} END {print v[int((NR+1)/2)]}'; }
off_tps=$(median "$work/off" 1); on_tps=$(median "$work/on" 1)
off_lat=$(median "$work/off" 2); on_lat=$(median "$work/on" 2)
echo "insert rate (pgbench, synchronous_commit off), median of $rounds runs of $inserts:"
echo "median: without guard $off_tps rows/s, $off_lat ms; with guard $on_tps rows/s, $on_lat ms;" \
  "$(awk -v a="$off_lat" -v b="$on_lat" 'BEGIN {printf "%+.0f us per insert (%.0f%% of the rate without)", (b-a)*1000, 100*a/b}')"
