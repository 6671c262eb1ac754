import { randomBytes } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import type { LightMyRequestResponse } from 'fastify'
import { type Kysely, type KyselyPlugin, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../../../db/connect.ts'
import type { Database } from '../../../db/database.ts'
import type { Role } from '../../../db/tables/accounts.ts'
import { type App, buildApp } from '../../../server/app.ts'
import { CSRF_HEADER, SESSION_COOKIE } from '../../../server/plugins/auth.ts'
import { createSession } from '../../../server/repositories/sessions-repository.ts'
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts'
import {
  bioCluster,
  insertFinding,
  insertOrganization,
  insertOutcome,
  insertProject,
} from '../../helpers/records.ts'
import { insertUser } from '../../helpers/users.ts'

// The response cache (server/plugins/response-cache.ts) with two app instances on one database, as two
// processes behind a load balancer: on PostgreSQL each with a pool of its own, on PGlite sharing the one
// connection. Instance B counts the queries it runs.

interface Client {
  cookie?: string
  csrf?: string
}
const ANONYMOUS: Client = {}

interface Instances {
  database: TestDatabase
  a: App
  b: App
  /** Queries B has run. */
  queries(): number
  /** A user of `role` with a session both instances accept. */
  as(role: Role, organizationId?: number): Promise<Client>
  close(): Promise<void>
}

async function twoInstances(database: TestDatabase): Promise<Instances> {
  let queries = 0
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    // Once per query run (transformQuery also sees every subquery as it is built).
    async transformResult(args) {
      queries++
      return args.result
    },
  }
  const own: DatabaseHandle | undefined = database.url
    ? await connect({ databaseUrl: database.url, poolSize: 5 })
    : undefined
  // One secret, so that a session works on both; no load shedding, which the tests' own work (PGlite
  // computing in this process) would set off.
  const options = {
    auth: { sessionSecret: randomBytes(48).toString('base64') },
    loadShedding: { maxEventLoopDelayMs: 0 },
  }
  const a = await buildApp({ db: database.db, ...options })
  const b = await buildApp({ db: (own?.db ?? database.db).withPlugin(counter), ...options })
  await Promise.all([a.ready(), b.ready()])
  return {
    database,
    a,
    b,
    queries: () => queries,
    async as(role, organizationId) {
      const user = await insertUser(database.db, { role, organizationId: organizationId ?? null })
      const { token, csrfToken } = await createSession(database.db, user.id, 12)
      return { cookie: `${SESSION_COOKIE}=${a.signCookie(token)}`, csrf: csrfToken }
    },
    async close() {
      await a.close()
      await b.close()
      await own?.close()
    },
  }
}

const get = (app: App, url: string, client: Client = ANONYMOUS) =>
  app.inject({ url, headers: client.cookie ? { cookie: client.cookie } : {} })

async function json(response: Promise<LightMyRequestResponse>) {
  const answer = await response
  expect(answer.statusCode, answer.body).toBe(200)
  return answer.json()
}

function send(app: App, client: Client, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return app.inject({
    method,
    url,
    payload,
    headers: { cookie: client.cookie ?? '', [CSRF_HEADER]: client.csrf ?? '' },
  })
}

/**
 * Records of one lead company for the dashboard to count, apart from every other test's: each test reads
 * with `company=` (and the project's own page), so it sees its own records only.
 */
async function seed(db: Kysely<Database>, name: string) {
  const company = await insertOrganization(db, 'company', `株式会社${name}`)
  const university = await insertOrganization(db, 'university', `${name}大学`)
  const project = await insertProject(db, {
    visibility: 'public',
    leadOrgId: company,
    partners: [university],
    adoptedFy: 2015,
    themeJa: `${name}の代謝物探索`,
  })
  const finding = await insertFinding(db, { visibility: 'public', projectId: project, metabolite: 'GABA' })
  await insertOutcome(db, { visibility: 'public', projectId: project, fy: 2016, restsOn: [finding] })
  return { company, university, project }
}

const dataVersion = async (db: Kysely<Database>) =>
  (await db.selectFrom('dataVersion').select(sql<string>`version::text`.as('v')).executeTakeFirstOrThrow()).v

let t: Instances

