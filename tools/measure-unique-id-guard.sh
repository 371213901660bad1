#!/usr/bin/env bash
# Measures what the unique-id guard of phase 007 (db/migrations/007_partitioning/040_unique_ids.sql, D78) costs a
# single-row insert into notifications, the app's most frequent write into a partitioned table.
# Usage: tools/measure-unique-id-guard.sh <postgresql URL of a migrated, seeded database> [pgbench-rounds]
#  1. Server side: 20 alternating blocks of 200 single-row inserts with the guard disabled and enabled
#     (ALTER TABLE ... DISABLE/ENABLE TRIGGER recurses to every partition), each insert timed on its own, in one
#     transaction that is rolled back; median and quartile per insert. Medians of interleaved blocks keep a busy
#     machine's bursts out of the comparison. Then the same with 12 more (empty) monthly partitions, because the
#     guard probes every partition's primary-key index.
#  2. End to end: pgbench, one client, autocommit inserts shaped like Prisma's notification.create, alternating runs
#     without and with the guard; the median rate of each (the commit's WAL flush dominates here).
# Leaves nothing behind: the inserted rows of part 2 and the helper table are deleted at the end.
set -euo pipefail
url=${1:?postgresql URL of a migrated, seeded database}
rounds=${2:-5}
export PGOPTIONS="-c client_min_messages=warning"
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)
[ -x "$pgbench" ] || { echo "pgbench not found (apt-get install postgresql-15)"; exit 3; }
work=$(mktemp -d)
cleanup() {
  psql "$url" -X -q -c "ALTER TABLE notifications ENABLE TRIGGER enforce_unique_id_notifications" \
    -c "DELETE FROM notifications WHERE id LIKE 'guard-measure-%'" -c "DROP TABLE IF EXISTS public.guard_measure_users" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql "$url" -X -v ON_ERROR_STOP=1 -q <<'SQL'
DROP TABLE IF EXISTS public.guard_measure_users;
CREATE TABLE public.guard_measure_users AS
SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM users WHERE NOT deleted ORDER BY id LIMIT 1000;
ALTER TABLE public.guard_measure_users ADD PRIMARY KEY (n);
SQL
psql "$url" -X -At -c "SELECT 'notifications: ' || count(*) || ' rows in ' || (SELECT count(*) FROM pg_inherits WHERE inhparent = 'notifications'::regclass) || ' partitions; PostgreSQL ' || current_setting('server_version') FROM notifications"

server_side() { # $1: extra SQL run first inside the rolled-back transaction
  psql "$url" -X -At -v ON_ERROR_STOP=1 -q <<SQL
CREATE TEMP TABLE lat (guard boolean, us numeric);
CREATE FUNCTION pg_temp.inserts(n int, guarded boolean) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz;
BEGIN
    FOR i IN 1..n LOOP
        t0 := clock_timestamp();
        INSERT INTO notifications (id, type, "userId", title, message, "createdAt", "updatedAt")
        SELECT 'guard-measure-' || gen_random_uuid()::text, 'SYSTEM', u.id, 'Welcome', 'guard cost probe',
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM public.guard_measure_users u WHERE u.n = 1 + i % 1000;
        INSERT INTO lat VALUES (guarded, extract(epoch FROM clock_timestamp() - t0) * 1e6);
    END LOOP;
END
\$\$;
BEGIN;
$1
SELECT pg_temp.inserts(200, true);   -- warm-up
TRUNCATE lat;
DO \$\$
BEGIN
    FOR r IN 1..20 LOOP
        ALTER TABLE notifications DISABLE TRIGGER enforce_unique_id_notifications;
        PERFORM pg_temp.inserts(200, false);
        ALTER TABLE notifications ENABLE TRIGGER enforce_unique_id_notifications;
        PERFORM pg_temp.inserts(200, true);
    END LOOP;
END
\$\$;
SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = 'notifications'::regclass) || ' partitions: median per insert '
       || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY us) FILTER (WHERE NOT guard)) || ' us without the guard, '
       || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY us) FILTER (WHERE guard)) || ' us with it (quartiles '
       || round(percentile_cont(0.25) WITHIN GROUP (ORDER BY us) FILTER (WHERE NOT guard)) || '/'
       || round(percentile_cont(0.75) WITHIN GROUP (ORDER BY us) FILTER (WHERE NOT guard)) || ' and '
       || round(percentile_cont(0.25) WITHIN GROUP (ORDER BY us) FILTER (WHERE guard)) || '/'
       || round(percentile_cont(0.75) WITHIN GROUP (ORDER BY us) FILTER (WHERE guard)) || ' us)'
FROM lat;
ROLLBACK;
SQL
}
echo "server side, 4000 inserts each way:"
server_side ""
server_side "CREATE TEMP TABLE more AS SELECT create_monthly_partition('notifications', (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => 4 + k))::date) FROM generate_series(0, 11) k;"

# The statement Prisma sends for notification.create (defaults spelled out, RETURNING the row).
cat > "$work/insert.sql" <<'SQL'
\set u random(1, 1000)
INSERT INTO notifications (id, type, "userId", title, message, priority, read, clicked, "emailSent", "pushSent", "smsSent", dismissed, "createdAt", "updatedAt")
SELECT 'guard-measure-' || gen_random_uuid()::text, 'SYSTEM', id, 'Welcome', 'guard cost probe', 0, false, false, false, false, false, false,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
FROM public.guard_measure_users WHERE n = :u
RETURNING id, type, "userId", title, "createdAt";
SQL
run() {
  "$pgbench" "$url" -n -c 1 -j 1 -t 2000 -f "$work/insert.sql" 2>/dev/null | awk '/^tps/ {printf "%.0f\n", $3}'
}
: > "$work/off"; : > "$work/on"
for r in $(seq 1 "$rounds"); do
  psql "$url" -X -q -c "ALTER TABLE notifications DISABLE TRIGGER enforce_unique_id_notifications"
  run >> "$work/off"
  psql "$url" -X -q -c "ALTER TABLE notifications ENABLE TRIGGER enforce_unique_id_notifications"
  run >> "$work/on"
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "end to end (pgbench, autocommit, 1 client, $rounds x 2000 each way): median $(median "$work/off") rows/s without the guard," \
  "$(median "$work/on") rows/s with it (runs: $(paste -sd, "$work/off") / $(paste -sd, "$work/on"))"
