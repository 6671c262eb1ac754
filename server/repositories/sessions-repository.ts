import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Role } from '../../db/tables/accounts.ts'
import { newToken, tokenHash } from '../auth/tokens.ts'

// Sessions and sign-in throttling live in the database, so that every app instance sees the same ones.
// Times are the database's (`now()`), one clock for all instances.

export interface SessionUser {
  id: number
  email: string
  displayName: string
  role: Role
  organizationId: number | null
}

export interface ActiveSession {
  tokenHash: string
  csrfToken: string
  expiresAt: string
  user: SessionUser
}

/** A new session with a new random token (never one the client offered). The token goes to the cookie only. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  maxHours: number,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newToken()
  const csrfToken = newToken()
  const { expiresAt } = await db
    .insertInto('sessions')
    .values({
      tokenHash: tokenHash(token),
      userId,
      csrfToken,
      expiresAt: sql<string>`now() + make_interval(hours => ${maxHours}::integer)`,
    })
    .returning('expiresAt')
    .executeTakeFirstOrThrow()
  return { token, csrfToken, expiresAt }
}

/**
 * The session of a token, if it is still valid: before its absolute end, used within the idle time, and
 * of a user who is not disabled. Its last use is recorded at most once a minute.
 */
export async function findSession(
  db: Kysely<Database>,
  hash: string,
  idleMinutes: number,
): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.tokenHash',
      's.csrfToken',
      's.expiresAt',
      'u.id',
      'u.email',
      'u.displayName',
      'u.role',
      'u.organizationId',
      sql<boolean>`s.last_seen_at < now() - interval '1 minute'`.as('stale'),
    ])
    .where('s.tokenHash', '=', hash)
    .where('u.disabled', '=', false)
    .where(sql<boolean>`s.expires_at > now()`)
    .where(sql<boolean>`s.last_seen_at > now() - make_interval(mins => ${idleMinutes}::integer)`)
    .executeTakeFirst()
  if (!row) return undefined
  if (row.stale) {
    await db.updateTable('sessions').set({ lastSeenAt: sql`now()` }).where('tokenHash', '=', hash).execute()
  }
  const { tokenHash: _, csrfToken, expiresAt, stale: __, ...user } = row
  return { tokenHash: hash, csrfToken, expiresAt, user }
}

export async function deleteSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', hash).execute()
}

/** Ends every session of a user (disabled, or a new password). */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute()
}

/** Drops sessions that can no longer be used. */
export async function purgeEndedSessions(db: Kysely<Database>, idleMinutes: number): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb(sql`expires_at`, '<=', sql`now()`),
        eb(sql`last_seen_at`, '<=', sql`now() - make_interval(mins => ${idleMinutes}::integer)`),
      ]),
    )
    .execute()
}

// Sign-in throttling: failures in the last WINDOW, per account (as typed, known or not) and per address.

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const

/** Seconds to wait before another attempt may be made; 0 when one may be made now. */
export async function signInWait(db: Kysely<Database>, ip: string, email: string): Promise<number> {
  const window = sql`make_interval(mins => ${THROTTLE.windowMinutes}::integer)`
  const waitFor = (who: ReturnType<typeof sql>) =>
    sql<number | null>`ceil(extract(epoch from (min(at) filter (where ${who}) + ${window} - now())))::integer`
  const row = await db
    .selectFrom('signInFailures')
    .where(sql<boolean>`at > now() - ${window}`)
    .where((eb) => eb.or([eb('ip', '=', ip), eb('email', '=', email)]))
    .select([
      sql<number>`count(*) filter (where email = ${email})`.as('account'),
      sql<number>`count(*) filter (where ip = ${ip})`.as('address'),
      waitFor(sql`email = ${email}`).as('accountWait'),
      waitFor(sql`ip = ${ip}`).as('addressWait'),
    ])
    .executeTakeFirstOrThrow()
  const waits = [
    row.account >= THROTTLE.perAccount ? (row.accountWait ?? 1) : 0,
    row.address >= THROTTLE.perAddress ? (row.addressWait ?? 1) : 0,
  ]
  return Math.max(0, ...waits.map((w) => Math.max(w, 0)))
}

export async function recordSignInFailure(db: Kysely<Database>, ip: string, email: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('signInFailures').values({ ip, email }).execute()
    await trx
      .deleteFrom('signInFailures')
      .where(sql<boolean>`at < now() - make_interval(mins => ${THROTTLE.windowMinutes}::integer)`)
      .execute()
  })
}

/** A successful sign-in forgives the account's failures (not the address's). */
export async function clearSignInFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('signInFailures').where('email', '=', email).execute()
}