beforeAll(async () => {
  const database = await createTestDatabase()
  await bioCluster(database.db)
  await database.db
    .insertInto('events')
    .values({ kind: 'seminar', titleJa: '報告会', fy: 2016, attendance: 30 })
    .execute()
  // Embargoes end at midnight in Japan, with no write: to see one end, a test moves the database's clock
  // forward with a `now()` placed ahead of pg_catalog's on the search path (zero days unless it does).
  for (const statement of [
    'create schema test_clock',
    'create table test_clock.shift (days integer not null)',
    'insert into test_clock.shift values (0)',
    `create function test_clock.now() returns timestamptz language sql stable as
      $$ select pg_catalog.now() + make_interval(days => (select days from test_clock.shift)) $$`,
  ])
    await sql.raw(statement).execute(database.db)
  const searchPath = 'test_clock, public, pg_catalog'
  if (database.url) {
    // Taken up by the connections opened from now on: instance B's.
    const name = new URL(database.url).pathname.slice(1)
    await sql.raw(`alter database ${name} set search_path = ${searchPath}`).execute(database.db)
  } else {
    await sql.raw(`set search_path = ${searchPath}`).execute(database.db)
  }
  t = await twoInstances(database)
})
afterAll(async () => {
  await t.close()
  await t.database.close()
})

describe('two instances on one database', () => {
  let ids: Awaited<ReturnType<typeof seed>>
  let admin: Client

  beforeAll(async () => {
    ids = await seed(t.database.db, '書込')
    admin = await t.as('admin')
  })

  const paths = () => ({
    overview: `/api/stats/overview?company=${ids.company}`,
    adoptions: `/api/stats/adoptions?company=${ids.company}`,
    products: `/api/stats/products?company=${ids.company}`,
    attendance: '/api/stats/attendance',
    institutions: `/api/stats/institutions?company=${ids.company}`,
    funnel: `/api/stats/funnel?company=${ids.company}`,
    projects: `/api/projects?company=${ids.company}&sort=-adoptedFy`,
    project: `/api/projects/${ids.project}`,
    metabolites: `/api/metabolites?q=GABA&company=${ids.company}`,
  })
  type Endpoint = keyof ReturnType<typeof paths>

  /** B's answers to every cached endpoint, asked twice: the second time from its cache, one query each. */
  async function cachedOnB(): Promise<Record<Endpoint, string>> {
    const answers = {} as Record<Endpoint, string>
    for (const [endpoint, path] of Object.entries(paths()) as [Endpoint, string][]) {
      const first = await get(t.b, path)
      expect(first.statusCode, first.body).toBe(200)
      answers[endpoint] = first.body
      const before = t.queries()
      expect((await get(t.b, path)).body).toBe(answers[endpoint])
      expect(t.queries() - before, `${path} answered from the cache`).toBe(1)
    }
    return answers
  }

  it('shows a write through A in B’s next answer, on every cached endpoint', async () => {
    const writes: [what: string, write: () => Promise<LightMyRequestResponse>, shows: Endpoint[]][] = [
      [
        'a project adopted',
        () =>
          send(t.a, admin, 'POST', '/api/projects', {
            adoptedFy: 2017,
            leadOrgId: ids.company,
            themeJa: '新しい採択',
            partners: [{ orgId: ids.university }],
          }),
        ['overview', 'adoptions', 'institutions', 'funnel', 'projects'],
      ],
      [
        'a finding with a GABA result',
        () =>
          send(t.a, admin, 'POST', '/api/findings', {
            projectId: ids.project,
            statementJa: 'GABA が増えた',
            evidenceLevel: 'animal',
            metaboliteResults: [{ name: 'GABA', direction: 'up', foldChange: 2 }],
          }),
        ['institutions', 'project', 'metabolites'],
      ],
      [
        'a product launched',
        () =>
          send(t.a, admin, 'POST', '/api/outcomes', {
            projectId: ids.project,
            kind: 'product',
            titleJa: '新商品',
            fy: 2017,
          }),
        ['overview', 'products', 'institutions', 'project'],
      ],
      [
        'a seminar held',
        () => send(t.a, admin, 'POST', '/api/events', { kind: 'seminar', titleJa: '成果報告会', fy: 2017 }),
        ['attendance'],
      ],
      [
        'a theme changed',
        async () => {
          const { version } = await json(get(t.a, `/api/projects/${ids.project}`, admin))
          return send(t.a, admin, 'PATCH', `/api/projects/${ids.project}`, { version, themeJa: '改題' })
        },
        ['projects', 'project'],
      ],
    ]
    for (const [what, write, shows] of writes) {
      const before = await cachedOnB()
      const response = await write()
      expect(response.statusCode, `${what}: ${response.body}`).toBeLessThan(300)
      for (const [endpoint, path] of Object.entries(paths()) as [Endpoint, string][]) {
        const [onA, onB] = await Promise.all([get(t.a, path), get(t.b, path)])
        expect(onB.body, `${what}, ${path}: B answers as A does`).toBe(onA.body)
        if (shows.includes(endpoint)) expect(onB.body, `${what} shows in ${path}`).not.toBe(before[endpoint])
      }
    }
    expect(await json(get(t.b, `/api/projects/${ids.project}`))).toMatchObject({ themeJa: '改題' })
  })

  it('shows a deletion through A in B’s next answer', async () => {
    const created = await send(t.a, admin, 'POST', '/api/projects', {
      adoptedFy: 2018,
      leadOrgId: ids.company,
      themeJa: '削除予定',
    })
    const { id } = created.json()
    expect((await json(get(t.b, '/api/projects?q=削除予定'))).total).toBe(1)
    expect((await json(get(t.b, `/api/projects/${id}`))).themeJa).toBe('削除予定')
    expect((await send(t.a, admin, 'DELETE', `/api/projects/${id}`)).statusCode).toBe(204)
    expect((await json(get(t.b, '/api/projects?q=削除予定'))).total).toBe(0)
    expect((await get(t.b, `/api/projects/${id}`)).statusCode).toBe(404)
  })

  it('moves the version on with a write made straight to the database, and not with a rollback', async () => {
    const path = `/api/stats/products?company=${ids.company}`
    await json(get(t.b, path))
    const version = await dataVersion(t.database.db)
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await insertOutcome(trx, {
          visibility: 'public',
          projectId: ids.project,
          titleJa: '取り消し',
          fy: 2018,
        })
        throw new Error('roll back')
      })
      .catch(() => {})
    expect(await dataVersion(t.database.db)).toBe(version)
    await insertOutcome(t.database.db, {
      visibility: 'public',
      projectId: ids.project,
      titleJa: '直接登録',
      fy: 2018,
    })
    expect(BigInt(await dataVersion(t.database.db))).toBe(BigInt(version) + 1n)
    expect((await get(t.b, path)).body).toContain('直接登録')
  })

  it('serves concurrent requests with one shared read of the version that started after they arrived', async () => {
    const path = `/api/stats/funnel?company=${ids.company}`
    await json(get(t.b, path))
    const before = t.queries()
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(t.b, path)))
    expect(new Set(answers.map((r) => r.body)).size).toBe(1)
    // The first request starts a read; those that arrive while it runs share the next one.
    expect(t.queries() - before).toBeLessThanOrEqual(2)
  })
})

