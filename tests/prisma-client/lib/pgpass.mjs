// Reads a password from a libpq password file (host:port:database:user:password, `*` matches anything,
// `\:` and `\\` escaped). node-postgres does not read such files itself, so the suite looks the password up
// here and hands it to the driver inside a URL that is never printed.
import fs from 'node:fs'

function fields(line) {
  const out = []
  let cur = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\' && i + 1 < line.length) cur += line[++i]
    else if (c === ':') { out.push(cur); cur = '' }
    else cur += c
  }
  out.push(cur)
  return out
}

export function passwordFor(file, { host, port, database, user }) {
  const text = fs.readFileSync(file, 'utf8')
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue
    const f = fields(line)
    if (f.length < 5) continue
    const wanted = [host, String(port), database, user]
    if (wanted.every((w, i) => f[i] === '*' || f[i] === w)) return f.slice(4).join(':')
  }
  throw new Error(`no entry for ${user}@${host}:${port}/${database} in the password file ${file}`)
}
