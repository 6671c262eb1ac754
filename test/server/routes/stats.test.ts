import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../../db/database.ts'
import { buildApp } from '../../../server/app.ts'
import { createTestApp } from '../../helpers/app.ts'
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts'

// The brochure's dataset, where every figure is the brochure's own.
let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

const get = async (path: string) => {
  const response = await t.app.inject(path)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}
const orgId = async (nameJa: string) =>
  (
    await t.database.db
      .selectFrom('organizations')
      .select('id')
      .where('nameJa', '=', nameJa)
      .executeTakeFirstOrThrow()
  ).id

describe('GET /api/stats/adoptions', () => {
  it('counts adoptions per FY with the running total, menus unknown', async () => {
    const { menus, years } = await get('/api/stats/adoptions')
    // Brochure timeline: 研究開発事業N件を採択 5, 8, 9, 9, 10, 9 for 平成24〜29年度; 総採択件数 50件.
    expect(years).toEqual([
      { fy: 2012, total: 5, cumulative: 5, byMenu: { unknown: 5 } },
      { fy: 2013, total: 8, cumulative: 13, byMenu: { unknown: 8 } },
      { fy: 2014, total: 9, cumulative: 22, byMenu: { unknown: 9 } },
      { fy: 2015, total: 9, cumulative: 31, byMenu: { unknown: 9 } },
      { fy: 2016, total: 10, cumulative: 41, byMenu: { unknown: 10 } },
      { fy: 2017, total: 9, cumulative: 50, byMenu: { unknown: 9 } },
    ])
    expect(menus).toEqual([])
  })

  it('selects projects by company, with the gap years in between, and by menu', async () => {
    const ham = await orgId('㈱東北ハム')
    // Brochure: ㈱東北ハム（平成25年度、平成28年度～29年度）, two adoptions.
    const { years } = await get(`/api/stats/adoptions?company=${ham}`)
    expect(
      years.map((y: { fy: number; total: number; cumulative: number }) => [y.fy, y.total, y.cumulative]),
    ).toEqual([
      [2013, 1, 1],
      [2014, 0, 1],
      [2015, 0, 1],
      [2016, 1, 2],
    ])
    expect(years[1].byMenu).toEqual({ unknown: 0 })
    expect((await get('/api/stats/adoptions?menu=seed_exploration')).years).toEqual([])
  })

  it('bounds the adoption FY', async () => {
    const { years } = await get('/api/stats/adoptions?fyFrom=2015')
    expect(years.map((y: { fy: number }) => y.fy)).toEqual([2015, 2016, 2017])
    expect(years.at(-1).cumulative).toBe(28)
    const { years: middle } = await get('/api/stats/adoptions?fyFrom=2013&fyTo=2014')
    expect(middle.map((y: { total: number }) => y.total)).toEqual([8, 9])
  })
})

describe('GET /api/stats/products', () => {
  it('counts products and test sales per FY, naming them', async () => {
    const { years } = await get('/api/stats/products')
    // Brochure timeline, 商品化: ベジスープあまざけ (H26), ピーナッツ胚芽チョコ test sale (H27), two mushroom
    // products (H29.2, so FY2016), 庄内プロシュート『ノービレ』 (H30.1, so FY2017): 5 in all.
    expect(
      years.map((y: { fy: number; count: number; cumulative: number }) => [y.fy, y.count, y.cumulative]),
    ).toEqual([
      [2014, 1, 1],
      [2015, 1, 2],
      [2016, 2, 4],
      [2017, 1, 5],
    ])
    expect(years[1].products).toEqual([
      {
        id: expect.any(Number),
        kind: 'test_sale',
        title: { ja: 'ピーナッツ胚芽チョコ', en: 'Peanut Germ Chocolate' },
        company: { ja: '㈱でん六', en: expect.any(String) },
        projectId: expect.any(Number),
        date: '2016-02-01',
      },
    ])
    expect(years[2].products.map((p: { company: { ja: string } }) => p.company.ja)).toEqual([
      '㈲舟形マッシュルーム',
      '㈲舟形マッシュルーム',
    ])
    // Every one is named: fewer than a year names.
    expect(
      years.map((y: { moreCount: number; hiddenCount: number }) => [y.moreCount, y.hiddenCount]),
    ).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ])
  })

  it('leaves out the earlier program, whose products have no FY', async () => {
    const titles = (await get('/api/stats/products')).years.flatMap(
      (y: { products: { title: { ja: string } }[] }) => y.products.map((p) => p.title.ja),
    )
    expect(titles).not.toContain('庄内柿ペースト')
  })

  it('honours the company and FY filters', async () => {
    const ham = await orgId('㈱東北ハム')
    const { years } = await get(`/api/stats/products?company=${ham}`)
    expect(years.map((y: { fy: number; count: number }) => [y.fy, y.count])).toEqual([[2017, 1]])
    const { years: fromFy2015 } = await get('/api/stats/products?fyFrom=2015&fyTo=2016')
    expect(fromFy2015.map((y: { count: number }) => y.count)).toEqual([1, 2])
  })
})

