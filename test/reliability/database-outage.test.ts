import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { type App, buildApp } from '../../server/app.ts'
import { CSRF_HEADER, SESSION_COOKIE } from '../../server/plugins/auth.ts'
import { createSession } from '../../server/repositories/sessions-repository.ts'
import { backend, createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { insertUser } from '../helpers/users.ts'
import { recordReliability } from './summary.ts'

// PostgreSQL going away under the running app, and coming back: the app's connections go through a TCP relay
// that the test cuts (every open connection reset, new ones refused: what the app sees when the server stops)
// and restores. Meanwhile /api/ready answers 503 and requests fail fast with a clear 503; afterwards the app
// is back by itself, and nothing confirmed before the outage is lost. (The embedded database lives in the
// app's own process: there is nothing to stop under it, so this runs on PostgreSQL only.)

/** A relay to PostgreSQL that can be cut and restored. */
class Relay {
  private server: Server | undefined
  private sockets = new Set<Socket>()
  port = 0
  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}
  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = tcpConnect(this.targetPort, this.host)
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
        socket.on('error', () => {})
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve))
    const address = this.server.address()
    if (typeof address === 'object' && address) this.port = address.port
  }
  /** Every connection reset, and no new one accepted. */
  async cut(): Promise<void> {
    const server = this.server
    this.server = undefined
    for (const socket of this.sockets) socket.resetAndDestroy()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }
  restore = () => this.open(this.port)
}

let database: TestDatabase
let relay: Relay
let handle: DatabaseHandle
let app: App
let headers: Record<string, string>

beforeAll(async () => {
  if (backend !== 'postgres') return
  database = await createTestDatabase({ dataset: true })
  const direct = new URL(database.url ?? '')
  relay = new Relay(direct.hostname, Number(direct.port || 5432))
  await relay.open()
  const relayed = new URL(direct)
  relayed.port = String(relay.port)
  handle = await connect({ databaseUrl: relayed.toString(), poolSize: 4 })
  app = await buildApp({ db: handle.db })
  await app.ready()
  const admin = await insertUser(database.db, { role: 'admin' })
  const { token, csrfToken } = await createSession(database.db, admin.id, 12)
  headers = { cookie: `${SESSION_COOKIE}=${app.signCookie(token)}`, [CSRF_HEADER]: csrfToken }
}, 60_000)
afterAll(async () => {
  if (backend !== 'postgres') return
  await app?.close()
  await handle?.close()
  await relay?.cut()
  await database?.close()
})

describe.runIf(backend === 'postgres')('PostgreSQL stopped and started under the running app', () => {
  it('answers 503 quickly meanwhile, reconnects by itself, and loses nothing', async () => {
    const create = (nameJa: string) =>
      app.inject({ method: 'POST', url: '/api/organizations', headers, body: { kind: 'company', nameJa } })
    const before = await create('停止前の組織')
    expect(before.statusCode).toBe(201)

    await relay.cut()
    const outage: { url: string; status: number; ms: number; body: string }[] = []
    for (const request of [
      { method: 'GET' as const, url: '/api/ready' },
      { method: 'GET' as const, url: '/api/projects' },
      { method: 'GET' as const, url: '/api/stats/overview' },
      {
        method: 'POST' as const,
        url: '/api/organizations',
        headers,
        body: { kind: 'company', nameJa: '停止中' },
      },
    ]) {
      const started = performance.now()
      const response = await app.inject(request)
      outage.push({
        url: request.url,
        status: response.statusCode,
        ms: performance.now() - started,
        body: response.body,
      })
    }
    for (const answer of outage) {
      expect(answer.status, `${answer.url}: ${answer.body}`).toBe(503)
      expect(answer.ms, answer.url).toBeLessThan(5_000)
    }
    expect(outage[1]?.body).toMatch(/database is unavailable/i)

    await relay.restore()
    const deadline = Date.now() + 15_000
    let ready = 0
    while (Date.now() < deadline && ready !== 200) {
      ready = (await app.inject('/api/ready')).statusCode
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(ready).toBe(200)
    const kept = await app.inject({ url: `/api/organizations/${before.json().id}`, headers })
    expect(kept.json().nameJa).toBe('停止前の組織')
    expect((await create('再開後の組織')).statusCode).toBe(201)
    const refused = await database.db
      .selectFrom('organizations')
      .select('id')
      .where('nameJa', '=', '停止中')
      .execute()
    expect(refused).toEqual([])

    recordReliability({
      check: 'PostgreSQL stopped and started',
      backend,
      figures: {
        'requests during outage': outage.length,
        'slowest 503 (ms)': Math.round(Math.max(...outage.map((o) => o.ms))),
      },
      failures: { 'non-503 answers': outage.filter((o) => o.status !== 503).length, 'writes lost': 0 },
    })
  }, 120_000)
})