describe('viewer classes', () => {
  let ids: Awaited<ReturnType<typeof seed>> & { hidden: number; other: number }

  beforeAll(async () => {
    const db = t.database.db
    const seeded = await seed(db, '秘密')
    const other = await insertOrganization(db, 'company', '株式会社よそ')
    const hidden = await insertProject(db, {
      visibility: 'confidential',
      leadOrgId: seeded.company,
      themeJa: '非公開の研究',
      adoptedFy: 2016,
    })
    await insertOutcome(db, {
      visibility: 'confidential',
      projectId: seeded.project,
      titleJa: '秘密の新商品',
    })
    await insertFinding(db, { visibility: 'confidential', projectId: hidden, metabolite: 'GABA' })
    ids = { ...seeded, hidden, other }
  })

  it('never serves one class’s answer to another, whichever class asked first', async () => {
    const clients = {
      manager: await t.as('manager'),
      member: await t.as('partner', ids.company),
      viewer: await t.as('viewer'),
      outsider: await t.as('partner', ids.other),
      anonymous: ANONYMOUS,
    }
    const sees = { manager: true, member: true, viewer: false, outsider: false, anonymous: false }
    const scope = `company=${ids.company}`
    for (const order of [
      Object.keys(clients),
      Object.keys(clients).reverse(),
    ] as (keyof typeof clients)[][]) {
      for (const who of order) {
        const client = clients[who]
        const products = await json(get(t.b, `/api/stats/products?${scope}`, client))
        expect(JSON.stringify(products).includes('秘密の新商品'), `${who}: the hidden product named`).toBe(
          sees[who],
        )
        const year = products.years.find((y: { fy: number }) => y.fy === 2016)
        expect([year.count, year.hiddenCount], who).toEqual([2, sees[who] ? 0 : 1])
        // KPIs count what some may not see named: the same figures for everyone.
        const overview = await json(get(t.b, `/api/stats/overview?${scope}`, client))
        expect(overview.kpis.products.total, who).toBe(2)

        expect((await json(get(t.b, `/api/projects?${scope}`, client))).total, who).toBe(sees[who] ? 2 : 1)
        const page = await get(t.b, `/api/projects/${ids.hidden}`, client)
        expect(page.statusCode, who).toBe(sees[who] ? 200 : 404)
        const metabolites = await json(get(t.b, `/api/metabolites?q=GABA&${scope}`, client))
        expect(metabolites.total, `${who}: GABA results`).toBe(sees[who] ? 2 : 1)
      }
      // A write, so that every answer is computed again, this time in the reverse order.
      await t.database.db
        .updateTable('projects')
        .set({ sourceNote: 'x' })
        .where('id', '=', ids.hidden)
        .execute()
    }
  })
})