describe('GET /api/stats/attendance', () => {
  it('lists the eight events and sums attendance per FY', async () => {
    const { events, moreCount, years, cities } = await get('/api/stats/attendance')
    // Brochure timeline, 参加者数: 135, 160, 134 + 120, 180, 87 + 250, 138; 1,204 in all.
    expect(events).toHaveLength(8)
    expect(moreCount).toBe(0)
    // 鶴岡市 135 + 160 + 134 + 250, 山形市 180 + 138, 米沢市 120, 新庄市 87.
    expect(cities).toEqual([
      { city: '山形市', events: 2, attendance: 318, reported: 2 },
      { city: '新庄市', events: 1, attendance: 87, reported: 1 },
      { city: '米沢市', events: 1, attendance: 120, reported: 1 },
      { city: '鶴岡市', events: 4, attendance: 679, reported: 4 },
    ])
    expect(years).toEqual([
      { fy: 2012, events: 1, attendance: 135 },
      { fy: 2013, events: 1, attendance: 160 },
      { fy: 2014, events: 2, attendance: 254 },
      { fy: 2015, events: 1, attendance: 180 },
      { fy: 2016, events: 2, attendance: 337 },
      { fy: 2017, events: 1, attendance: 138 },
    ])
    expect(events.reduce((sum: number, e: { attendance: number }) => sum + e.attendance, 0)).toBe(1204)
    expect(events[0]).toMatchObject({
      fy: 2012,
      kind: 'research_presentation',
      city: '鶴岡市',
      attendance: 135,
      date: null,
    })
  })

  it('applies only the FY range: events belong to the whole program', async () => {
    const ham = await orgId('㈱東北ハム')
    expect((await get(`/api/stats/attendance?company=${ham}`)).events).toHaveLength(8)
    const { years } = await get('/api/stats/attendance?fyFrom=2016&fyTo=2016')
    expect(years).toEqual([{ fy: 2016, events: 2, attendance: 337 }])
  })
})

