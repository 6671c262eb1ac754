import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Access, POLICY } from '../../../server/auth/policy.ts'
import type { Role } from '../../../server/auth/viewer.ts'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import {
  daysFromToday,
  insertFinding,
  insertOrganization,
  insertOutcome,
  insertProject,
} from '../../helpers/records.ts'

// Every route of the OpenAPI document × every role × every visibility: allowed or refused as the policy
// table says, and nothing hidden from a role in any answer it gets.

type Who = 'anonymous' | 'viewer' | 'partner of the project' | 'partner elsewhere' | 'manager' | 'admin'
const WHO: Who[] = ['anonymous', 'viewer', 'partner of the project', 'partner elsewhere', 'manager', 'admin']
const ROLE: Record<Who, Role | undefined> = {
  anonymous: undefined,
  viewer: 'viewer',
  'partner of the project': 'partner',
  'partner elsewhere': 'partner',
  manager: 'manager',
  admin: 'admin',
}

type Case = 'public' | 'program' | 'confidential' | 'embargo passed'
const CASES: Case[] = ['public', 'program', 'confidential', 'embargo passed']

/** The rule, as the issue states it, written out independently of the server's code. */
function sees(who: Who, c: Case): boolean {
  if (c === 'public' || c === 'embargo passed') return true
  if (c === 'program') return who !== 'anonymous'
  return who === 'partner of the project' || who === 'manager' || who === 'admin'
}

interface Records {
  project: number
  finding: number
  outcome: number
}

