import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenHash } from '../../../server/auth/tokens.ts'
import { THROTTLE } from '../../../server/repositories/sessions-repository.ts'
import { createTestApp } from '../../helpers/app.ts'
import { insertUser, TEST_PASSWORD, type TestUser } from '../../helpers/users.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
let manager: TestUser

beforeAll(async () => {
  t = await createTestApp({ auth: { sessionIdleMinutes: 30, sessionMaxHours: 8 } })
  manager = await insertUser(t.database.db, { role: 'manager', email: 'Manager@Example.test' })
})
afterAll(() => t.close())

let address = 0
/** Each sign-in from an address of its own, unless told: the per-address throttle stays out of the way. */
const signIn = (email: string, password: string, remoteAddress = `10.0.${++address >> 8}.${address & 255}`) =>
  t.anonymous.inject({ method: 'POST', url: '/api/auth/sign-in', body: { email, password }, remoteAddress })

/** Signs in and answers the cookie header and CSRF token of the new session. */
async function session(email = manager.email) {
  const response = await signIn(email, TEST_PASSWORD)
  expect(response.statusCode, response.body).toBe(200)
  const cookie = response.cookies.find((c) => c.name === 'sid')
  if (!cookie) throw new Error('no session cookie')
  return { cookie: `sid=${cookie.value}`, csrfToken: response.json().csrfToken as string, response }
}
const whoAmI = async (cookie: string) =>
  (await t.anonymous.inject({ url: '/api/auth/session', headers: { cookie } })).json()
const sessionRows = (userId: number) =>
  t.database.db.selectFrom('sessions').selectAll().where('userId', '=', userId).execute()

describe('sign-in', () => {
  it('starts a server-side session: an HttpOnly, SameSite=Lax, Secure signed cookie and a CSRF token', async () => {
    const { response, cookie, csrfToken } = await session('manager@example.TEST')
    const set = response.cookies.find((c) => c.name === 'sid')
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/', maxAge: 8 * 3600 })
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.json()).toMatchObject({
      user: { id: manager.id, email: 'Manager@Example.test', role: 'manager', organizationId: null },
      csrfToken: expect.any(String),
      idleMinutes: 30,
    })
    expect(csrfToken.length).toBeGreaterThanOrEqual(40)

    // The database keeps the token's SHA-256 only, never the token.
    const token = (set?.value ?? '').replace(/\.[^.]*$/, '')
    const rows = await sessionRows(manager.id)
    expect(rows.map((r) => r.tokenHash)).toContain(tokenHash(token))
    expect(JSON.stringify(rows)).not.toContain(token)

    expect(await whoAmI(cookie)).toMatchObject({ user: { id: manager.id }, csrfToken })
  })

  it('answers a wrong password, an unknown account and a disabled one alike, with 401', async () => {
    const disabled = await insertUser(t.database.db, { role: 'viewer', disabled: true })
    const answers = await Promise.all([
      signIn(manager.email, 'not the password at all'),
      signIn('nobody@example.test', TEST_PASSWORD),
      signIn(disabled.email, TEST_PASSWORD),
    ])
    for (const response of answers) {
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'The email or the password is wrong',
      })
      expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined()
    }
  })

  it('gives a new session id at every sign-in and ends the one the request came with', async () => {
    const first = await session()
    const second = await t.anonymous.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      body: { email: manager.email, password: TEST_PASSWORD },
      headers: { cookie: first.cookie },
    })
    expect(second.statusCode).toBe(200)
    const cookie = second.cookies.find((c) => c.name === 'sid')
    expect(`sid=${cookie?.value}`).not.toBe(first.cookie)
    expect((await whoAmI(first.cookie)).user).toBeNull()
  })

  it('refuses a forged or tampered cookie', async () => {
    const { cookie } = await session()
    const tampered = cookie.replace(/sid=./, (s) => (s.endsWith('a') ? 'sid=b' : 'sid=a'))
    expect((await whoAmI(tampered)).user).toBeNull()
    expect((await whoAmI('sid=made-up-token')).user).toBeNull()
    const unsigned = await t.anonymous.inject({
      url: '/api/auth/session',
      headers: { cookie: cookie.replace(/\.[^.]*$/, '') },
    })
    expect(unsigned.json().user).toBeNull()
  })
})