describe('an embargo ending', () => {
  let ids: Awaited<ReturnType<typeof seed>> & { embargoed: number }

  beforeAll(async () => {
    const db = t.database.db
    const seeded = await seed(db, '解禁')
    const { rows } = await sql<{ tomorrow: string }>`
      select ((pg_catalog.now() at time zone 'Asia/Tokyo')::date + 1)::text as tomorrow`.execute(db)
    const embargoed = await insertProject(db, {
      visibility: 'confidential',
      embargoUntil: rows[0]?.tomorrow,
      leadOrgId: seeded.company,
      themeJa: '解禁を待つ研究',
      adoptedFy: 2016,
    })
    await insertOutcome(db, { visibility: 'public', projectId: embargoed, titleJa: '解禁後の商品' })
    ids = { ...seeded, embargoed }
  })

  it('flips kept answers at midnight in Japan, with no write', async () => {
    const list = `/api/projects?company=${ids.company}`
    const products = `/api/stats/products?company=${ids.company}`
    expect((await json(get(t.b, list))).total).toBe(1)
    expect((await get(t.b, products)).body).not.toContain('解禁後の商品')
    const queries = t.queries()
    expect((await json(get(t.b, list))).total).toBe(1)
    expect(t.queries() - queries, 'kept').toBe(1)
    const version = await dataVersion(t.database.db)

    try {
      await sql`update test_clock.shift set days = 1`.execute(t.database.db)
      expect(await dataVersion(t.database.db), 'no record was written').toBe(version)
      const after = await json(get(t.b, list))
      expect(after.total).toBe(2)
      expect(after.items.map((p: { themeJa: string }) => p.themeJa)).toContain('解禁を待つ研究')
      expect((await get(t.b, products)).body).toContain('解禁後の商品')
      expect((await get(t.b, `/api/projects/${ids.embargoed}`)).statusCode).toBe(200)
    } finally {
      await sql`update test_clock.shift set days = 0`.execute(t.database.db)
    }
  })
})

