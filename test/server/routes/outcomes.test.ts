import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts'
import { listOutcomes } from '../../../server/repositories/outcomes-repository.ts'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'
import { ADMIN_VIEWER } from '../../helpers/users.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
const finding: Record<string, number> = {}
const project: Record<string, number> = {}
const outcome: Record<string, number> = {}
const org: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const db = t.database.db
  for (const f of await db.selectFrom('findings').select(['id', 'ref']).execute())
    if (f.ref) finding[f.ref] = f.id
  for (const p of await db.selectFrom('projects').select(['id', 'ref']).execute())
    if (p.ref) project[p.ref] = p.id
  for (const o of await db.selectFrom('outcomes').select(['id', 'ref']).execute())
    if (o.ref) outcome[o.ref] = o.id
  for (const o of await db.selectFrom('organizations').select(['id', 'nameJa']).execute())
    org[o.nameJa] = o.id
})
afterAll(() => t.close())

const idOf = (ids: Record<string, number>, key: string) => {
  const id = ids[key]
  if (id === undefined) throw new Error(`no record ${key}`)
  return id
}

interface Item {
  id: number
  ref: string | null
  kind: string
  fy: number | null
  occurredOn: string | null
  titleJa: string
  restsOn: number[]
  project: {
    id: number
    themeJa: string | null
    adoptedFy: number | null
    company: { nameJa: string } | null
  }
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/outcomes?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Item[]; total: number }
}
const total = async (query: string) => (await list(query)).total
const q = (text: string) => `q=${encodeURIComponent(text)}`
const SALES = 'kind=product&kind=test_sale'
const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/outcomes', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/outcomes/${id}`, body })
const remove = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/outcomes/${id}` })
const problemsOf = (response: { json: () => { errors?: { field: string; message: string }[] } }) =>
  response.json().errors ?? []
const fieldsOf = (response: { json: () => { errors?: { field: string; message: string }[] } }) =>
  problemsOf(response).map((e) => e.field)
const draft = (overrides: Record<string, unknown> = {}) => ({
  projectId: idOf(project, 'brochure-2018/denroku'),
  kind: 'product',
  titleJa: '試験商品',
  ...overrides,
})
const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe('GET /api/outcomes', () => {
  it('lists the brochure’s 15 outcomes with their project, company and the findings they rest on', async () => {
    const all = await list('limit=500')
    expect(all.total).toBe(15)
    const vegi = all.items.find((o) => o.ref === 'brochure-2018/ja-kushibiki/vegi-soup-amazake')
    expect(vegi).toMatchObject({
      kind: 'product',
      fy: 2014,
      project: { adoptedFy: 2014, company: { nameJa: '櫛引農村工業農業協同組合連合会' } },
      restsOn: [
        idOf(finding, 'brochure-2018/ja-kushibiki/amino-acids'),
        idOf(finding, 'brochure-2018/ja-kushibiki/anti-diabetic'),
      ],
    })
    const kakisu = all.items.find((o) => o.ref === 'brochure-2018/regional-innovation/kakisu-1')
    expect(kakisu).toMatchObject({ fy: null, restsOn: [], project: { themeJa: null, company: null } })
    const page = await list('limit=3&offset=3&sort=id')
    expect(page.items.map((o) => o.id)).toEqual(all.items.slice(3, 6).map((o) => o.id))
    expect(page.total).toBe(15)
  })

  it('counts products and test sales as the brochure does: 11 in all, 5 with a fiscal year', async () => {
    const sales = await list(`${SALES}&limit=500`)
    expect(sales.total).toBe(11)
    const byFy: Record<number, number> = {}
    for (const { fy } of sales.items) if (fy !== null) byFy[fy] = (byFy[fy] ?? 0) + 1
    expect(byFy).toEqual({ 2014: 1, 2015: 1, 2016: 2, 2017: 1 })
    expect(await total(`${SALES}&fyFrom=2016`)).toBe(3)
    expect(await total(`${SALES}&fyTo=2015`)).toBe(2)
    expect(await total(`${SALES}&fyFrom=2015&fyTo=2016`)).toBe(3)
    expect(await total('kind=product')).toBe(10)
    expect(await total('kind=test_sale')).toBe(1)
    expect(await total('kind=award')).toBe(1)
    expect(await total('kind=patent')).toBe(0)
  })

  it('filters by the projects’ company, institution, municipality, field, menu and id', async () => {
    expect(await total(`company=${idOf(org, '㈱でん六')}`)).toBe(1)
    expect(await total(`company=${idOf(org, '㈱東北ハム')}`)).toBe(1)
    expect(await total(`municipality=${encodeURIComponent('鶴岡市')}`)).toBe(3)
    expect(await total(`institution=${idOf(org, '慶應義塾大学先端生命科学研究所')}`)).toBe(4)
    expect(await total('field=food')).toBe(6)
    expect(await total('menu=seed_exploration')).toBe(0)
    expect(await total(`projectId=${idOf(project, 'brochure-2018/regional-innovation')}`)).toBe(9)
    expect(
      await total(`projectId=${idOf(project, 'brochure-2018/funagata-mushroom')}&${SALES}&fyFrom=2016`),
    ).toBe(2)
  })

  it('searches the titles in Japanese and English', async () => {
    expect(await total(q('柿'))).toBe(4)
    expect(await total(q('persimmon'))).toBe(4)
    expect((await list(q('生ハム'))).items.map((o) => o.ref)).toEqual(['brochure-2018/tohoku-ham/nobile'])
    expect(await total(q('FOODEX'))).toBe(1)
    expect(await total(q('%'))).toBe(0)
  })

  it('sorts by fy, date, title and kind, missing values last either way', async () => {
    const byFy = (await list('sort=fy&limit=500')).items.map((o) => o.fy)
    expect(byFy.slice(0, 6)).toEqual([2013, 2014, 2015, 2016, 2016, 2017])
    expect(byFy.slice(6).every((fy) => fy === null)).toBe(true)
    expect((await list('sort=-fy&limit=1')).items[0]?.ref).toBe('brochure-2018/tohoku-ham/nobile')
    const byDate = (await list('sort=occurredOn&limit=4')).items.map((o) => o.occurredOn)
    expect(byDate).toEqual(['2016-02-01', '2017-02-01', '2017-02-01', '2018-01-01'])
    expect((await list('sort=-occurredOn&limit=1')).items[0]?.occurredOn).toBe('2018-01-01')
    const kinds = (await list('sort=kind&limit=500')).items.map((o) => o.kind)
    expect(kinds).toEqual([...kinds].sort())
    const titles = (await list('sort=-titleJa&limit=500')).items.map((o) => o.titleJa)
    expect(titles).toHaveLength(15)
  })

  it('takes as many queries for a page of fifteen as for one', async () => {
    let queries = 0
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    const db = t.database.db.withPlugin(counter)
    const counts: number[] = []
    for (const limit of [1, 15]) {
      queries = 0
      await listOutcomes(db, { limit }, ADMIN_VIEWER)
      counts.push(queries)
    }
    expect(counts).toEqual([3, 3])
  })

  it('refuses unknown kinds, sorts and filters, naming each', async () => {
    const response = await t.app.inject(
      '/api/outcomes?kind=product&kind=bribe&sort=price&fyTo=3000&color=red',
    )
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'querystring.kind.1',
        'querystring.sort',
        'querystring.fyTo',
        'querystring.color',
      ]),
    )
  })
})

describe('GET /api/outcomes/:id', () => {
  it('answers the outcome with the findings it rests on', async () => {
    const nobile = (
      await t.app.inject(`/api/outcomes/${idOf(outcome, 'brochure-2018/tohoku-ham/nobile')}`)
    ).json()
    expect(nobile).toMatchObject({
      kind: 'product',
      fy: 2017,
      occurredOn: '2018-01-01',
      datePrecision: 'month',
    })
    expect(nobile.restsOn).toEqual([
      {
        id: idOf(finding, 'brochure-2018/tohoku-ham-fy2013/taste'),
        statementJa: expect.stringContaining('短期熟成生ハム'),
        statementEn: expect.stringContaining('short-aged prosciutto'),
        evidenceLevel: 'analytical',
      },
      {
        id: idOf(finding, 'brochure-2018/tohoku-ham-fy2016/aging'),
        statementJa: expect.stringContaining('長期熟成骨付き生ハム'),
        statementEn: expect.stringContaining('long-aged bone-in prosciutto'),
        evidenceLevel: 'analytical',
      },
    ])
  })

  it('keeps the FOODEX award in FY2013, before its project began in FY2014', async () => {
    const award = (
      await t.app.inject(`/api/outcomes/${idOf(outcome, 'brochure-2018/ja-kushibiki/foodex-award')}`)
    ).json()
    expect(award).toMatchObject({ kind: 'award', fy: 2013, occurredOn: null, restsOn: [] })
    expect(award.project.adoptedFy).toBe(2014)
  })

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.inject('/api/outcomes/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, message: 'Outcome 999999 not found' })
    expect((await t.app.inject('/api/outcomes/1.5')).statusCode).toBe(400)
  })
})

describe('writes', () => {
  it('derives the FY from the date, defaults the precision to the day, and links the findings', async () => {
    const peanut = idOf(finding, 'brochure-2018/denroku/peanut-germ')
    const response = await post(
      draft({ occurredOn: '2017-03-31', restsOn: [peanut], titleEn: 'Test product' }),
    )
    expect(response.statusCode, response.body).toBe(201)
    const created = response.json()
    expect(created).toMatchObject({ fy: 2016, occurredOn: '2017-03-31', datePrecision: 'day', version: 1 })
    expect(created.project.company.nameJa).toBe('㈱でん六')
    expect(created.restsOn.map((f: { id: number }) => f.id)).toEqual([peanut])
    expect((await t.app.inject(`/api/outcomes/${created.id}`)).json()).toEqual(created)
    expect(await total(`${SALES}&fyFrom=2016`)).toBe(4)
    const findingOutcomes = (await t.app.inject(`/api/findings/${peanut}`)).json().outcomes
    expect(findingOutcomes.map((o: { id: number }) => o.id)).toContain(created.id)
    expect((await remove(created.id)).statusCode).toBe(204)
    expect(await total(`${SALES}&fyFrom=2016`)).toBe(3)
  })

  it('accepts a date before the project began, a month precision, and a FY with no date', async () => {
    const early = await post(
      draft({ kind: 'award', occurredOn: '2010-05-01', datePrecision: 'month', fy: 2010 }),
    )
    expect(early.statusCode, early.body).toBe(201)
    expect(early.json()).toMatchObject({ fy: 2010, datePrecision: 'month' })
    const undated = await post(draft({ fy: 2015 }))
    expect(undated.json()).toMatchObject({ fy: 2015, occurredOn: null, datePrecision: null })
    const bare = await post(draft())
    expect(bare.json()).toMatchObject({ fy: null, occurredOn: null, restsOn: [], visibility: 'public' })
    for (const r of [early, undated, bare]) expect((await remove(r.json().id)).statusCode).toBe(204)
  })

  it('updates with the version read: a new date moves the FY, restsOn replaces the set, a stale version is 409', async () => {
    const created = (
      await post(
        draft({ occurredOn: '2016-06-01', restsOn: [idOf(finding, 'brochure-2018/denroku/peanut-germ')] }),
      )
    ).json()
    expect(created.fy).toBe(2016)
    const moved = await patch(created.id, { version: 1, occurredOn: '2018-02-10' })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json()).toMatchObject({
      fy: 2017,
      occurredOn: '2018-02-10',
      datePrecision: 'day',
      version: 2,
    })
    expect(moved.json().restsOn).toHaveLength(1)

    const relinked = await patch(created.id, {
      version: 2,
      datePrecision: 'month',
      restsOn: [
        idOf(finding, 'brochure-2018/tohoku-ham-fy2016/aging'),
        idOf(finding, 'brochure-2018/tohoku-ham-fy2013/taste'),
      ],
    })
    expect(relinked.json()).toMatchObject({ version: 3, datePrecision: 'month', fy: 2017 })
    expect(relinked.json().restsOn.map((f: { id: number }) => f.id)).toEqual(
      [
        idOf(finding, 'brochure-2018/tohoku-ham-fy2013/taste'),
        idOf(finding, 'brochure-2018/tohoku-ham-fy2016/aging'),
      ].sort((a, b) => a - b),
    )
    const undated = await patch(created.id, { version: 3, occurredOn: null, restsOn: [] })
    expect(undated.json()).toMatchObject({
      version: 4,
      fy: 2017,
      occurredOn: null,
      datePrecision: null,
      restsOn: [],
    })
    const refiled = await patch(created.id, { version: 4, fy: 2012, kind: 'test_sale' })
    expect(refiled.json()).toMatchObject({ version: 5, fy: 2012, kind: 'test_sale' })

    const before = await snapshotTables(t.database.db)
    const stale = await patch(created.id, { version: 4, titleJa: '古い' })
    expect(stale.statusCode).toBe(409)
    expect(fieldsOf(stale)).toEqual(['body.version'])
    const staleAndBad = await patch(created.id, { version: 1, restsOn: [999999] })
    expect(staleAndBad.statusCode).toBe(409)
    expect(await snapshotTables(t.database.db)).toEqual(before)

    expect((await patch(999999, { version: 1, titleJa: 'x' })).statusCode).toBe(404)
    expect((await remove(created.id)).statusCode).toBe(204)
    expect((await t.app.inject(`/api/outcomes/${created.id}`)).statusCode).toBe(404)
    expect((await remove(created.id)).statusCode).toBe(404)
  })

  it('answers 422 for every broken rule, naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const expect422 = async (
      body: Record<string, unknown>,
      problems: { field: string; message: string }[],
    ) => {
      const response = await post(draft(body))
      expect(response.statusCode, JSON.stringify(body)).toBe(422)
      expect(problemsOf(response)).toMatchObject(problems)
    }
    await expect422({ occurredOn: '2017-02-01', fy: 2017 }, [
      { field: 'body.fy', message: 'is FY2017, but 2017-02-01 falls in FY2016' },
    ])
    await expect422({ occurredOn: '2017-02-01', fy: null }, [
      { field: 'body.fy', message: 'is empty, but 2017-02-01 falls in FY2016' },
    ])
    await expect422({ occurredOn: '1979-12-31' }, [
      { field: 'body.occurredOn', message: '1979-12-31 is before 1980' },
    ])
    const future = isoDaysFromToday(400)
    await expect422({ occurredOn: future }, [
      { field: 'body.occurredOn', message: `${future} is more than a year from today` },
    ])
    const farFy = fiscalYearOf(new Date()) + 2
    await expect422({ fy: farFy }, [
      { field: 'body.fy', message: `FY${farFy} is more than a year from today` },
    ])
    await expect422({ datePrecision: 'month' }, [
      { field: 'body.datePrecision', message: 'needs a date (occurredOn) to be the precision of' },
    ])
    await expect422({ projectId: 999999 }, [
      { field: 'body.projectId', message: 'project 999999 does not exist' },
    ])
    const peanut = idOf(finding, 'brochure-2018/denroku/peanut-germ')
    await expect422({ restsOn: [peanut, 999999, peanut] }, [
      { field: 'body.restsOn.1', message: 'finding 999999 does not exist' },
      { field: 'body.restsOn.2', message: `finding ${peanut} is listed twice` },
    ])

    const chocolate = idOf(outcome, 'brochure-2018/denroku/peanut-germ-chocolate')
    const disagreeing = await patch(chocolate, { version: 1, fy: 2016 })
    expect(disagreeing.statusCode).toBe(422)
    expect(problemsOf(disagreeing)).toMatchObject([
      { field: 'body.fy', message: 'is FY2016, but 2016-02-01 falls in FY2015' },
    ])
    const unprecise = await patch(chocolate, { version: 1, datePrecision: null })
    expect(problemsOf(unprecise)).toMatchObject([
      { field: 'body.datePrecision', message: 'is required with a date (2016-02-01): day or month' },
    ])
    const several = await patch(chocolate, {
      version: 1,
      projectId: 999999,
      occurredOn: '1900-01-01',
      restsOn: [0],
    })
    expect(several.statusCode).toBe(400)
    const many = await patch(chocolate, {
      version: 1,
      projectId: 999999,
      occurredOn: '1900-01-01',
      restsOn: [999998],
    })
    expect(many.statusCode).toBe(422)
    expect(fieldsOf(many)).toEqual(['body.occurredOn', 'body.projectId', 'body.restsOn.0'])
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('refuses malformed input with 400 naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await post({
      projectId: -1,
      kind: 'bribe',
      titleJa: '',
      fy: 1800,
      occurredOn: '2017-02-30',
      datePrecision: 'year',
      restsOn: ['a'],
      price: 100,
    })
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'body.projectId',
        'body.kind',
        'body.titleJa',
        'body.fy',
        'body.occurredOn',
        'body.datePrecision',
        'body.restsOn.0',
        'body.price',
      ]),
    )
    expect(fieldsOf(await post({ titleJa: 'x' }))).toEqual(
      expect.arrayContaining(['body.projectId', 'body.kind']),
    )
    expect((await patch(idOf(outcome, 'brochure-2018/tohoku-ham/nobile'), { version: 1 })).statusCode).toBe(
      400,
    )
    expect(JSON.stringify(response.json())).not.toMatch(/select|insert|node_modules/i)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })
})

describe('GET /api/outcomes.csv', () => {
  it('exports the filtered list, all pages, with the findings each rests on', async () => {
    const response = await t.app.inject(`/api/outcomes.csv?${SALES}&fyFrom=2016&limit=1&sort=id`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.body.startsWith('\uFEFFid,kind,fy,occurred_on,title_ja')).toBe(true)
    const lines = response.body.trim().split('\r\n')
    expect(lines).toHaveLength(1 + 3)
    const aging = idOf(finding, 'brochure-2018/tohoku-ham-fy2016/aging')
    const taste = idOf(finding, 'brochure-2018/tohoku-ham-fy2013/taste')
    expect(lines[3]).toContain(`${Math.min(aging, taste)} ${Math.max(aging, taste)}`)
  })
})
