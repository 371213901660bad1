// A SCRAM-SHA-256 verifier for a password, computed here so that CREATE/ALTER ROLE ... PASSWORD carries the
// verifier, never the password (what psql's \password does). Format: RFC 5803, as PostgreSQL stores it.
import crypto from 'node:crypto'

export function scramVerifier(password, iterations = 4096) {
  const salt = crypto.randomBytes(16)
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256')
  const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest()
  const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest()
  const serverKey = hmac(salted, 'Server Key')
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`
}