describe('GET /api/stats/overview', () => {
  it('gives each KPI its total, the latest FY, the one before and the target', async () => {
    const { latestFy, previousFy, kpis } = await get('/api/stats/overview')
    expect([latestFy, previousFy]).toEqual([2017, 2016])
    // Brochure: 総採択件数 50件 (FY2017: 9, FY2016: 10); 商品化 5 (FY2017: 1, FY2016: 2); 参加者数 1,204 over
    // 8 meetings (FY2017: 138 at one, FY2016: 87 + 250 at two).
    expect(kpis.adoptions).toEqual({ total: 50, latest: 9, previous: 10, target: null })
    expect(kpis.products).toEqual({ total: 5, latest: 1, previous: 2, target: null })
    expect(kpis.attendance).toEqual({ total: 1204, latest: 138, previous: 337, target: null })
    expect(kpis.events).toEqual({ total: 8, latest: 1, previous: 2, target: null })
    // FY2017: its 9 adoptions, 舟形マッシュルーム (H26～29) and 東北ハム (H28～29); FY2016: its 10 and 舟形.
    expect(kpis.activeProjects).toEqual({ total: 50, latest: 11, previous: 11, target: null })
    // The five partner institutions named in the featured projects; FY2016–2017: IAB, 山形大学農学部, 庄内試験場.
    expect(kpis.partnerInstitutions).toEqual({ total: 5, latest: 3, previous: 3, target: null })
    // The brochure gives no grant amounts.
    expect(kpis.grantsYen).toEqual({ total: 0, latest: 0, previous: 0, target: null })
  })

  it('honours the filters', async () => {
    const from2015 = await get('/api/stats/overview?fyFrom=2015')
    expect(from2015.kpis.adoptions).toEqual({ total: 28, latest: 9, previous: 10, target: null })
    expect(from2015.kpis.products.total).toBe(4)
    expect(from2015.kpis.attendance.total).toBe(180 + 337 + 138)

    const ham = await orgId('㈱東北ハム')
    const byHam = await get(`/api/stats/overview?company=${ham}`)
    expect(byHam.kpis.adoptions).toEqual({ total: 2, latest: 0, previous: 1, target: null })
    expect(byHam.kpis.events.total).toBe(8)

    const bySeedMenu = await get('/api/stats/overview?menu=seed_exploration')
    expect(bySeedMenu.kpis.adoptions).toEqual({ total: 0, latest: 0, previous: 0, target: null })

    const toFy2014 = await get('/api/stats/overview?fyTo=2014')
    expect([toFy2014.latestFy, toFy2014.previousFy]).toEqual([2014, 2013])
    expect(toFy2014.kpis.adoptions).toEqual({ total: 22, latest: 9, previous: 8, target: null })
    expect(toFy2014.kpis.attendance).toEqual({ total: 549, latest: 254, previous: 160, target: null })
  })

  it('has no previous FY before the first FY it knows (found by the generated-request sweep: it was a 500)', async () => {
    const first = await get('/api/stats/overview?fyTo=1980')
    expect([first.latestFy, first.previousFy]).toEqual([1980, null])
    expect(first.kpis.adoptions).toEqual({ total: 0, latest: 0, previous: 0, target: null })
    const reversed = await get('/api/stats/overview?fyFrom=2052&fyTo=1980')
    expect(reversed.kpis.adoptions.total).toBe(0)
  })

  it("shows the latest FY's target, and only that FY's", async () => {
    const db = t.database.db
    const inserted = await db
      .insertInto('kpiTargets')
      .values([
        { metric: 'adoptions', fy: 2017, target: 12 },
        { metric: 'attendance', fy: 2016, target: 400 },
      ])
      .returning('id')
      .execute()
    try {
      const latest = await get('/api/stats/overview')
      expect(latest.kpis.adoptions.target).toBe(12)
      expect(latest.kpis.attendance.target).toBeNull()
      const fy2016 = await get('/api/stats/overview?fyTo=2016')
      expect(fy2016.kpis.adoptions.target).toBeNull()
      expect(fy2016.kpis.attendance).toEqual({ total: 1066, latest: 337, previous: 180, target: 400 })
    } finally {
      await db
        .deleteFrom('kpiTargets')
        .where(
          'id',
          'in',
          inserted.map((r) => r.id),
        )
        .execute()
    }
  })
})

describe('GET /api/stats/institutions', () => {
  it('counts projects, findings and outcomes per partner institution', async () => {
    const { institutions } = await get('/api/stats/institutions')
    // Brochure, 連携研究機関: IAB partners でん六, 舟形マッシュルーム and 東北ハム (two periods).
    expect(
      institutions.find((i: { name: { ja: string } }) => i.name.ja === '慶應義塾大学先端生命科学研究所'),
    ).toMatchObject({
      kind: 'university',
      projects: 4,
    })
    const projects = institutions.map((i: { projects: number }) => i.projects)
    expect(projects).toEqual([...projects].sort((a, b) => b - a))
    expect(institutions).toHaveLength(5)
  })

  it('says how many there are beside the page it lists', async () => {
    const all = await get('/api/stats/institutions')
    expect(all.total).toBe(5)
    const second = await get('/api/stats/institutions?limit=2&offset=2')
    expect(second).toEqual({ institutions: all.institutions.slice(2, 4), total: 5 })
  })

  it('selects the projects by the filters', async () => {
    const ham = await orgId('㈱東北ハム')
    const { institutions } = await get(`/api/stats/institutions?company=${ham}`)
    expect(
      institutions.map((i: { name: { ja: string }; projects: number }) => [i.name.ja, i.projects]),
    ).toEqual([
      ['山形県工業技術センター庄内試験場', 2],
      ['慶應義塾大学先端生命科学研究所', 2],
    ])
    expect((await get('/api/stats/institutions?fyFrom=2016')).institutions).toHaveLength(2)
  })
})

