import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FilterOptions,
  INSTITUTIONS_PAGE,
  INSTITUTIONS_PAGE_MAX,
  type InstitutionStats,
} from '../../../server/schemas/stats.ts'
import { createTestApp } from '../../helpers/app.ts'
import {
  bioCluster,
  insertFinding,
  insertOrganization,
  insertOutcome,
  insertProject,
} from '../../helpers/records.ts'

// More partner institutions than a page lists, and more lead companies than the organization list's largest
// page: the institutions answer pages them and counts them all, and the filter options name every
// municipality. The expectations are worked out here from the rows inserted.

let t: Awaited<ReturnType<typeof createTestApp>>

interface Institution {
  id: number
  nameJa: string
  projects: number
}
const institutions: Institution[] = []
/** Institution k takes part in the first (k mod 4) + 1 of the four public projects; the fourth is FY2020's. */
const INSTITUTIONS = 2 * INSTITUTIONS_PAGE + 30
const LEAD_COMPANIES = 520
const municipalityOf = (i: number) => `市${String(i).padStart(3, '0')}`
const CONFIDENTIAL_THEME = 'HIDDEN-THEME 秘密の研究'
let confidentialPartner: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const lead = await insertOrganization(db, 'company', '主導社')
  // Names whose code-point order differs from a locale's (upper before lower case, kana before kanji), so that
  // ties on the project count are broken by code point.
  const names = (k: number) => [`b機関${k}`, `B機関${k}`, `あ機関${k}`, `鶴機関${k}`][k % 4] as string
  for (let k = 0; k < INSTITUTIONS; k++) {
    const nameJa = names(Math.floor(k / 4) + k)
    const id = await insertOrganization(db, k % 3 === 0 ? 'public_lab' : 'university', nameJa)
    institutions.push({ id, nameJa, projects: (k % 4) + 1 })
  }
  const projects: number[] = []
  for (let p = 0; p < 4; p++) {
    projects.push(
      await insertProject(db, {
        visibility: 'public',
        leadOrgId: lead,
        adoptedFy: p === 3 ? 2020 : 2015,
        partners: institutions.filter((i) => i.projects > p).map((i) => i.id),
      }),
    )
  }
  await insertFinding(db, { visibility: 'public', projectId: projects[0] as number })
  await insertOutcome(db, { visibility: 'public', projectId: projects[1] as number })
  await insertOutcome(db, { visibility: 'confidential', projectId: projects[1] as number })

  // Only a confidential project has this partner.
  confidentialPartner = await insertOrganization(db, 'university', '秘密プロジェクトの大学')
  const secretLead = await insertOrganization(db, 'company', '秘密主導社')
  await db.updateTable('organizations').set({ municipality: '秘密町' }).where('id', '=', secretLead).execute()
  await insertProject(db, {
    visibility: 'confidential',
    leadOrgId: secretLead,
    themeJa: CONFIDENTIAL_THEME,
    partners: [confidentialPartner],
  })
  institutions.push({ id: confidentialPartner, nameJa: '秘密プロジェクトの大学', projects: 1 })

  // Lead companies past the organization list's 500, each with a seat of its own (and one shared by two).
  const companies = await db
    .insertInto('organizations')
    .values(
      Array.from({ length: LEAD_COMPANIES }, (_, i) => ({
        kind: 'company' as const,
        nameJa: `社${i}`,
        municipality: municipalityOf(Math.min(i, LEAD_COMPANIES - 2)),
      })),
    )
    .returning('id')
    .execute()
  const programId = await bioCluster(db)
  await db
    .insertInto('projects')
    .values(
      companies.map(({ id }, i) => ({
        programId,
        leadOrgId: id,
        themeJa: `テーマ${i}`,
        adoptedFy: 2016,
        visibility: 'public' as const,
      })),
    )
    .execute()
  // A company that leads nothing: its seat is no choice.
  await db
    .insertInto('organizations')
    .values({ kind: 'company', nameJa: '無主導社', municipality: '無縁村' })
    .execute()
})
afterAll(() => t.close())

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const inListOrder = (a: Institution, b: Institution) =>
  b.projects - a.projects || codePoint(a.nameJa, b.nameJa) || a.id - b.id

