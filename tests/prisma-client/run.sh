#!/usr/bin/env bash
# The Prisma client suite (issue 11; docs/APP.md). The real Prisma 7 client, generated from the v4.3 schema and
# connected through @prisma/adapter-pg as a login role in sparkle_app, drives the app's call shapes against
#   (a) a database sparkle-db migrates (000-009), and
#   (b) a database built from Prisma's own DDL for the schema (applied with psql);
# then Prisma's own drift diff checks both. Starts a throw-away cluster and removes it afterwards.
# Needs Node.js >= 20.19 with npm, the .NET SDK, the PostgreSQL 15 binaries and psql (as for the rest of .ci/run),
# the reference schema ($SPARKLE_PRISMA_SCHEMA, else ../shared/reference/schema.prisma.v4.3 beside the repository)
# and the wasm schema engine (../shared/tools/prisma-schema-engine-wasm). Outside CI it skips when those are absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
engine=${SPARKLE_SCHEMA_ENGINE:-$repo/../shared/tools/prisma-schema-engine-wasm/schema-engine.mjs}
reference=${SPARKLE_PRISMA_SCHEMA:-$repo/../shared/reference/schema.prisma.v4.3}
cd "$here"

skip() {
  if [ "${CI:-}" = true ]; then echo "Prisma client suite: $1" >&2; exit 1; fi
  echo "Prisma client suite skipped: $1"; exit 0
}
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || skip "Node.js >= 20.19 is required (found $(node --version 2>/dev/null || echo none))"
[ -f "$engine" ] || skip "no schema engine stand-in at $engine"
node scripts/prepare-schema.mjs || skip "no reference schema"

# The lock file pins every package; no install script runs (prisma's would try to download native engines).
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
export PRISMA_SCHEMA_ENGINE_BINARY=$engine PRISMA_SHIM_MODULES_DIR=$here CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
node node_modules/prisma/build/index.js generate >/dev/null
echo "Prisma client generated from build/schema.prisma"

work=$(mktemp -d)
cli() { dotnet run --project "$repo/src/Sparkle.Db.Cli" --no-launch-profile "$@"; }
cleanup() {
  if [ -f "$work/cluster/cluster.json" ]; then
    server=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).ServerDirectory)' "$work/cluster/cluster.json")
    cli --no-build -- cluster stop --data-dir "$work/cluster" >/dev/null 2>&1 || true
    # The tool puts the server files under /var/tmp/sparkle-db-*/server when the postgres user cannot reach $work.
    case "$server" in
      "$work"/*) ;;
      /var/tmp/sparkle-db-*/server) rm -rf "$server"; rmdir "$(dirname "$server")" 2>/dev/null || true ;;
    esac
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# (a) every migration on a cluster of its own, verified, including our own comparison with the v4.3 schema
# (verify's prisma.schema check); Prisma's own diff (test/drift.test.mjs) is the independent second opinion.
cli -- up --data-dir "$work/cluster" --prisma-schema "$reference"
port=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).Port)' "$work/cluster/cluster.json")
export SPARKLE_PG_HOST=127.0.0.1 SPARKLE_PG_PORT=$port SPARKLE_PGPASSFILE=$work/cluster/pgpass SPARKLE_PG_OWNER=postgres
export SPARKLE_DB_MIGRATED=sparkle SPARKLE_DB_PRISMA=prisma_ddl
export SPARKLE_APP_USER=sparkle_prisma_suite SPARKLE_APP_PGPASSFILE=$work/app.pgpass

# (b) Prisma's DDL in a second database, and the application's login role.
node scripts/setup-databases.mjs

node --test --test-reporter=spec --test-timeout=300000 test/*.test.mjs