// No N+1: a request runs the same queries however many rows it reads, and a kept answer one.
describe('queries per request', () => {
  let ids: Awaited<ReturnType<typeof seed>>

  beforeAll(async () => {
    ids = await seed(t.database.db, '計数')
  })

  /** More of everything the endpoints read: projects, partners, findings with results, outcomes, events. */
  async function grow(db: Kysely<Database>, n: number) {
    const partners: number[] = []
    for (let i = 0; i < 3; i++) partners.push(await insertOrganization(db, 'university', `大学${n}-${i}`))
    for (let i = 0; i < n; i++) {
      const project = await insertProject(db, {
        visibility: i % 2 ? 'public' : 'program',
        leadOrgId: ids.company,
        partners,
        adoptedFy: 2012 + (i % 5),
      })
      const finding = await insertFinding(db, {
        visibility: 'public',
        projectId: ids.project,
        metabolite: `GABA ${n}-${i}`,
      })
      await db
        .insertInto('metaboliteResults')
        .values(Array.from({ length: 5 }, (_, k) => ({ findingId: finding, name: `代謝物${k}` })))
        .execute()
      await insertOutcome(db, {
        visibility: 'public',
        projectId: ids.project,
        fy: 2013 + (i % 4),
        restsOn: [finding],
      })
      await insertOutcome(db, { visibility: 'public', projectId: project, fy: 2014 })
      const { id: event } = await db
        .insertInto('events')
        .values({ kind: 'seminar', titleJa: `計数の報告会${n}-${i}`, fy: 2014 + (i % 3), attendance: 10 })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db.insertInto('eventProjects').values({ eventId: event, projectId: ids.project }).execute()
    }
    await db
      .insertInto('projectPartners')
      .values({ projectId: ids.project, orgId: partners[0] as number })
      .execute()
  }

  it('runs a fixed number of queries whatever the rows, and one for a kept answer', async () => {
    const scope = `company=${ids.company}`
    // The data version, then the answer's own queries (server/repositories/stats/overview.ts: six).
    const computed = {
      [`/api/stats/overview?${scope}`]: 7,
      [`/api/stats/adoptions?${scope}`]: 2,
      [`/api/stats/products?${scope}`]: 2,
      '/api/stats/attendance': 2,
      [`/api/stats/institutions?${scope}`]: 2,
      [`/api/stats/funnel?${scope}`]: 2,
      [`/api/projects?${scope}&sort=-adoptedFy`]: 3,
      [`/api/projects/${ids.project}`]: 10,
      [`/api/metabolites?q=GABA&${scope}`]: 3,
    }
    const count = async (path: string) => {
      const before = t.queries()
      await json(get(t.b, path))
      return t.queries() - before
    }
    const counts: Record<string, number[]> = {}
    for (const size of [1, 8]) {
      await grow(t.database.db, size)
      for (const path of Object.keys(computed))
        counts[path] = [...(counts[path] ?? []), await count(path), await count(path)]
    }
    // Computed, then kept; computed again, as many queries, after the data grew; kept.
    expect(counts).toEqual(
      Object.fromEntries(Object.entries(computed).map(([path, n]) => [path, [n, 1, n, 1]])),
    )
  })
})

// Kept answers are sent from the first hook after the policy's, and gzipped once for clients that accept it.
describe('early and compressed answers', () => {
  let ids: Awaited<ReturnType<typeof seed>>

  beforeAll(async () => {
    ids = await seed(t.database.db, '圧縮')
  })

  const ask = (path: string, acceptEncoding?: string) =>
    t.b.inject({ url: path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

  it('gzips answers of 1 KB or more for a client that accepts it, when computed and when kept', async () => {
    const path = `/api/projects/${ids.project}`
    const computed = await ask(path, 'gzip, deflate, br, zstd')
    const plain = await ask(path)
    const kept = await ask(path, 'gzip, deflate')
    const refused = await ask(path, 'gzip;q=0, identity')

    expect(plain.statusCode, plain.body).toBe(200)
    expect(plain.rawPayload.length).toBeGreaterThanOrEqual(1024)
    for (const answer of [computed, kept]) {
      expect(answer.headers['content-encoding']).toBe('gzip')
      expect(Number(answer.headers['content-length'])).toBe(answer.rawPayload.length)
      expect(gunzipSync(answer.rawPayload).toString()).toBe(plain.body)
      expect(answer.rawPayload.length).toBeLessThan(plain.rawPayload.length)
    }
    for (const answer of [plain, refused]) {
      expect(answer.headers['content-encoding']).toBeUndefined()
      expect(answer.body).toBe(plain.body)
    }
    // Shared caches between must not hand the gzipped answer to a client that does not accept it.
    for (const answer of [computed, plain, kept, refused]) expect(answer.headers.vary).toBe('accept-encoding')
  })

  it('sends short answers as they are', async () => {
    const path = `/api/stats/funnel?company=${ids.company}`
    await ask(path, 'gzip')
    const kept = await ask(path, 'gzip')
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.rawPayload.length).toBeLessThan(1024)
    expect(kept.headers['content-encoding']).toBeUndefined()
    expect(kept.json()).toEqual((await ask(path)).json())
  })

  it('still refuses a bad query every time, and keeps each spelling of a good one apart, alike', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await ask('/api/stats/adoptions?fyFrom=soon')
      expect(bad.statusCode).toBe(400)
      expect(bad.json().errors[0].field).toBe('querystring.fyFrom')
    }
    const one = `/api/stats/adoptions?company=${ids.company}&fyFrom=2010`
    const other = `/api/stats/adoptions?fyFrom=2010&company=${ids.company}`
    const answers = [await ask(one), await ask(other), await ask(one), await ask(other)]
    for (const answer of answers) expect(answer.body).toBe(answers[0]?.body)
  })
})
