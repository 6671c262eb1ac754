import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 random bits, URL-safe: session and CSRF tokens. */
export const newToken = (): string => randomBytes(32).toString('base64url')

/** What the database keeps of a session token: a stolen table opens no session. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Compares in constant time (for equal lengths). */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
