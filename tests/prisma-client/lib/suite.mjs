// Shared scaffolding: every step runs once per target database, with a Prisma client connected as the
// application role and an owner pool for independent checks in plain SQL.
import assert from 'node:assert/strict'
import { after, before, describe } from 'node:test'
import { ownerPool, prismaClient, targets } from './env.mjs'

/**
 * describe() once per target. `body(ctx)` registers the tests; ctx.prisma / ctx.sql are ready inside them.
 * ctx.sql(text, params) returns the rows of a query run as the owner (not through Prisma).
 */
export function onEachDatabase(title, body) {
  for (const target of targets) {
    describe(`${title} [${target.label}]`, () => {
      const ctx = { target }
      before(async () => {
        ctx.prisma = prismaClient(target)
        ctx.pool = ownerPool(target)
        ctx.sql = async (text, params = []) => (await ctx.pool.query(text, params)).rows
      })
      after(async () => {
        await ctx.prisma?.$disconnect()
        await ctx.pool?.end()
      })
      body(ctx)
    })
  }
}

/** The SQLSTATE PostgreSQL raised under a Prisma error (driver adapters keep it in meta). */
export function sqlState(error) {
  return error?.meta?.driverAdapterError?.cause?.originalCode ?? error?.cause?.originalCode ?? null
}

/** Awaits `promise`, asserts that it fails with Prisma error `code` and returns the error. */
export async function rejectsWith(promise, code, message) {
  let caught = null
  try {
    await promise
  } catch (error) {
    caught = error
  }
  assert.ok(caught, message ?? `expected Prisma error ${code}, the call succeeded`)
  assert.equal(caught.code, code, `${message ?? 'Prisma error code'}: ${caught.message}`)
  return caught
}

/** Month partition name that phase 007 routes a timestamp to (UTC). */
export function monthPartition(table, date) {
  const d = new Date(date)
  return `${table}_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}
