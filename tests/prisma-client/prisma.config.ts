// Prisma 7 reads the datasource URL from here, not from the schema (scripts/prepare-schema.mjs removes the
// schema's `url` line in its temp copy). The URL is only needed by `migrate diff` and reaches the CLI through
// the environment of the process that runs it (test/drift.test.mjs, scripts/build-prisma-database.mjs);
// `generate` needs none.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'build/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? '' },
})
