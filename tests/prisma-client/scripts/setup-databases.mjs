// Prepares what the suite needs beside the database sparkle-db migrated (run.sh starts the cluster):
//  1. Prisma's own DDL for the v4.3 schema (`prisma migrate diff --from-empty --to-schema ... --script`),
//     applied with psql to a new database $SPARKLE_DB_PRISMA, then the same DML grants to sparkle_app that
//     phase 001 gives (grants only: the schema is Prisma's, untouched).
//  2. A login role $SPARKLE_APP_USER, member of sparkle_app, the way production connects. Its password is
//     random, set as a SCRAM verifier (the password itself is in no SQL text) and written only to
//     $SPARKLE_APP_PGPASSFILE (mode 0600).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { passwordFor } from '../lib/pgpass.mjs'
import { scramVerifier } from '../lib/scram.mjs'
import { prisma, project, schemaPath } from '../lib/prisma-cli.mjs'

const env = (name) => {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set`)
  return v
}
const host = env('SPARKLE_PG_HOST')
const port = Number(env('SPARKLE_PG_PORT'))
const owner = env('SPARKLE_PG_OWNER')
const passfile = env('SPARKLE_PGPASSFILE')
const migrated = env('SPARKLE_DB_MIGRATED')
const prismaDb = env('SPARKLE_DB_PRISMA')
const appUser = env('SPARKLE_APP_USER')
const appPassfile = env('SPARKLE_APP_PGPASSFILE')
const ownerConfig = (database) => ({ host, port, database, user: owner, password: passwordFor(passfile, { host, port, database, user: owner }) })
const ident = (name) => '"' + name.replaceAll('"', '""') + '"'

// 1. Prisma's DDL. The wasm schema engine needs a live connection even to diff from empty; any database will do.
const o = ownerConfig(migrated)
const url = `postgresql://${encodeURIComponent(o.user)}:${encodeURIComponent(o.password)}@${host}:${port}/${encodeURIComponent(migrated)}`
const ddl = prisma(['migrate', 'diff', '--from-empty', '--to-schema', schemaPath, '--script'], { url })
if (ddl.status !== 0) {
  console.error(ddl.stderr)
  throw new Error(`prisma migrate diff --from-empty failed (exit ${ddl.status})`)
}
const ddlFile = path.join(project, 'build', 'prisma-ddl.sql')
fs.writeFileSync(ddlFile, ddl.stdout)

const admin = new pg.Client(ownerConfig('postgres'))
await admin.connect()
await admin.query(`DROP DATABASE IF EXISTS ${ident(prismaDb)}`)
await admin.query(`CREATE DATABASE ${ident(prismaDb)}`)

const psql = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port), '-U', owner, '-d', prismaDb, '-f', ddlFile], {
  env: { ...process.env, PGPASSFILE: passfile, PGOPTIONS: '-c client_min_messages=warning' },
  encoding: 'utf8',
})
if (psql.status !== 0) {
  console.error(psql.stderr)
  throw new Error(`psql could not apply Prisma's DDL (exit ${psql.status})`)
}
const statements = ddl.stdout.split(/\n\s*\n/).filter((b) => b.replace(/^\s*--.*$/gm, '').trim()).length
console.log(`${prismaDb}: Prisma's DDL applied with psql (${statements} statements)`)

const grants = new pg.Client(ownerConfig(prismaDb))
await grants.connect()
await grants.query(`GRANT USAGE ON SCHEMA public TO sparkle_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sparkle_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sparkle_app;`)
await grants.end()

// 2. The application's login role.
const password = crypto.randomBytes(24).toString('base64url')
const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appUser])).rowCount > 0
// A utility statement takes no parameters; the verifier is quoted as a literal (it holds no quote).
const verifier = scramVerifier(password)
await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(appUser)} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${verifier}'`)
await admin.query(`GRANT sparkle_app TO ${ident(appUser)}`)
await admin.end()
fs.writeFileSync(appPassfile, `${host}:${port}:*:${appUser}:${password}\n`, { mode: 0o600 })
fs.chmodSync(appPassfile, 0o600)
console.log(`login role ${appUser}: member of sparkle_app (password in ${appPassfile}, mode 0600)`)
