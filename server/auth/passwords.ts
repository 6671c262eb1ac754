import { type Algorithm, hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's minimum parameters: 19 MiB, two passes, one lane (about 50 ms on one core here).
const OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS)

/** A hash of no one's password, verified against when the account is unknown: both take the same time. */
let decoy: Promise<string> | undefined

/** Whether `password` is the one `passwordHash` was made from; undefined hash: an unknown account. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    decoy ??= hashPassword('decoy password, never valid')
    await verify(await decoy, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}

/** Why a new password is refused, or undefined (the API's schema says the same for its requests). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`
  return undefined
}
