// Where the suite's two databases are, and clients for them. run.sh sets the variables; see README.md.
//   SPARKLE_PG_HOST, SPARKLE_PG_PORT      the cluster
//   SPARKLE_PGPASSFILE, SPARKLE_PG_OWNER  the cluster's password file and its owner role (schema owner)
//   SPARKLE_APP_USER, SPARKLE_APP_PGPASSFILE  a login role that is a member of sparkle_app, and its password file
//   SPARKLE_DB_MIGRATED                   a database migrated by sparkle-db (phases 000-009)
//   SPARKLE_DB_PRISMA                     a database built from Prisma's own DDL for the v4.3 schema
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@prisma/client'
import { passwordFor } from './pgpass.mjs'

function need(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the suite through tests/prisma-client/run.sh`)
  return value
}

const host = () => need('SPARKLE_PG_HOST')
const port = () => Number(need('SPARKLE_PG_PORT'))

/** The two databases every step runs against. `sparkle` marks the one our migrations built. */
export const targets = [
  { key: 'migrated', label: 'sparkle-db database (000-009)', database: process.env.SPARKLE_DB_MIGRATED, sparkle: true },
  { key: 'prisma', label: "Prisma's own DDL", database: process.env.SPARKLE_DB_PRISMA, sparkle: false },
]

function connection(database, role) {
  const user = role === 'owner' ? need('SPARKLE_PG_OWNER') : need('SPARKLE_APP_USER')
  const file = role === 'owner' ? need('SPARKLE_PGPASSFILE') : need('SPARKLE_APP_PGPASSFILE')
  return { host: host(), port: port(), database, user, password: passwordFor(file, { host: host(), port: port(), database, user }) }
}

/** A postgresql:// URL with the password, for the Prisma CLI's environment only. Never print it. */
export function ownerUrl(database) {
  const c = connection(database, 'owner')
  return `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${encodeURIComponent(database)}`
}

/**
 * The generated Prisma client over @prisma/adapter-pg, connected the way production connects: as a login role
 * that is a member of sparkle_app (DML only). `role: 'owner'` connects as the schema owner instead.
 */
export function prismaClient(target, { role = 'app' } = {}) {
  return new PrismaClient({ adapter: new PrismaPg({ ...connection(target.database, role), max: 4 }) })
}

/** A plain node-postgres pool as the owner: the suite's independent look at what Prisma wrote. */
export function ownerPool(target) {
  return new pg.Pool({ ...connection(target.database, 'owner'), max: 2 })
}

let counter = 0
/** A name no other step or run uses: prefix, process id, a counter and a random tail. */
export function unique(prefix) {
  counter += 1
  return `${prefix}${process.pid.toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 7)}`
}
