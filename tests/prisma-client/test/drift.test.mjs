// Prisma's own drift diff as a second, independent oracle beside `sparkle-db verify` (whose expectations come
// from our own Prisma parser): the real Prisma 7 CLI with its schema engine (the wasm build, see run.sh) compares
// each live database with the v4.3 schema. Every difference it reports must be one lib/expected-drift.mjs lists
// and explains, and every listed one must still be reported.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ownerUrl, targets } from '../lib/env.mjs'
import { diffStatements, prisma, schemaPath } from '../lib/prisma-cli.mjs'
import { prismaItself, sparkleDb } from '../lib/expected-drift.mjs'

// A constraint trigger on a table of public (a pg_constraint row of contype 't') makes Prisma's schema engine stop
// ("Error in Schema engine", no message); that is why phase 005 keeps its deferred trigger on a table of sparkle_db
// (D83), and why this test would catch one coming back.
for (const target of targets) {
  test(`prisma migrate diff reports exactly the explained differences [${target.label}]`, async () => {
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
