import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { type App, buildApp } from '../../server/app.ts'
import { backend, createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { insertUser, TEST_PASSWORD } from '../helpers/users.ts'
import { recordReliability } from './summary.ts'

// Two app instances on one PostgreSQL, each with its own connection pool and its own response cache, over
// HTTP, with the requests dealt between them in turn (a round-robin balancer): a session made on one works on
// the other, an edit through one shows in the other's next answer, and two edits of one record at the same
// moment end in one winner and one 409, never a lost update. (The embedded database belongs to one process:
// two instances need PostgreSQL.)

const RACES = Number(process.env.RACES ?? 10)

let database: TestDatabase
interface Instance {
  handle: DatabaseHandle
  app: App
  url: string
}
const instances: Instance[] = []
const instance = (n: number): Instance => {
  const found = instances[n % instances.length]
  if (!found) throw new Error('no instance')
  return found
}

beforeAll(async () => {
  if (backend !== 'postgres') return
  database = await createTestDatabase({ dataset: true })
  // Instances that share sessions sign cookies with the same secret (SESSION_SECRET), as in production.
  const sessionSecret = randomBytes(48).toString('base64')
  for (let i = 0; i < 2; i++) {
    const handle = await connect({ databaseUrl: database.url ?? '', poolSize: 5 })
    const app = await buildApp({ db: handle.db, auth: { cookieSecure: false, sessionSecret } })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    instances.push({ handle, app, url })
  }
}, 60_000)
afterAll(async () => {
  for (const { app, handle } of instances) {
    await app.close()
    await handle.close()
  }
  await database?.close()
})

let turn = 0
/** The balancer: each request to the next instance. */
const next = () => instance(turn++).url

describe.runIf(backend === 'postgres')('two app instances on one database', () => {
  it('share sessions, show each other’s edits at once, and never lose an update', async () => {
    const user = await insertUser(database.db, { role: 'manager' })
    const signIn = await fetch(`${instance(0).url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    })
    expect(signIn.status).toBe(200)
    const { csrfToken } = await signIn.json()
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }
    const call = (base: string, method: string, path: string, body?: unknown) =>
      fetch(`${base}/api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })

    // The session made on instance 0, on instance 1.
    const session = await (await call(instance(1).url, 'GET', '/auth/session')).json()
    expect(session.user?.email).toBe(user.email)

    // An edit through one instance shows in the other's next answer, cached lists and charts included.
    let staleReads = 0
    const organization = await (
      await call(next(), 'POST', '/organizations', { kind: 'company', nameJa: '二台構成社' })
    ).json()
    let version = organization.version
    for (let i = 0; i < RACES; i++) {
      const reader = next()
      await call(reader, 'GET', `/organizations?q=${encodeURIComponent('二台構成')}`) // warm its cache
      const writer = next()
      const edited = await call(writer, 'PATCH', `/organizations/${organization.id}`, {
        version,
        nameJa: `二台構成社 ${i}`,
      })
      expect(edited.status).toBe(200)
      version = (await edited.json()).version
      const seen = await (
        await call(reader, 'GET', `/organizations?q=${encodeURIComponent('二台構成')}`)
      ).json()
      if (seen.items[0]?.nameJa !== `二台構成社 ${i}`) staleReads++
    }
    expect(staleReads).toBe(0)

    // The same edit sent to both at once, with the same version: one wins, one is told 409.
    let lostUpdates = 0
    for (let i = 0; i < RACES; i++) {
      const answers = await Promise.all(
        instances.map(({ url }, k) =>
          call(url, 'PATCH', `/organizations/${organization.id}`, { version, nameJa: `競合 ${i}-${k}` }),
        ),
      )
      const statuses = answers.map((a) => a.status).sort()
      expect(statuses).toEqual([200, 409])
      const winner = await answers.find((a) => a.status === 200)?.json()
      const stored = await (await call(next(), 'GET', `/organizations/${organization.id}`)).json()
      if (stored.nameJa !== winner?.nameJa || stored.version !== version + 1) lostUpdates++
      version = stored.version
    }
    expect(lostUpdates).toBe(0)

    recordReliability({
      check: 'two instances, one database',
      backend,
      figures: { 'edits seen across': RACES, 'concurrent edit races': RACES },
      failures: { 'stale reads': staleReads, 'lost updates': lostUpdates },
    })
  }, 120_000)
})
