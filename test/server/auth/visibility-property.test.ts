import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Visibility } from '../../../db/tables/common.ts'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import {
  daysFromToday,
  insertFinding,
  insertOrganization,
  insertOutcome,
  insertProject,
} from '../../helpers/records.ts'

// Whatever the ownership and visibility of random records, no list, detail, search, export or chart shows
// partner A (or an anonymous visitor) anything hidden from it, and the lists show everything it may see.

type Embargo = 'none' | 'past' | 'future'
interface Sharing {
  visibility: Visibility
  embargo: Embargo
}
interface ProjectSpec extends Sharing {
  lead: 'A' | 'C'
  partners: ('A' | 'B')[]
  findings: Sharing[]
  outcomes: (Sharing & { restsOn: number[] })[]
}

const sharing = fc.record({
  visibility: fc.constantFrom<Visibility>('public', 'program', 'confidential'),
  embargo: fc.constantFrom<Embargo>('none', 'none', 'past', 'future'),
})
const world = fc.array(
  fc.record({
    visibility: sharing.map((s) => s.visibility),
    embargo: sharing.map((s) => s.embargo),
    lead: fc.constantFrom<'A' | 'C'>('A', 'C', 'C'),
    partners: fc.subarray<'A' | 'B'>(['A', 'B']),
    findings: fc.array(sharing, { maxLength: 2 }),
    // Indices into all findings of the world, taken modulo their number.
    outcomes: fc.array(
      fc.record({
        visibility: sharing.map((s) => s.visibility),
        embargo: sharing.map((s) => s.embargo),
        restsOn: fc.uniqueArray(fc.nat(20), { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
  }),
  { minLength: 1, maxLength: 5 },
)

let t: Awaited<ReturnType<typeof createTestApp>>
let partnerA: TestClient
const org = {} as Record<'A' | 'B' | 'C', number>

beforeAll(async () => {
  t = await createTestApp()
  org.A = await insertOrganization(t.database.db, 'venture', 'PROP-A社')
  org.B = await insertOrganization(t.database.db, 'university', 'PROP-B大学')
  org.C = await insertOrganization(t.database.db, 'company', 'PROP-C社')
  partnerA = await t.as('partner', org.A)
})
afterAll(() => t.close())

const embargoDate = (e: Embargo) =>
  e === 'past' ? daysFromToday(-2) : e === 'future' ? daysFromToday(2) : null

/** The rule as the issue states it, for a viewer who is anonymous or partner A. */
function oracle(who: 'anonymous' | 'partner A') {
  const takesPart = (p: ProjectSpec) => who === 'partner A' && (p.lead === 'A' || p.partners.includes('A'))
  const passes = (r: Sharing, p: ProjectSpec) =>
    r.visibility === 'public' ||
    r.embargo === 'past' ||
    (who !== 'anonymous' && r.visibility === 'program') ||
    takesPart(p)
  return {
    project: (p: ProjectSpec) => passes(p, p),
    child: (r: Sharing, p: ProjectSpec) => passes(p, p) && passes(r, p),
  }
}

interface Built {
  kind: 'project' | 'finding' | 'outcome'
  id: number
  marker: string
  visible: boolean
  /** For outcomes: the ids of the findings it rests on. */
  restsOn: number[]
}

let run = 0

async function build(specs: ProjectSpec[], who: 'anonymous' | 'partner A'): Promise<Built[]> {
  const db = t.database.db
  await db.deleteFrom('projects').execute()
  run++
  const sees = oracle(who)
  const built: Built[] = []
  const findingIds: number[] = []
  for (const [i, p] of specs.entries()) {
    const marker = `#R${run}P${i}#`
    const projectId = await insertProject(db, {
      visibility: p.visibility,
      embargoUntil: embargoDate(p.embargo),
      leadOrgId: org[p.lead],
      partners: p.partners.map((x) => org[x]),
      themeJa: marker,
    })
    built.push({ kind: 'project', id: projectId, marker, visible: sees.project(p), restsOn: [] })
    for (const [j, f] of p.findings.entries()) {
      const marker = `#R${run}P${i}F${j}#`
      const id = await insertFinding(db, {
        projectId,
        visibility: f.visibility,
        embargoUntil: embargoDate(f.embargo),
        statementJa: marker,
        metabolite: `${marker}M`,
      })
      findingIds.push(id)
      built.push({ kind: 'finding', id, marker, visible: sees.child(f, p), restsOn: [] })
    }
  }
  for (const [i, p] of specs.entries()) {
    const projectId = built.filter((b) => b.kind === 'project')[i]?.id as number
    for (const [j, o] of p.outcomes.entries()) {
      const marker = `#R${run}P${i}O${j}#`
      const restsOn =
        findingIds.length === 0
          ? []
          : [...new Set(o.restsOn.map((k) => findingIds[k % findingIds.length] as number))]
      const id = await insertOutcome(db, {
        projectId,
        visibility: o.visibility,
        embargoUntil: embargoDate(o.embargo),
        titleJa: marker,
        restsOn,
      })
      built.push({ kind: 'outcome', id, marker, visible: sees.child(o, p), restsOn })
    }
  }
  return built
}

const LISTS: [url: string, kind: Built['kind']][] = [
  ['/api/projects?limit=500', 'project'],
  ['/api/projects.csv', 'project'],
  ['/api/findings?limit=500', 'finding'],
  ['/api/findings.csv', 'finding'],
  ['/api/findings?q=%23R', 'finding'],
  ['/api/metabolites?q=%23R&limit=500', 'finding'],
  ['/api/outcomes?limit=500', 'outcome'],
  ['/api/outcomes.csv', 'outcome'],
  ['/api/stats/products', 'outcome'],
]
const FIGURES = [
  '/api/stats/overview',
  '/api/stats/institutions',
  '/api/stats/funnel',
  '/api/stats/adoptions',
  '/api/stats/filter-options',
]

async function check(client: TestClient, built: Built[]): Promise<string[]> {
  const problems: string[] = []
  const hidden = built.filter((b) => !b.visible)
  const visibleFindings = new Set(built.filter((b) => b.kind === 'finding' && b.visible).map((b) => b.id))
  const leaksIn = (what: string, body: string) => {
    for (const b of hidden) if (body.includes(b.marker)) problems.push(`${what} shows hidden ${b.marker}`)
  }
  const linksIn = (what: string, restsOn: (number | { id: number })[]) => {
    for (const link of restsOn) {
      const id = typeof link === 'number' ? link : link.id
      if (!visibleFindings.has(id)) problems.push(`${what} links hidden finding ${id}`)
    }
  }

  for (const [url, kind] of LISTS) {
    const response = await client.inject(url)
    if (response.statusCode !== 200) problems.push(`${url}: ${response.statusCode}`)
    leaksIn(url, response.body)
    for (const b of built.filter((x) => x.kind === kind && x.visible)) {
      if (!response.body.includes(b.marker)) problems.push(`${url} lacks visible ${b.marker}`)
    }
    if (url.startsWith('/api/outcomes?'))
      for (const item of response.json().items) linksIn(`${url} ${item.id}`, item.restsOn)
  }
  for (const url of FIGURES) leaksIn(url, (await client.inject(url)).body)

  for (const b of built) {
    const url = `/api/${b.kind}s/${b.id}`
    const response = await client.inject(url)
    const expected = b.visible ? 200 : 404
    if (response.statusCode !== expected) problems.push(`${url}: ${response.statusCode}, not ${expected}`)
    leaksIn(url, response.body)
    if (response.statusCode !== 200) continue
    const body = response.json()
    if (b.kind === 'outcome') linksIn(url, body.restsOn)
    if (b.kind === 'project') for (const o of body.outcomes) linksIn(`${url} outcome ${o.id}`, o.restsOn)
    if (b.kind === 'finding') {
      const visibleOutcomes = new Set(built.filter((x) => x.kind === 'outcome' && x.visible).map((x) => x.id))
      for (const o of body.outcomes)
        if (!visibleOutcomes.has(o.id)) problems.push(`${url} names hidden outcome ${o.id}`)
    }
  }
  return problems
}

describe('visibility, whatever the records', () => {
  for (const who of ['partner A', 'anonymous'] as const) {
    it(`shows ${who} nothing hidden from it, and all it may see`, async () => {
      await fc.assert(
        fc.asyncProperty(world, async (specs) => {
          const built = await build(specs, who)
          const problems = await check(who === 'anonymous' ? t.anonymous : partnerA, built)
          expect(problems).toEqual([])
        }),
        { numRuns: who === 'anonymous' ? 10 : 25 },
      )
    }, 180_000)
  }
})
