// Prisma's own drift diff as a second, independent oracle beside `sparkle-db verify` (whose expectations come
// from our own Prisma parser): the real Prisma 7 CLI with its schema engine (the wasm build, see run.sh) compares
// each live database with the v4.3 schema. Every difference it reports must be one lib/expected-drift.mjs lists
// and explains, and every listed one must still be reported.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ownerUrl, targets } from '../lib/env.mjs'
import { diffStatements, prisma, schemaPath } from '../lib/prisma-cli.mjs'
import { prismaItself, sparkleDb } from '../lib/expected-drift.mjs'

// KNOWN BREAK (found on merging main, where 005/060_gamification.sql adds the constraint trigger
// settle_level_up on users): Prisma's schema engine stops ("Error in Schema engine", no message) when it
// introspects a table that carries a constraint trigger (a pg_constraint row of contype 't'), so Prisma's
// diff, db pull and migrate dev cannot read the migrated database. With that trigger dropped the diff is
// exactly the list below (checked by hand). Reported as TODO on the migrated database until 005 is changed;
// then set ENGINE_BREAKS_ON_CONSTRAINT_TRIGGER to false.
const ENGINE_BREAKS_ON_CONSTRAINT_TRIGGER = true

for (const target of targets) {
  const todo = target.sparkle && ENGINE_BREAKS_ON_CONSTRAINT_TRIGGER ? "Prisma's schema engine fails on the constraint trigger settle_level_up (005)" : false
  test(`prisma migrate diff reports exactly the explained differences [${target.label}]`, { todo }, async () => {
    const run = prisma(['migrate', 'diff', '--from-config-datasource', '--to-schema', schemaPath, '--script', '--exit-code'], { url: ownerUrl(target.database) })
    // --exit-code: 0 no difference, 2 differences, anything else an error.
    assert.equal(run.status, 2, `prisma migrate diff exited ${run.status}: ${run.stderr}`)
    const expected = (target.sparkle ? sparkleDb : prismaItself).map((d) => d.statement)
    const reported = diffStatements(run.stdout)
    const unexpected = reported.filter((s) => !expected.includes(s))
    const missing = expected.filter((s) => !reported.includes(s))
    assert.deepEqual({ unexpected, missing }, { unexpected: [], missing: [] })
    assert.equal(reported.length, expected.length, 'no statement reported twice')
  })
}