describe('GET /api/stats/filter-options', () => {
  it("offers the brochure's fiscal years, partner institutions and lead companies' seats", async () => {
    const response = await t.anonymous.inject('/api/stats/filter-options')
    expect(response.statusCode, response.body).toBe(200)
    const { fiscalYears, menus, institutions, municipalities } = response.json()
    // Adoptions and meetings FY2012–2017 (平成24〜29年度), products FY2014–2017; no menu is given.
    expect(fiscalYears).toEqual([2012, 2013, 2014, 2015, 2016, 2017])
    expect(menus).toEqual([])
    // The five 連携研究機関 of the featured projects, in code-point order of their names.
    expect(institutions.map((i: { kind: string; name: { ja: string } }) => [i.kind, i.name.ja])).toEqual([
      ['venture', 'ヒューマン・メタボローム・テクノロジーズ㈱'],
      ['university', '山形大学農学部'],
      ['public_lab', '山形県工業技術センター庄内試験場'],
      ['university', '山形県立米沢栄養大学'],
      ['university', '慶應義塾大学先端生命科学研究所'],
    ])
    expect(institutions[4].name.en).toBe('Keio University Institute for Advanced Biosciences (IAB)')
    // Lead companies: でん六 (山形市), JA櫛引農工連 and 東北ハム (鶴岡市), 舟形マッシュルーム (舟形町). The other
    // adopted companies' seats select no recorded project: the brochure does not say which adoption was theirs.
    expect(municipalities).toEqual(['山形市', '舟形町', '鶴岡市'])
  })
})

describe('GET /api/stats/funnel', () => {
  it('follows each adoption year from adoption to a finding to a product', async () => {
    const { years, total } = await get('/api/stats/funnel')
    expect(years.map((y: { fy: number }) => y.fy)).toEqual([2012, 2013, 2014, 2015, 2016, 2017])
    // FY2013: 8 adopted; でん六 and 東北ハム reported findings; でん六's chocolate went on test sale in FY2015.
    expect(years[1]).toEqual({ fy: 2013, adopted: 8, withFinding: 2, withProduct: 1, medianYearsToLaunch: 2 })
    // FY2014: JA櫛引農工連 (launch the same FY) and 舟形マッシュルーム (FY2016): median 1 year.
    expect(years[2]).toEqual({ fy: 2014, adopted: 9, withFinding: 2, withProduct: 2, medianYearsToLaunch: 1 })
    expect(years[0]).toEqual({
      fy: 2012,
      adopted: 5,
      withFinding: 0,
      withProduct: 0,
      medianYearsToLaunch: null,
    })
    expect(total).toEqual({ adopted: 50, withFinding: 5, withProduct: 4 })
  })

  it('honours the filters', async () => {
    const { years } = await get('/api/stats/funnel?fyFrom=2014&fyTo=2014')
    expect(years).toEqual([{ fy: 2014, adopted: 9, withFinding: 2, withProduct: 2, medianYearsToLaunch: 1 }])
    expect((await get('/api/stats/funnel?field=medical')).years).toEqual([])
  })
})

describe('bad filters', () => {
  const paths = ['overview', 'adoptions', 'products', 'attendance', 'institutions', 'funnel']

  it.each(paths)('/api/stats/%s answers 400 naming each bad field', async (path) => {
    const response = await t.app.inject(
      `/api/stats/${path}?fyFrom=abc&fyTo=1900&menu=Bad%20Menu&field=space&company=0&institution=x&municipality=&color=red`,
    )
    expect(response.statusCode).toBe(400)
    const fields = response.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'querystring.fyFrom',
        'querystring.fyTo',
        'querystring.menu',
        'querystring.field',
        'querystring.company',
        'querystring.institution',
        'querystring.municipality',
        'querystring.color',
      ]),
    )
  })

  it('answers an empty range with empty series, not an error', async () => {
    expect((await get('/api/stats/adoptions?fyFrom=2030')).years).toEqual([])
    const overview = await get('/api/stats/overview?fyFrom=2018&fyTo=2017')
    expect(overview.kpis.adoptions).toEqual({ total: 0, latest: 0, previous: 0, target: null })
  })
})