describe('sign-out', () => {
  it('deletes the session on the server, so the cookie no longer works', async () => {
    const { cookie, csrfToken } = await session()
    const before = (await sessionRows(manager.id)).length
    const out = await t.anonymous.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, 'x-csrf-token': csrfToken },
    })
    expect(out.statusCode).toBe(204)
    expect(out.cookies.find((c) => c.name === 'sid')?.value).toBe('')
    expect(await sessionRows(manager.id)).toHaveLength(before - 1)
    expect(await whoAmI(cookie)).toMatchObject({ user: null, csrfToken: null })
  })

  it('needs the CSRF token too (a forged sign-out is refused)', async () => {
    const { cookie } = await session()
    const out = await t.anonymous.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })
    expect(out.statusCode).toBe(403)
    expect((await whoAmI(cookie)).user).not.toBeNull()
  })
})

describe('expiry', () => {
  it('ends a session unused for the idle time', async () => {
    const { cookie } = await session()
    expect((await whoAmI(cookie)).user).not.toBeNull()
    await sql`update sessions set last_seen_at = now() - interval '31 minutes'
              where user_id = ${manager.id}`.execute(t.database.db)
    expect((await whoAmI(cookie)).user).toBeNull()
  })

  it('keeps an active session alive, but not past its absolute end', async () => {
    const { cookie } = await session()
    const hash = (await sessionRows(manager.id)).at(-1)?.tokenHash as string
    // Used 29 minutes ago: still valid, and the use moves its idle clock.
    await sql`update sessions set last_seen_at = now() - interval '29 minutes'
              where token_hash = ${hash}`.execute(t.database.db)
    expect((await whoAmI(cookie)).user).not.toBeNull()
    const [row] = await t.database.db
      .selectFrom('sessions')
      .select(sql<boolean>`last_seen_at > now() - interval '1 minute'`.as('fresh'))
      .where('tokenHash', '=', hash)
      .execute()
    expect(row?.fresh).toBe(true)
    // Active, but past its absolute end (8 h after sign-in).
    await sql`update sessions set created_at = now() - interval '9 hours', expires_at = now() - interval '1 hour'
              where token_hash = ${hash}`.execute(t.database.db)
    expect((await whoAmI(cookie)).user).toBeNull()
  })

  it('sets the absolute end at sign-in from SESSION_MAX_HOURS', async () => {
    await session()
    const [row] = await t.database.db
      .selectFrom('sessions')
      .select(sql<number>`round(extract(epoch from expires_at - created_at) / 3600)`.as('hours'))
      .where('userId', '=', manager.id)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .execute()
    expect(row?.hours).toBe(8)
  })
})

describe('disabled users', () => {
  it('lose every session at once, and cannot sign in again', async () => {
    const user = await insertUser(t.database.db, { role: 'viewer' })
    const sessions = [await session(user.email), await session(user.email)]
    const { version } = await t.database.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      body: { version, disabled: true },
    })
    expect(disabled.statusCode, disabled.body).toBe(200)
    expect(await sessionRows(user.id)).toEqual([])
    for (const { cookie } of sessions) expect((await whoAmI(cookie)).user).toBeNull()
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401)
  })

  it('lose their sessions with a new password too', async () => {
    const user = await insertUser(t.database.db, { role: 'viewer' })
    const { cookie } = await session(user.email)
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      body: { version: 1, password: 'a brand new password' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect((await whoAmI(cookie)).user).toBeNull()
    expect((await signIn(user.email, 'a brand new password')).statusCode).toBe(200)
  })
})

