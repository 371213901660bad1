// Writes build/schema.prisma, the copy of the v4.3 reference schema that `prisma generate` and
// `prisma migrate diff` read. The reference stays outside the repository ($SPARKLE_PRISMA_SCHEMA, else
// ../shared/reference/schema.prisma.v4.3 beside the repository) and is never committed.
// One transformation, because Prisma 7 refuses a datasource `url` (or `directUrl`) in the schema and reads
// the URL from prisma.config.ts instead: those lines of the `datasource` block are dropped. Everything else
// is byte-for-byte the reference. Exit 3 when the reference is missing (run.sh decides what that means).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const project = path.resolve(here, '..')
const repo = path.resolve(project, '..', '..')
const source = process.env.SPARKLE_PRISMA_SCHEMA || path.resolve(repo, '..', 'shared', 'reference', 'schema.prisma.v4.3')
if (!fs.existsSync(source)) {
  console.error(`no reference schema at ${source} (set SPARKLE_PRISMA_SCHEMA)`)
  process.exit(3)
}

const lines = fs.readFileSync(source, 'utf8').split('\n')
const out = []
let inDatasource = false
let dropped = 0
for (const line of lines) {
  if (/^\s*datasource\s+\w+\s*\{/.test(line)) inDatasource = true
  else if (inDatasource && /^\s*\}/.test(line)) inDatasource = false
  if (inDatasource && /^\s*(url|directUrl)\s*=/.test(line)) { dropped += 1; continue }
  out.push(line)
}
fs.mkdirSync(path.join(project, 'build'), { recursive: true })
fs.writeFileSync(path.join(project, 'build', 'schema.prisma'), out.join('\n'))
console.log(`build/schema.prisma: ${path.basename(source)} without its ${dropped} datasource url line(s)`)
