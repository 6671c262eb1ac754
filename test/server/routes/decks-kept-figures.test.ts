import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deck } from '../../../server/schemas/decks.ts'
import { NAMED_METABOLITE_RESULTS } from '../../../server/schemas/findings.ts'
import { NAMED_EVENTS, NAMED_PRODUCTS_PER_FY } from '../../../server/schemas/stats.ts'
import { createTestApp } from '../../helpers/app.ts'
import { insertFinding, insertOrganization, insertProject } from '../../helpers/records.ts'

// A deck frozen before the stats answers were bounded keeps every product and event, without `moreCount` or
// the attendance per city; one frozen before the project page was bounded keeps every metabolite result of a
// finding, without `metaboliteCount`: it still opens, in today's shape, with its figures unchanged.

let t: Awaited<ReturnType<typeof createTestApp>>
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const product = (i: number) => ({
  id: 100 + i,
  kind: 'product',
  title: { ja: `商品${i}`, en: null },
  company: null,
  projectId: 7,
  date: `2016-05-${String(1 + i).padStart(2, '0')}`,
})
const event = (i: number) => ({
  id: 200 + i,
  date: null,
  fy: 2015 + (i % 2),
  kind: 'seminar',
  title: { ja: `セミナー${i}`, en: null },
  city: i % 3 === 0 ? null : '鶴岡市',
  attendance: i % 4 === 0 ? null : 10 * i,
})

describe('a deck frozen in the old shape', () => {
  it('opens with the names bounded and the counts of the rest', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/decks',
      body: { name: '昔の資料', slides: [{ kind: 'products' }, { kind: 'attendance' }] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const { id } = created.json() as Deck
    const frozen = await t.app.inject({
      method: 'POST',
      url: `/api/decks/${id}/freeze`,
      body: { version: 1 },
    })
    const figures = (frozen.json() as Deck).snapshot
    if (!figures) throw new Error('no snapshot')

    const products = Array.from({ length: NAMED_PRODUCTS_PER_FY + 3 }, (_, i) => product(i))
    const events = Array.from({ length: NAMED_EVENTS + 6 }, (_, i) => event(i))
    const old = {
      ...figures,
      products: {
        years: [
          { fy: 2016, count: products.length + 1, cumulative: products.length + 1, products, hiddenCount: 1 },
        ],
      },
      attendance: {
        events,
        years: [2015, 2016].map((fy) => {
          const inFy = events.filter((e) => e.fy === fy)
          return { fy, events: inFy.length, attendance: inFy.reduce((n, e) => n + (e.attendance ?? 0), 0) }
        }),
      },
    }
    await t.database.db
      .updateTable('decks')
      .set({ snapshot: JSON.stringify(old) })
      .where('id', '=', id)
      .execute()

    const response = await t.anonymous.inject(`/api/decks/${id}`)
    expect(response.statusCode, response.body).toBe(200)
    const kept = (response.json() as Deck).snapshot
    expect(kept?.products.years).toEqual([
      {
        fy: 2016,
        count: products.length + 1,
        cumulative: products.length + 1,
        products: products.slice(0, NAMED_PRODUCTS_PER_FY),
        moreCount: 3,
        hiddenCount: 1,
      },
    ])
    expect(kept?.attendance.events).toEqual(events.slice(-NAMED_EVENTS))
    expect(kept?.attendance.moreCount).toBe(6)
    expect(kept?.attendance.years).toEqual(old.attendance.years)
    const inTsuruoka = events.filter((e) => e.city === '鶴岡市')
    const unknown = events.filter((e) => e.city === null)
    const sum = (rows: typeof events) => rows.reduce((n, e) => n + (e.attendance ?? 0), 0)
    const reported = (rows: typeof events) => rows.filter((e) => e.attendance !== null).length
    expect(kept?.attendance.cities).toEqual([
      {
        city: '鶴岡市',
        events: inTsuruoka.length,
        attendance: sum(inTsuruoka),
        reported: reported(inTsuruoka),
      },
      { city: null, events: unknown.length, attendance: sum(unknown), reported: reported(unknown) },
    ])
    expect(kept?.overview).toEqual(figures.overview)
  })

  it('names the most significant metabolite results of a finding, and counts them all', async () => {
    const db = t.database.db
    const lead = await insertOrganization(db, 'company', '昔の資料社')
    const projectId = await insertProject(db, { visibility: 'public', leadOrgId: lead })
    await insertFinding(db, { projectId, visibility: 'public', metabolite: 'GABA' })
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/decks',
      body: { name: '昔の発表', slides: [{ kind: 'project', projectId }] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const { id } = created.json() as Deck
    const frozen = await t.app.inject({
      method: 'POST',
      url: `/api/decks/${id}/freeze`,
      body: { version: 1 },
    })
    const figures = (frozen.json() as Deck).snapshot
    const [project] = figures?.projects ?? []
    const [finding] = project?.findings ?? []
    if (!figures || !project || !finding) throw new Error('no project in the snapshot')

    // Every result in id order, as the project page answered then; the last ones the most significant.
    const count = NAMED_METABOLITE_RESULTS + 5
    const results = Array.from({ length: count }, (_, i) => ({
      id: 1000 + i,
      name: `Compound ${i}`,
      hmdbId: null,
      keggId: null,
      chebiId: null,
      pubchemCid: null,
      inchikey: null,
      direction: null,
      foldChange: null,
      pValue: i < 10 ? null : 1 / i,
    }))
    const { metaboliteCount: _, ...oldFinding } = { ...finding, metaboliteResults: results }
    const old = { ...figures, projects: [{ ...project, findings: [oldFinding] }] }
    await db
      .updateTable('decks')
      .set({ snapshot: JSON.stringify(old) })
      .where('id', '=', id)
      .execute()

    const response = await t.anonymous.inject(`/api/decks/${id}`)
    expect(response.statusCode, response.body).toBe(200)
    const [kept] = (response.json() as Deck).snapshot?.projects[0]?.findings ?? []
    expect(kept?.metaboliteCount).toBe(count)
    expect(kept?.metaboliteResults.map((m) => m.id)).toEqual(
      [...results]
        .reverse()
        .filter((m) => m.pValue !== null)
        .concat(results.filter((m) => m.pValue === null))
        .slice(0, NAMED_METABOLITE_RESULTS)
        .map((m) => m.id),
    )
  })
})