describe('CSRF', () => {
  it('refuses a write with a session but without its token, or with another session’s', async () => {
    const { cookie, csrfToken } = await session()
    const other = await session()
    const body = { kind: 'university', nameJa: 'CSRF大学' }
    for (const headers of [
      { cookie },
      { cookie, 'x-csrf-token': other.csrfToken },
      { cookie, 'x-csrf-token': '' },
    ]) {
      const response = await t.anonymous.inject({ method: 'POST', url: '/api/organizations', body, headers })
      expect(response.statusCode).toBe(403)
      expect(response.json().message).toMatch(/CSRF token/)
    }
    expect(
      await t.database.db.selectFrom('organizations').select('id').where('nameJa', '=', 'CSRF大学').execute(),
    ).toEqual([])
    const ok = await t.anonymous.inject({
      method: 'POST',
      url: '/api/organizations',
      body,
      headers: { cookie, 'x-csrf-token': csrfToken },
    })
    expect(ok.statusCode, ok.body).toBe(201)
  })

  it('refuses a write from another site, whatever it carries', async () => {
    const { cookie, csrfToken } = await session()
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await t.anonymous.inject({
        method: 'POST',
        url: '/api/organizations',
        body: { kind: 'university', nameJa: '越境大学' },
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      })
      expect(response.statusCode, JSON.stringify(headers)).toBe(403)
    }
    const signInFromElsewhere = await t.anonymous.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      body: { email: manager.email, password: TEST_PASSWORD },
      headers: { origin: 'https://evil.example' },
    })
    expect(signInFromElsewhere.statusCode).toBe(403)
    // The dashboard's own origin is fine.
    const sameSite = await t.anonymous.inject({
      method: 'POST',
      url: '/api/organizations',
      body: { kind: 'university', nameJa: '同一大学' },
      headers: { cookie, 'x-csrf-token': csrfToken, origin: 'http://localhost:80', host: 'localhost:80' },
    })
    expect(sameSite.statusCode, sameSite.body).toBe(201)
  })

  it('lets reads through without a token', async () => {
    const { cookie } = await session()
    expect((await t.anonymous.inject({ url: '/api/organizations', headers: { cookie } })).statusCode).toBe(
      200,
    )
  })
})

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After after too many failures for one account, from any address', async () => {
    const user = await insertUser(t.database.db, { role: 'viewer' })
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await signIn(user.email, `wrong password ${i}`)).statusCode).toBe(401)
    }
    // Even the right password, from yet another address, must wait.
    const blocked = await signIn(user.email.toUpperCase(), TEST_PASSWORD)
    expect(blocked.statusCode).toBe(429)
    const wait = Number(blocked.headers['retry-after'])
    expect(wait).toBeGreaterThan(THROTTLE.windowMinutes * 60 - 60)
    expect(wait).toBeLessThanOrEqual(THROTTLE.windowMinutes * 60)
    expect(blocked.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' })
    // Once the failures are old enough, the account may sign in again (and its failures are forgiven).
    await sql`update sign_in_failures set at = at - interval '16 minutes' where email = ${user.email}`.execute(
      t.database.db,
    )
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('answers 429 after too many failures from one address, whichever accounts they tried', async () => {
    const address = '192.0.2.7'
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      expect((await signIn(`guess-${i}@example.test`, 'wrong', address)).statusCode).toBe(401)
    }
    const blocked = await signIn(manager.email, TEST_PASSWORD, address)
    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    // Another address is not held back.
    expect((await signIn(manager.email, TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200)
  })

  it('counts in the database, so that every instance shares the count', async () => {
    const rows = await t.database.db
      .selectFrom('signInFailures')
      .select(['ip', 'email'])
      .where('ip', '=', '192.0.2.7')
      .execute()
    expect(rows).toHaveLength(THROTTLE.perAddress)
  })
})

describe('passwords', () => {
  it('are stored as argon2id hashes with m=19456, t=2, p=1', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      body: {
        email: 'hash@example.test',
        displayName: 'Hash',
        role: 'viewer',
        password: 'long enough password',
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.body).not.toMatch(/argon2|password/i)
    const { passwordHash } = await t.database.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow()
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })
})

describe('security headers', () => {
  it('sends a CSP the dashboard and the API documentation run under', async () => {
    for (const url of ['/api/health', '/docs/', '/']) {
      const response = await t.anonymous.inject(url)
      const csp = response.headers['content-security-policy'] as string
      expect(csp, url).toContain("script-src 'self'")
      expect(csp).not.toMatch(/unsafe-eval/)
      expect(csp).toContain("frame-ancestors 'none'")
      expect(response.headers['x-content-type-options']).toBe('nosniff')
    }
    const docs = await t.anonymous.inject('/docs/')
    expect(docs.statusCode).toBe(200)
    // swagger-ui loads its scripts from files, which the CSP allows.
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/)
    expect((await t.anonymous.inject('/api/health')).headers['strict-transport-security']).toMatch(/max-age/)
  })
})
