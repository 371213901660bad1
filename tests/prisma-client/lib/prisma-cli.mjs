// Runs the project's Prisma CLI (node_modules/prisma) with a database URL in the child's environment only.
// The Prisma 7 CLI downloads a native schema engine for every command unless PRISMA_SCHEMA_ENGINE_BINARY names
// one; run.sh points it at ../shared/tools/prisma-schema-engine-wasm/schema-engine.mjs, the wasm engine.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const project = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const schemaPath = path.join(project, 'build', 'schema.prisma')
const cli = path.join(project, 'node_modules', 'prisma', 'build', 'index.js')

/** Runs `prisma ...args`; returns { status, stdout, stderr } with the URL scrubbed from both streams. */
export function prisma(args, { url } = {}) {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
  if (url) env.DATABASE_URL = url
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: project, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw result.error
  const scrub = (text) => (url ? text.split(url).join('<database url>') : text)
  return { status: result.status, stdout: scrub(result.stdout), stderr: scrub(result.stderr) }
}

/**
 * The statements of a `migrate diff --script` output, one string each, whitespace collapsed: each statement is
 * the block after a `-- Kind` comment line (Prisma writes one blank-line-separated block per change).
 */
export function diffStatements(script) {
  return script
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').filter((l) => !/^\s*--/.test(l)).join(' ').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0)
}