const page = async (query: string) => {
  const response = await t.anonymous.inject(`/api/stats/institutions${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as InstitutionStats
}

describe('GET /api/stats/institutions a page at a time', () => {
  it('lists a page in order, and counts every institution of the range', async () => {
    const first = await page('')
    expect(first.institutions).toHaveLength(INSTITUTIONS_PAGE)
    expect(first.total).toBe(institutions.length)
    const all = [...first.institutions]
    for (let offset = INSTITUTIONS_PAGE; offset < institutions.length; offset += INSTITUTIONS_PAGE) {
      const next = await page(`?offset=${offset}`)
      expect(next.total).toBe(institutions.length)
      all.push(...next.institutions)
    }
    expect(all.map((i) => i.id)).toEqual([...institutions].sort(inListOrder).map((i) => i.id))
    expect(all.find((i) => i.id === confidentialPartner)).toMatchObject({
      projects: 1,
      findings: 0,
      outcomes: 0,
    })
    // Every institution in the first two projects: the finding of the first, both outcomes of the second.
    const inFour = all.find((i) => i.projects === 4)
    expect(inFour).toMatchObject({ findings: 1, outcomes: 2 })
  })

  it('answers an empty page past the end, still with the total', async () => {
    expect(await page(`?offset=${institutions.length}`)).toEqual({
      institutions: [],
      total: institutions.length,
    })
  })

  it('counts the institutions of the range only', async () => {
    const fy2020 = await page('?fyFrom=2020&limit=10')
    const inFy2020 = institutions.filter((i) => i.projects === 4)
    expect(fy2020.total).toBe(inFy2020.length)
    expect(fy2020.institutions.map((i) => i.id)).toEqual(
      inFy2020
        .sort(inListOrder)
        .slice(0, 10)
        .map((i) => i.id),
    )
    expect(fy2020.institutions.every((i) => i.projects === 1)).toBe(true)
  })

  it('bounds the page', async () => {
    expect((await page(`?limit=${INSTITUTIONS_PAGE_MAX}`)).institutions).toHaveLength(institutions.length)
    for (const limit of [0, INSTITUTIONS_PAGE_MAX + 1]) {
      const response = await t.anonymous.inject(`/api/stats/institutions?limit=${limit}`)
      expect(response.statusCode, `limit=${limit}`).toBe(400)
      expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.limit'])
    }
    expect((await t.anonymous.inject('/api/stats/institutions?offset=-1')).statusCode).toBe(400)
  })
})

describe('GET /api/stats/filter-options', () => {
  const options = async (client = t.anonymous) => {
    const response = await client.inject('/api/stats/filter-options')
    expect(response.statusCode, response.body).toBe(200)
    return { body: response.json() as FilterOptions, raw: response.body }
  }

  it('names the seat of every lead company, past the organization list’s largest page', async () => {
    const { body } = await options()
    const seats = Array.from({ length: LEAD_COMPANIES - 1 }, (_, i) => municipalityOf(i))
    expect(body.municipalities).toEqual([...seats, '秘密町'].sort(codePoint))
    expect(body.municipalities).toContain(municipalityOf(LEAD_COMPANIES - 2))
    expect(body.municipalities).not.toContain('無縁村')
  })

  it('offers every partner institution the institutions answer lists, by name', async () => {
    const { body } = await options()
    expect(body.institutions).toHaveLength(institutions.length)
    const byName = (a: Institution, b: Institution) => codePoint(a.nameJa, b.nameJa) || a.id - b.id
    expect(body.institutions.map((i) => i.id)).toEqual([...institutions].sort(byName).map((i) => i.id))
    expect(body.institutions[0]).toEqual({
      id: expect.any(Number),
      kind: expect.any(String),
      name: { ja: expect.any(String), en: null },
    })
    expect(body.fiscalYears).toEqual([2015, 2016, 2017, 2018, 2019, 2020])
  })

  it('shows anonymous visitors what it shows everyone, and nothing of the hidden records themselves', async () => {
    const anonymous = await options()
    const admin = await options(t.admin)
    expect(anonymous.body).toEqual(admin.body)
    expect(anonymous.raw).not.toContain(CONFIDENTIAL_THEME)
    expect(anonymous.raw).not.toContain('HIDDEN')
  })
})
