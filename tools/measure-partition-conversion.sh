#!/usr/bin/env bash
# Measures sparkle_db.convert_to_partitioned on a populated table while writers keep writing.
# Usage: tools/measure-partition-conversion.sh <postgresql-url of a migrated database> [rows] [writer-seconds]
# Builds public.conv_measure shaped like v4.3 xp_logs (text id primary key, FK to users with CASCADE, the two Prisma
# indexes), fills it with <rows> rows over 24 months, starts two pgbench clients that insert, update and delete rows
# during the conversion, converts, prints the conversion record (row count, checksum, write_block_ms,
# access_exclusive_ms), the writers' longest transaction while the conversion ran (each does an insert, an update and a
# delete), checks that the DEFAULT partition is empty and that the writers saw no failed transaction, then drops the
# table and its test users. Used for the figure in docs/DECISIONS.md (D75).
set -euo pipefail
url=${1:?postgresql URL of a migrated database}
rows=${2:-1000000}
seconds=${3:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql "$url" -v ON_ERROR_STOP=1 -q <<SQL
DROP TABLE IF EXISTS public.conv_measure CASCADE;
DELETE FROM sparkle_db.partition_conversions WHERE table_name = 'conv_measure';
INSERT INTO users (id, email, username, "updatedAt")
SELECT 'measure-user-' || g, 'measure' || g || '@example.test', 'measure_user_' || g, now() AT TIME ZONE 'UTC'
FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING;
CREATE TABLE public.conv_measure (
    id text NOT NULL, "userId" text NOT NULL, amount integer NOT NULL, source text NOT NULL, "sourceId" text,
    reason text, multiplier double precision NOT NULL DEFAULT 1, "bonusXp" integer NOT NULL DEFAULT 0,
    "totalXp" integer NOT NULL, metadata jsonb, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT conv_measure_pkey PRIMARY KEY (id));
CREATE INDEX "conv_measure_userId_createdAt_idx" ON public.conv_measure ("userId", "createdAt" DESC);
CREATE INDEX conv_measure_source_idx ON public.conv_measure (source);
ALTER TABLE public.conv_measure ADD CONSTRAINT "conv_measure_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES users(id) ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO public.conv_measure (id, "userId", amount, source, "totalXp", metadata, "createdAt")
SELECT 'm' || lpad(g::text, 9, '0'), 'measure-user-' || (1 + g % 1000), g % 50, 'post_create', g, jsonb_build_object('n', g),
       date_trunc('month', now() AT TIME ZONE 'UTC') - interval '23 months' + (g % 730) * interval '1 day' + (g % 86400) * interval '1 second'
FROM generate_series(1, $rows) g;
ANALYZE public.conv_measure;
SQL

cat > "$work/writer.sql" <<SQL
\set id random(1, $rows)
\set u random(1, 1000)
BEGIN;
INSERT INTO public.conv_measure (id, "userId", amount, source, "totalXp", "createdAt")
    VALUES ('w' || md5(random()::text), 'measure-user-' || :u, 1, 'writer', 1, now() AT TIME ZONE 'UTC');
UPDATE public.conv_measure SET amount = amount + 1 WHERE id = 'm' || lpad(:id::text, 9, '0');
DELETE FROM public.conv_measure WHERE id = 'm' || lpad((:id + 7)::text, 9, '0');
COMMIT;
SQL
pgbench "$url" -n -c 2 -T "$seconds" -f "$work/writer.sql" -l --log-prefix="$work/tx" > "$work/pgbench.out" 2>&1 &
writer=$!
# A baseline window: what the writers see on this machine without a conversion.
sleep 20

start=$(date +%s.%N)
psql "$url" -v ON_ERROR_STOP=1 -q -c "CALL sparkle_db.convert_to_partitioned('conv_measure', 'createdAt')"
end=$(date +%s.%N)
wait "$writer"

echo "conversion wall time: $(echo "$end - $start" | bc) s"
# pgbench -l: client, transaction, latency (us), script, epoch seconds, microseconds (the transaction's end).
cat "$work"/tx* | awk -v s="$start" -v e="$end" '
    { t = $5 + $6 / 1e6; b = t - $3 / 1e6
      if (t >= s && b <= e) { if ($3 > m) m = $3; n++ } else if (t < s) { if ($3 > mb) mb = $3; nb++ } }
    END { printf "longest writer transaction: %.1f ms during the conversion (%d transactions), %.1f ms in the 20 s before it (%d)\n", m / 1000, n, mb / 1000, nb }'
psql "$url" -v ON_ERROR_STOP=1 -c "SELECT * FROM sparkle_db.partition_conversions WHERE table_name = 'conv_measure'" \
    -c "SELECT count(*) AS rows_in_default FROM public.conv_measure_default"
grep -E "processed|failed|tps" "$work/pgbench.out"

psql "$url" -v ON_ERROR_STOP=1 -q -c "DROP TABLE public.conv_measure" -c "DELETE FROM users WHERE id LIKE 'measure-user-%'"
