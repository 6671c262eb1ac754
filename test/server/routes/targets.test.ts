import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KPI_METRICS } from '../../../db/tables/targets.ts'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

interface Target {
  id: number
  metric: string
  fy: number
  target: number
  version: number
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/targets?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Target[]; total: number }
}
const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/targets', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/targets/${id}`, body })
const remove = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/targets/${id}` })
const fieldsOf = (response: { json: () => { errors?: { field: string }[] } }) => [
  ...new Set((response.json().errors ?? []).map((e) => e.field)),
]

/** Creates targets and removes them again after `work`, so each test owns its rows. */
async function withTargets(
  rows: { metric: string; fy: number; target: number }[],
  work: (ids: number[]) => Promise<void>,
) {
  const ids: number[] = []
  try {
    for (const row of rows) {
      const response = await post(row)
      expect(response.statusCode, response.body).toBe(201)
      ids.push(response.json().id)
    }
    await work(ids)
  } finally {
    for (const id of ids) await remove(id)
  }
}

describe('GET /api/targets', () => {
  it('starts empty: the brochure sets no targets', async () => {
    expect(await list('')).toEqual({ items: [], total: 0 })
  })

  it('filters by metric and fiscal years, pages and sorts', async () => {
    const rows = [2014, 2015, 2016, 2017].flatMap((fy) => [
      { metric: 'adoptions', fy, target: 8 + fy - 2014 },
      { metric: 'attendance', fy, target: 150 },
    ])
    await withTargets(rows, async () => {
      expect((await list('')).total).toBe(8)
      const adoptions = await list('metric=adoptions&fyFrom=2015&fyTo=2016&sort=-fy')
      expect(adoptions.items.map((r) => [r.fy, r.target])).toEqual([
        [2016, 10],
        [2015, 9],
      ])
      expect((await list('metric=adoptions&metric=attendance&fyFrom=2017')).total).toBe(2)
      const all = await list('sort=id')
      const page = await list('sort=id&limit=3&offset=3')
      expect(page.total).toBe(8)
      expect(page.items.map((r) => r.id)).toEqual(all.items.slice(3, 6).map((r) => r.id))
      const byTarget = (await list('sort=-target&limit=1')).items[0]
      expect(byTarget).toMatchObject({ metric: 'attendance', target: 150 })
    })
  })

  it('refuses an unknown metric, sort or filter, naming each field', async () => {
    const response = await t.app.inject('/api/targets?metric=revenue&sort=secret&fyTo=3000&color=red')
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'querystring.metric.0',
        'querystring.sort',
        'querystring.fyTo',
        'querystring.color',
      ]),
    )
  })
})

describe('the metrics are the ones the overview reads', () => {
  it('shows each target in its KPI of the overview for that fiscal year', async () => {
    const rows = KPI_METRICS.map((metric, i) => ({ metric, fy: 2016, target: 100 + i }))
    await withTargets(rows, async () => {
      const overview = (await t.app.inject('/api/stats/overview?fyTo=2016')).json()
      expect(overview.latestFy).toBe(2016)
      const { kpis } = overview
      expect([
        kpis.adoptions.target,
        kpis.products.target,
        kpis.attendance.target,
        kpis.events.target,
        kpis.activeProjects.target,
        kpis.partnerInstitutions.target,
        kpis.grantsYen.target,
      ]).toEqual(rows.map((r) => r.target))
      expect((await t.app.inject('/api/stats/overview?fyTo=2015')).json().kpis.adoptions.target).toBeNull()
    })
  })
})

describe('writes', () => {
  it('creates, reads, updates with the version read, refuses a stale version, and deletes', async () => {
    const created = await post({ metric: 'products', fy: 2018, target: 3 })
    expect(created.statusCode).toBe(201)
    const target = created.json()
    expect(target).toMatchObject({ metric: 'products', fy: 2018, target: 3, version: 1 })
    expect(target.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect((await t.app.inject(`/api/targets/${target.id}`)).json()).toEqual(target)

    const updated = await patch(target.id, { version: 1, target: 4.5 })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ target: 4.5, version: 2 })
    const moved = await patch(target.id, { version: 2, fy: 2019, metric: 'events' })
    expect(moved.json()).toMatchObject({ metric: 'events', fy: 2019, version: 3 })

    const before = await snapshotTables(t.database.db)
    const stale = await patch(target.id, { version: 1, target: 10 })
    expect(stale.statusCode).toBe(409)
    expect(fieldsOf(stale)).toEqual(['body.version'])
    expect(await snapshotTables(t.database.db)).toEqual(before)

    expect((await remove(target.id)).statusCode).toBe(204)
    expect((await t.app.inject(`/api/targets/${target.id}`)).statusCode).toBe(404)
    expect((await remove(target.id)).statusCode).toBe(404)
    expect((await patch(target.id, { version: 3, target: 1 })).statusCode).toBe(404)
  })

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    await withTargets([{ metric: 'adoptions', fy: 2016, target: 10 }], async ([id]) => {
      const before = await snapshotTables(t.database.db)
      const response = await post({ metric: 'revenue', fy: 1900, target: -1, extra: true })
      expect(response.statusCode).toBe(400)
      expect(fieldsOf(response)).toEqual(
        expect.arrayContaining(['body.metric', 'body.fy', 'body.target', 'body.extra']),
      )
      expect(fieldsOf(await post({ metric: 'adoptions', fy: 2016 }))).toEqual(['body.target'])
      expect(fieldsOf(await post({ metric: 'adoptions', fy: 2016, target: '10' }))).toEqual(['body.target'])
      expect((await patch(id as number, { version: 1 })).statusCode).toBe(400)
      expect((await patch(id as number, { target: 3 })).statusCode).toBe(400)
      expect(fieldsOf(await patch(id as number, { version: 1, target: -3 }))).toEqual(['body.target'])
      expect(await snapshotTables(t.database.db)).toEqual(before)
    })
  })

  it('answers 409 for a second target of a metric and fiscal year, and changes nothing', async () => {
    await withTargets(
      [
        { metric: 'adoptions', fy: 2016, target: 10 },
        { metric: 'adoptions', fy: 2017, target: 10 },
        { metric: 'products', fy: 2016, target: 2 },
      ],
      async ([, fy2017, products]) => {
        const before = await snapshotTables(t.database.db)
        const duplicate = await post({ metric: 'adoptions', fy: 2016, target: 12 })
        expect(duplicate.statusCode).toBe(409)
        expect(fieldsOf(duplicate)).toEqual(['body.fy'])
        const ontoFy = await patch(fy2017 as number, { version: 1, fy: 2016 })
        expect(ontoFy.statusCode).toBe(409)
        expect(fieldsOf(ontoFy)).toEqual(['body.fy'])
        const ontoMetric = await patch(products as number, { version: 1, metric: 'adoptions' })
        expect(ontoMetric.statusCode).toBe(409)
        expect(fieldsOf(ontoMetric)).toEqual(['body.metric'])
        expect(await snapshotTables(t.database.db)).toEqual(before)
      },
    )
  })
})

describe('GET /api/targets.csv', () => {
  it('exports the filtered list as UTF-8 CSV with a BOM, all pages', async () => {
    const rows = [2015, 2016, 2017].map((fy) => ({ metric: 'grants_yen', fy, target: 12_500_000 }))
    await withTargets(rows, async () => {
      const response = await t.app.inject('/api/targets.csv?metric=grants_yen&limit=1&sort=fy')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toContain('targets.csv')
      expect(response.body.startsWith('\uFEFFid,metric,fy,target\r\n')).toBe(true)
      const lines = response.body.trim().split('\r\n')
      expect(lines.slice(1).map((l) => l.split(',').slice(1).join(','))).toEqual([
        'grants_yen,2015,12500000',
        'grants_yen,2016,12500000',
        'grants_yen,2017,12500000',
      ])
    })
  })
})
