import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../helpers/app.ts'

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

interface Menu {
  id: number
  code: string
  program: { code: string }
  nameJa: string
  maxYears: number
  rateSme: { numerator: number; denominator: number }
  rateLarge: { numerator: number; denominator: number }
  capsYen: { projectYear: number; capYen: number }[]
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/menus?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Menu[]; total: number }
}
const codes = (menus: { items: Menu[] }) => menus.items.map((m) => m.code)

describe('GET /api/menus', () => {
  it('lists the brochure’s 5 subsidy menus with their program, period, rates and yearly caps', async () => {
    const all = await list('')
    expect(all.total).toBe(5)
    expect(codes(all)).toEqual([
      'seed_exploration',
      'commercialization_a',
      'commercialization_b',
      'market_development',
      'employment',
    ])
    expect(all.items[0]).toMatchObject({
      nameJa: 'シーズ探索型',
      nameEn: 'Seed exploration',
      program: { code: 'biotech_commercialization', nameJa: 'バイオ技術事業化促進事業' },
      maxYears: 2,
      rateSme: { numerator: 2, denominator: 3 },
      rateLarge: { numerator: 1, denominator: 3 },
      capsYen: [
        { projectYear: 1, capYen: 500_000 },
        { projectYear: 2, capYen: 1_000_000 },
      ],
    })
    const employment = all.items[4] as Menu
    expect(employment).toMatchObject({
      maxYears: 1,
      rateSme: { numerator: 1, denominator: 2 },
      capsYen: [{ projectYear: 1, capYen: 1_500_000 }],
    })
    expect(all.items.every((m) => m.capsYen.length === m.maxYears)).toBe(true)
  })

  it('filters by program, the bio-cluster program taking in the subsidies under it', async () => {
    expect(codes(await list('program=bio_industry_growth'))).toEqual(['market_development', 'employment'])
    expect((await list('program=biotech_commercialization')).total).toBe(3)
    expect((await list('program=bio_cluster')).total).toBe(5)
    expect(await list('program=regional_innovation')).toEqual({ items: [], total: 0 })
    expect((await list('program=no_such_program')).total).toBe(0)
  })

  it('searches the names in Japanese and English, pages and sorts', async () => {
    expect(codes(await list(`q=${encodeURIComponent('事業化推進')}`))).toEqual([
      'commercialization_a',
      'commercialization_b',
    ])
    expect(codes(await list('q=market'))).toEqual(['market_development'])
    const page = await list('sort=-code&limit=2&offset=1')
    expect(page.total).toBe(5)
    expect(codes(page)).toEqual(['market_development', 'employment'])
    expect(codes(await list('sort=-maxYears&limit=3'))).toEqual([
      'seed_exploration',
      'commercialization_a',
      'commercialization_b',
    ])
  })

  it('refuses an unknown sort or filter and a malformed program code, naming each field', async () => {
    const response = await t.app.inject('/api/menus?sort=rate&program=Bio%20Cluster&limit=0&color=red')
    expect(response.statusCode).toBe(400)
    const fields = response.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'querystring.sort',
        'querystring.program',
        'querystring.limit',
        'querystring.color',
      ]),
    )
  })
})

describe('GET /api/menus/:id', () => {
  it('answers one menu, 404 for an unknown id and 400 for a malformed one', async () => {
    const first = (await list('limit=1')).items[0] as Menu
    expect((await t.app.inject(`/api/menus/${first.id}`)).json()).toEqual(first)
    const missing = await t.app.inject('/api/menus/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect((await t.app.inject('/api/menus/abc')).statusCode).toBe(400)
  })

  it('takes no writes: menus are the terms recorded grants were checked against', async () => {
    const first = (await list('limit=1')).items[0] as Menu
    expect((await t.app.inject({ method: 'POST', url: '/api/menus', body: {} })).statusCode).toBe(404)
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/menus/${first.id}`, body: { maxYears: 9 } }))
        .statusCode,
    ).toBe(404)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/menus/${first.id}` })).statusCode).toBe(404)
  })
})

describe('GET /api/programs', () => {
  it('answers the program hierarchy depth first, each program with its own menus', async () => {
    const response = await t.app.inject('/api/programs')
    expect(response.statusCode).toBe(200)
    const { items, total } = response.json()
    expect(total).toBe(4)
    const byCode = new Map(items.map((p: { code: string; id: number }) => [p.code, p]))
    expect(
      items.map((p: { code: string; depth: number; menus: { code: string }[] }) => [
        p.code,
        p.depth,
        p.menus.map((m) => m.code),
      ]),
    ).toEqual([
      ['bio_cluster', 0, []],
      ['biotech_commercialization', 1, ['seed_exploration', 'commercialization_a', 'commercialization_b']],
      ['bio_industry_growth', 1, ['market_development', 'employment']],
      ['regional_innovation', 0, []],
    ])
    expect(items[1]).toMatchObject({
      nameJa: 'バイオ技術事業化促進事業',
      nameEn: 'Biotech Commercialization Promotion subsidy',
      parentId: (byCode.get('bio_cluster') as { id: number }).id,
    })
    expect(items[0].parentId).toBeNull()
    expect((await t.app.inject('/api/programs?depth=1')).statusCode).toBe(400)
  })
})

describe('GET /api/menus.csv', () => {
  it('exports the filtered menus as UTF-8 CSV with a BOM', async () => {
    const response = await t.app.inject('/api/menus.csv?program=bio_industry_growth')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toContain('menus.csv')
    expect(
      response.body.startsWith(
        '\uFEFFid,code,program,name_ja,name_en,max_years,rate_sme,rate_large,caps_yen_by_year\r\n',
      ),
    ).toBe(true)
    const lines = response.body.trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(
      /,market_development,bio_industry_growth,販路開拓型,Market development,1,1\/2,1\/3,1500000$/,
    )
    const all = (await t.app.inject('/api/menus.csv')).body.trim().split('\r\n')
    expect(all[1]).toMatch(/,seed_exploration,.*,2,2\/3,1\/3,500000 1000000$/)
  })
})