// A small database of its own, for what the brochure lacks: menus, grants, the earlier program beside the
// Bio-cluster one, gap years, and an empty range. It also counts the queries each request runs.
describe('on records with menus and grants', () => {
  let database: TestDatabase
  let app: Awaited<ReturnType<typeof buildApp>>
  let queries = 0
  const counter: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => args.node,
    // Called once per query run (transformQuery also sees every subquery as it is built).
    async transformResult(args: PluginTransformResultArgs) {
      queries++
      return args.result
    },
  }
  // Each path is read once: the answer is computed, after the response cache's read of the data version.
  const read = async (path: string) => {
    queries = 0
    const response = await app.inject(path)
    expect(response.statusCode, response.body).toBe(200)
    return { body: response.json(), queries: queries - 1 }
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    await seed(database.db)
    app = await buildApp({ db: database.db.withPlugin(counter) })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await database.close()
  })

  it('counts adoptions per menu, in menu order, with the unknown ones and the gap years', async () => {
    const { body, queries } = await read('/api/stats/adoptions')
    expect(queries).toBe(1)
    expect(body.menus).toEqual([
      { code: 'seed_exploration', name: { ja: 'シーズ探索型', en: 'Seed exploration' } },
      { code: 'commercialization_a', name: { ja: '事業化推進型A', en: 'Commercialization A' } },
    ])
    const zero = { seed_exploration: 0, commercialization_a: 0, unknown: 0 }
    expect(body.years).toEqual([
      { fy: 2010, total: 1, cumulative: 1, byMenu: { ...zero, unknown: 1 } },
      { fy: 2011, total: 0, cumulative: 1, byMenu: zero },
      { fy: 2012, total: 2, cumulative: 3, byMenu: { ...zero, seed_exploration: 1, commercialization_a: 1 } },
    ])
  })

  it('computes active projects, partners and grants for the range, the latest FY and the one before', async () => {
    const { body, queries } = await read('/api/stats/overview')
    expect(queries).toBeLessThanOrEqual(6)
    expect([body.latestFy, body.previousFy]).toEqual([2013, 2012])
    expect(body.kpis).toMatchObject({
      adoptions: { total: 3, latest: 0, previous: 2 },
      products: { total: 1, latest: 1, previous: 0 },
      events: { total: 0, latest: 0, previous: 0 },
      activeProjects: { total: 3, latest: 1, previous: 2, target: null },
      partnerInstitutions: { total: 2, latest: 1, previous: 2, target: null },
      grantsYen: { total: 4_500_000, latest: 1_500_000, previous: 3_000_000, target: 5_000_000 },
    })

    const bounded = (await read('/api/stats/overview?fyFrom=2011&fyTo=2012')).body
    expect([bounded.latestFy, bounded.previousFy]).toEqual([2012, 2011])
    expect(bounded.kpis.activeProjects).toEqual({ total: 3, latest: 2, previous: 1, target: null })
    expect(bounded.kpis.grantsYen).toEqual({ total: 3_000_000, latest: 3_000_000, previous: 0, target: null })
  })

  it('has no latest FY when the range holds no data', async () => {
    const { body } = await read('/api/stats/overview?fyFrom=2030')
    expect([body.latestFy, body.previousFy]).toEqual([null, null])
    for (const kpi of Object.values(body.kpis))
      expect(kpi).toEqual({ total: 0, latest: 0, previous: 0, target: null })
  })

  it('answers the funnel and the institutions in one query each', async () => {
    const funnel = await read('/api/stats/funnel')
    expect(funnel.queries).toBe(1)
    expect(funnel.body).toEqual({
      years: [
        { fy: 2010, adopted: 1, withFinding: 0, withProduct: 0, medianYearsToLaunch: null },
        { fy: 2011, adopted: 0, withFinding: 0, withProduct: 0, medianYearsToLaunch: null },
        { fy: 2012, adopted: 2, withFinding: 1, withProduct: 1, medianYearsToLaunch: 1 },
      ],
      total: { adopted: 3, withFinding: 1, withProduct: 1 },
    })
    const institutions = await read('/api/stats/institutions')
    expect(institutions.queries).toBe(1)
    expect(
      institutions.body.institutions.map(
        (i: { name: { en: string }; projects: number; findings: number; outcomes: number }) => [
          i.name.en,
          i.projects,
          i.findings,
          i.outcomes,
        ],
      ),
    ).toEqual([
      ['University X', 2, 0, 2],
      ['Lab Y', 1, 1, 0],
    ])
    expect((await read('/api/stats/products')).queries).toBe(1)
    expect((await read('/api/stats/attendance')).queries).toBe(1)
  })
})