let t: Awaited<ReturnType<typeof createTestApp>>
const clients = {} as Record<Who, TestClient>
const records = {} as Record<Case, Records>
/** Text only the records of a case hold: whoever may not see the case must never get it back. */
const markers = (c: Case) => [`MARK-P-${c}`, `MARK-F-${c}`, `MARK-O-${c}`, `MARK-M-${c}`]
let operations: { method: string; path: string }[]
let other: { organization: number; event: number; target: number; menu: number; grant: number; deck: number }

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const lead = await insertOrganization(db, 'company', 'MATRIX主導社')
  const partner = await insertOrganization(db, 'university', 'MATRIX大学')
  const elsewhere = await insertOrganization(db, 'university', 'MATRIX別大学')
  for (const c of CASES) {
    const sharing =
      c === 'embargo passed'
        ? { visibility: 'confidential' as const, embargoUntil: daysFromToday(-2) }
        : { visibility: c }
    const project = await insertProject(db, {
      ...sharing,
      leadOrgId: lead,
      partners: [partner],
      themeJa: `MARK-P-${c}`,
    })
    const finding = await insertFinding(db, {
      ...sharing,
      projectId: project,
      statementJa: `MARK-F-${c}`,
      metabolite: `MARK-M-${c}`,
    })
    const outcome = await insertOutcome(db, {
      ...sharing,
      projectId: project,
      titleJa: `MARK-O-${c}`,
      restsOn: [finding],
    })
    records[c] = { project, finding, outcome }
  }
  const event = await db
    .insertInto('events')
    .values({ kind: 'seminar', titleJa: 'MATRIXセミナー', fy: 2016 })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('eventProjects')
    .values({ eventId: event.id, projectId: records.public.project })
    .execute()
  const target = await db
    .insertInto('kpiTargets')
    .values({ metric: 'products', fy: 2016, target: 3 })
    .returning('id')
    .executeTakeFirstOrThrow()
  const grant = await db
    .insertInto('projectGrants')
    .values({ projectId: records.public.project, fy: 2015, amountYen: 1_000_000 })
    .returning('id')
    .executeTakeFirstOrThrow()
  const program = await db.selectFrom('programs').select('id').executeTakeFirstOrThrow()
  const menu = await db
    .insertInto('subsidyMenus')
    .values({
      code: 'matrix_menu',
      programId: program.id,
      nameJa: 'MATRIXメニュー',
      nameEn: 'Matrix menu',
      maxYears: 3,
      rateSmeNumerator: 2,
      rateSmeDenominator: 3,
      rateLargeNumerator: 1,
      rateLargeDenominator: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // A frozen deck of the public project: its kept figures are what an anonymous visitor sees, so none of the
  // hidden records' text may be in it, whoever reads it.
  const deck = await db
    .insertInto('decks')
    .values({
      name: 'MATRIX deck',
      slides: JSON.stringify([{ kind: 'products' }, { kind: 'project', projectId: records.public.project }]),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  other = {
    organization: lead,
    event: event.id,
    target: target.id,
    menu: menu.id,
    grant: grant.id,
    deck: deck.id,
  }

  clients.anonymous = t.anonymous
  clients.viewer = await t.as('viewer')
  clients['partner of the project'] = await t.as('partner', partner)
  clients['partner elsewhere'] = await t.as('partner', elsewhere)
  clients.manager = await t.as('manager')
  clients.admin = t.admin
  const frozen = await t.app.inject({
    method: 'POST',
    url: `/api/decks/${other.deck}/freeze`,
    body: { version: 1 },
  })
  if (frozen.statusCode !== 200) throw new Error(`freezing the deck: ${frozen.body}`)

  const document = (await t.app.inject('/docs/json')).json()
  operations = Object.entries<Record<string, unknown>>(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  )
})
afterAll(() => t.close())

const fastifyUrl = (path: string) => path.replace(/\{(\w+)\}/g, ':$1')
const accessOf = (method: string, path: string): Access | undefined => POLICY[`${method} ${fastifyUrl(path)}`]
const allowed = (access: Access, who: Who) => {
  const role = ROLE[who]
  return access === 'public' || (role !== undefined && access.includes(role))
}

/** The record a path's {id} means for a case, and {table} for the audit history. */
function urlFor(path: string, c: Case): string {
  const r = records[c]
  const id = path.startsWith('/api/projects/')
    ? r.project
    : path.startsWith('/api/findings/')
      ? r.finding
      : path.startsWith('/api/outcomes/')
        ? r.outcome
        : path.startsWith('/api/organizations/')
          ? other.organization
          : path.startsWith('/api/events/')
            ? other.event
            : path.startsWith('/api/targets/')
              ? other.target
              : path.startsWith('/api/menus/')
                ? other.menu
                : path.startsWith('/api/grants/')
                  ? other.grant
                  : path.startsWith('/api/users/')
                    ? (t.admin.user?.id ?? 1)
                    : path.startsWith('/api/decks/')
                      ? other.deck
                      : r.project
  // The products chart: the one image whose figures depend on who looks (hidden products counted, not named).
  return path.replace('{table}', 'projects').replace('{chart}', 'products').replace('{id}', String(id))
}

/** Whether a path is the detail of a record whose visibility a case sets (or a finding's results, paged). */
const detailOf = (path: string) =>
  [
    '/api/projects/{id}',
    '/api/findings/{id}',
    '/api/findings/{id}/metabolites',
    '/api/outcomes/{id}',
  ].includes(path)

function leaks(who: Who, response: LightMyRequestResponse): string[] {
  return CASES.filter((c) => !sees(who, c)).flatMap((c) =>
    markers(c).filter((marker) => response.body.includes(marker)),
  )
}

describe('the policy table', () => {
  it('has an entry for every route, and every entry is a route', () => {
    const routes = t.app.routeAccess
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([])
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`))
    expect(Object.keys(POLICY).filter((key) => !keys.has(key))).toEqual([])
  })

  it('covers every operation of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(40)
    expect(operations.filter((o) => accessOf(o.method, o.path) === undefined)).toEqual([])
  })
})

describe('reads: every GET × role × visibility', () => {
  it('answers as the policy says, 404 for hidden records exactly as for missing ones, and leaks nothing', async () => {
    const failures: string[] = []
    let checked = 0
    for (const { method, path } of operations.filter((o) => o.method === 'GET')) {
      const access = accessOf(method, path) as Access
      for (const who of WHO) {
        for (const c of CASES) {
          const url = urlFor(path, c)
          const response = await clients[who].inject(url)
          checked++
          const label = `${who} GET ${url} (${c})`
          const leaked = leaks(who, response)
          if (leaked.length > 0) failures.push(`${label} leaks ${leaked.join(', ')}`)
          if (!allowed(access, who)) {
            const expected = who === 'anonymous' ? 401 : 403
            if (response.statusCode !== expected)
              failures.push(`${label}: ${response.statusCode}, not ${expected}`)
            continue
          }
          if (path.endsWith('/ready') || path.endsWith('/health')) continue
          if (detailOf(path)) {
            const expected = sees(who, c) ? 200 : 404
            if (response.statusCode !== expected)
              failures.push(`${label}: ${response.statusCode}, not ${expected}`)
            if (expected === 404) {
              // The same answer as for an id that never existed (but for the id it names).
              const missing = await clients[who].inject(path.replace('{id}', '2147483646'))
              const normalize = (body: string) => body.replace(/\d+/g, 'N')
              if (normalize(response.body) !== normalize(missing.body))
                failures.push(`${label}: hidden answers ${response.body}, missing ${missing.body}`)
            }
          } else if (response.statusCode !== 200) {
            failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 120)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(500)
  }, 120_000)

  it('shows every role everything it may see, in the lists, the search, the exports and the products chart', async () => {
    const failures: string[] = []
    const lists: [string, (c: Case) => string][] = [
      ['/api/projects?limit=500', (c) => `MARK-P-${c}`],
      ['/api/projects.csv', (c) => `MARK-P-${c}`],
      ['/api/findings?limit=500', (c) => `MARK-F-${c}`],
      ['/api/findings.csv', (c) => `MARK-F-${c}`],
      ['/api/findings?q=MARK-M', (c) => `MARK-F-${c}`],
      ['/api/metabolites?q=MARK', (c) => `MARK-M-${c}`],
      ['/api/outcomes?limit=500', (c) => `MARK-O-${c}`],
      ['/api/outcomes.csv', (c) => `MARK-O-${c}`],
      ['/api/stats/products', (c) => `MARK-O-${c}`],
    ]
    for (const who of WHO) {
      for (const [url, marker] of lists) {
        const body = (await clients[who].inject(url)).body
        for (const c of CASES) {
          if (sees(who, c) !== body.includes(marker(c)))
            failures.push(`${who} ${url}: ${marker(c)} ${sees(who, c) ? 'missing' : 'shown'}`)
        }
      }
      for (const c of CASES) {
        const detail = await clients[who].inject(`/api/projects/${records[c].project}`)
        if (!sees(who, c)) continue
        const project = detail.json()
        // A visible project's page shows its findings and outcomes exactly when they are visible too.
        if (
          project.findings.length !== 1 ||
          project.outcomes.length !== 1 ||
          project.outcomes[0].restsOn.length !== 1
        )
          failures.push(`${who} project page (${c}) lacks its own visible records`)
      }
    }
    expect(failures).toEqual([])
  })

  it('counts hidden products in the KPIs, naming only the visible ones', async () => {
    for (const who of WHO) {
      const { years } = (await clients[who].inject('/api/stats/products')).json()
      const year = years.find((y: { fy: number }) => y.fy === 2016)
      const hidden = CASES.filter((c) => !sees(who, c)).length
      expect(year, who).toMatchObject({ count: 4, hiddenCount: hidden })
      expect(year.products, who).toHaveLength(4 - hidden)
      const overview = (await clients[who].inject('/api/stats/overview')).json()
      expect(overview.kpis.products.total, who).toBe(4)
    }
  })
})

describe('writes: every state-changing route × role', () => {
  it('lets in exactly the roles the policy lists (refused ones before their body is even read)', async () => {
    const failures: string[] = []
    for (const { method, path } of operations.filter((o) => o.method !== 'GET')) {
      if (path === '/api/auth/sign-out') continue // ends the session it is sent with: tested on its own
      const access = accessOf(method, path) as Access
      const url = path.replace('{id}', '2147483646')
      for (const who of WHO) {
        const response = await clients[who].inject({
          method: method as 'POST',
          url,
          ...(method === 'DELETE' ? {} : { body: {} }),
        })
        const label = `${who} ${method} ${url}`
        if (leaks(who, response).length > 0) failures.push(`${label} leaks`)
        if (allowed(access, who)) {
          if ([401, 403].includes(response.statusCode) || response.statusCode < 400)
            failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 120)}`)
        } else {
          const expected = who === 'anonymous' ? 401 : 403
          if (response.statusCode !== expected)
            failures.push(`${label}: ${response.statusCode}, not ${expected}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('lets a partner change findings and outcomes of its own projects only, whatever their visibility', async () => {
    const failures: string[] = []
    for (const [resource, kind] of [
      ['findings', 'finding'],
      ['outcomes', 'outcome'],
    ] as const) {
      for (const c of CASES) {
        const id = records[c][kind]
        for (const who of WHO) {
          // A stale version: an allowed change answers 409 and changes nothing.
          const response = await clients[who].inject({
            method: 'PATCH',
            url: `/api/${resource}/${id}`,
            body: {
              version: 999,
              ...(kind === 'finding' ? { platform: 'CE-TOFMS' } : { titleEn: 'Changed' }),
            },
          })
          const expected =
            who === 'anonymous'
              ? 401
              : who === 'viewer'
                ? 403
                : who === 'partner elsewhere'
                  ? sees(who, c)
                    ? 403
                    : 404
                  : 409
          const label = `${who} PATCH /api/${resource}/${id} (${c})`
          if (response.statusCode !== expected)
            failures.push(`${label}: ${response.statusCode}, not ${expected}`)
          if (leaks(who, response).length > 0) failures.push(`${label} leaks`)

          if (who === 'partner of the project' || who === 'manager' || who === 'admin') continue
          const removal = await clients[who].inject({ method: 'DELETE', url: `/api/${resource}/${id}` })
          if (removal.statusCode !== expected) failures.push(`${label} DELETE: ${removal.statusCode}`)
        }
      }
    }
    expect(failures).toEqual([])
    // Nothing was changed or deleted.
    const findings = await t.database.db.selectFrom('findings').select(['version']).execute()
    expect(findings.every((f) => f.version === 1)).toBe(true)
    expect(findings).toHaveLength(CASES.length)
  })

  it('refuses a partner a project it does not take part in, saying the same whether it may see it or not', async () => {
    const messages = new Set<string>()
    for (const c of CASES) {
      const response = await clients['partner elsewhere'].inject({
        method: 'POST',
        url: '/api/findings',
        body: { projectId: records[c].project, statementJa: '別の知見', evidenceLevel: 'analytical' },
      })
      expect(response.statusCode, c).toBe(400)
      expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.projectId'])
      messages.add(response.json().errors[0].message.replace(/\d+/g, 'N'))
    }
    expect(messages.size).toBe(1)
  })
})