/**
 * Three Bio-cluster projects (one under the program itself, two under a subsidy beneath it) and one of the
 * earlier program, whose adoption, partner, grant and product must count nowhere.
 */
async function seed(db: import('kysely').Kysely<Database>) {
  const program = (code: string, parentId: number | null) =>
    db
      .insertInto('programs')
      .values({ code, parentId, nameJa: code, nameEn: code })
      .returning('id')
      .executeTakeFirstOrThrow()
  const bio = await program('bio_cluster', null)
  const subsidy = await program('biotech_commercialization', bio.id)
  const earlier = await program('regional_innovation', null)
  const menu = (code: string, nameJa: string, nameEn: string) =>
    db
      .insertInto('subsidyMenus')
      .values({
        code,
        nameJa,
        nameEn,
        programId: subsidy.id,
        maxYears: 2,
        rateSmeNumerator: 2,
        rateSmeDenominator: 3,
        rateLargeNumerator: 1,
        rateLargeDenominator: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const seedMenu = await menu('seed_exploration', 'シーズ探索型', 'Seed exploration')
  const menuA = await menu('commercialization_a', '事業化推進型A', 'Commercialization A')
  const org = (kind: 'university' | 'public_lab', nameEn: string) =>
    db
      .insertInto('organizations')
      .values({ kind, nameJa: nameEn, nameEn })
      .returning('id')
      .executeTakeFirstOrThrow()
  const univ = await org('university', 'University X')
  const lab = await org('public_lab', 'Lab Y')
  const project = (
    programId: number,
    menuId: number | null,
    adoptedFy: number,
    period: [number, number] | null,
  ) =>
    db
      .insertInto('projects')
      .values({
        programId,
        menuId,
        adoptedFy,
        startFy: period?.[0] ?? null,
        endFy: period?.[1] ?? null,
        detailsKnown: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const p1 = await project(bio.id, null, 2010, [2010, 2011])
  const p2 = await project(subsidy.id, menuA.id, 2012, [2012, 2013])
  const p3 = await project(subsidy.id, seedMenu.id, 2012, null)
  const old = await project(earlier.id, null, 2012, null)
  await db
    .insertInto('projectPartners')
    .values([
      { projectId: p1.id, orgId: univ.id },
      { projectId: p2.id, orgId: univ.id },
      { projectId: p3.id, orgId: lab.id },
      { projectId: old.id, orgId: lab.id },
    ])
    .execute()
  await db
    .insertInto('projectGrants')
    .values([
      { projectId: p2.id, fy: 2012, amountYen: 3_000_000 },
      { projectId: p2.id, fy: 2013, amountYen: 1_500_000 },
      { projectId: old.id, fy: 2013, amountYen: 9_000_000 },
    ])
    .execute()
  await db
    .insertInto('findings')
    .values({ projectId: p3.id, statementJa: '所見', evidenceLevel: 'analytical' })
    .execute()
  await db
    .insertInto('outcomes')
    .values([
      { projectId: p2.id, kind: 'product', titleJa: '新商品', fy: 2013 },
      { projectId: old.id, kind: 'product', titleJa: '旧商品', fy: 2013 },
      { projectId: p2.id, kind: 'award', titleJa: '受賞', fy: 2013 },
    ])
    .execute()
  await db.insertInto('kpiTargets').values({ metric: 'grants_yen', fy: 2013, target: 5_000_000 }).execute()
}
