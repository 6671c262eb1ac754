import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Visibility } from '../../../db/tables/common.ts'
import type { OutcomeKind } from '../../../db/tables/outcomes.ts'
import { buildApp } from '../../../server/app.ts'
import {
  type AttendanceStats,
  NAMED_EVENTS,
  NAMED_PRODUCTS,
  NAMED_PRODUCTS_LEAST_PER_FY,
  NAMED_PRODUCTS_PER_FY,
  type ProductStats,
} from '../../../server/schemas/stats.ts'
import { createTestApp } from '../../helpers/app.ts'
import { insertOrganization, insertProject } from '../../helpers/records.ts'

// More products in a fiscal year than a chart names, and more events than it lists: the answers name a
// bounded number and still count every record. The expectations are worked out here from the rows inserted.

let t: Awaited<ReturnType<typeof createTestApp>>

interface Launch {
  id: number
  fy: number
  date: string | null
  visibility: Visibility
}
interface Held {
  id: number
  fy: number
  date: string | null
  city: string | null
  attendance: number | null
}
const launches: Launch[] = []
const events: Held[] = []

/**
 * FY2020 holds more public products than a year names, undated ones, a test sale and two hidden ones; FY2019 to
 * FY2021 is a short range, where a year names the most. FY1995 makes the whole range a long one.
 */
const PUBLIC_2020 = NAMED_PRODUCTS_PER_FY + 5
const RECENT = [2019, 2020, 2021]
const LONG = Array.from({ length: 2021 - 1995 + 1 }, (_, i) => 1995 + i)
const EVENTS = NAMED_EVENTS + 40
const CITIES = ['鶴岡市', '山形市', null] as const
const FEW_IN_2020 = NAMED_EVENTS / 2

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const company = await insertOrganization(db, 'company', '多産食品㈱')
  const projectId = await insertProject(db, { visibility: 'public', leadOrgId: company })
  const launch = async (
    fy: number,
    date: string | null,
    visibility: Visibility,
    kind: OutcomeKind = 'product',
  ) => {
    const { id } = await db
      .insertInto('outcomes')
      .values({
        projectId,
        kind,
        titleJa: `商品 ${launches.length + 1}`,
        fy,
        occurredOn: date,
        datePrecision: date === null ? null : 'day',
        visibility,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (kind !== 'award') launches.push({ id, fy, date, visibility })
  }
  // Inserted out of date order, so that the ids do not give the launch order.
  for (let i = 0; i < PUBLIC_2020; i++) {
    const day = (i * 7) % PUBLIC_2020
    await launch(
      2020,
      i % 6 === 5 ? null : `2020-${String(4 + (day % 9)).padStart(2, '0')}-${10 + (day % 9)}`,
      'public',
    )
  }
  await launch(2020, '2020-05-01', 'public', 'test_sale')
  await launch(2020, '2020-04-01', 'program')
  await launch(2020, '2020-04-02', 'confidential')
  await launch(2020, '2020-04-03', 'public', 'award')
  await launch(2019, '2019-06-01', 'public')
  await launch(2019, null, 'public')
  for (let i = 0; i < 3; i++) await launch(2021, '2021-07-01', 'program')
  for (let i = 0; i < 3; i++) await launch(1995, null, 'public')

  for (let i = 0; i < EVENTS; i++) {
    // FY2020 holds fewer events than the answer lists, FY2018 and FY2019 more.
    const fy = i < FEW_IN_2020 ? 2020 : 2018 + (i % 2)
    const date =
      i % 5 === 0
        ? null
        : `${fy}-${String(4 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`
    const row = {
      fy,
      date,
      city: CITIES[i % CITIES.length] ?? null,
      attendance: i % 7 === 0 ? null : 20 + ((i * 13) % 90),
    }
    const { id } = await db
      .insertInto('events')
      .values({
        kind: 'seminar',
        titleJa: `セミナー ${i}`,
        fy,
        heldOn: date,
        datePrecision: date === null ? null : 'day',
        city: row.city,
        attendance: row.attendance,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    events.push({ id, ...row })
  }
})
afterAll(() => t.close())

const inLaunchOrder = (a: Launch, b: Launch) =>
  (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id - b.id
const inOrderHeld = (a: Held, b: Held) =>
  a.fy - b.fy || (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id - b.id

/**
 * What the products answer must say, from the rows inserted, over the fiscal years `fys`, for a viewer who sees
 * `seen` launches, when a year names `perFy`.
 */
function expectedProducts(fys: number[], perFy: number, seen: (launch: Launch) => boolean) {
  let cumulative = 0
  return fys.map((fy) => {
    const all = launches.filter((l) => l.fy === fy)
    const visible = all.filter(seen).sort(inLaunchOrder)
    cumulative += all.length
    return {
      fy,
      count: all.length,
      cumulative,
      named: visible.slice(0, perFy).map((l) => l.id),
      moreCount: Math.max(0, visible.length - perFy),
      hiddenCount: all.length - visible.length,
    }
  })
}
const summary = (body: ProductStats) =>
  body.years.map(({ products, ...year }) => ({ ...year, named: products.map((p) => p.id) }))

describe('GET /api/stats/products past the names a chart shows', () => {
  const isPublic = (l: Launch) => l.visibility === 'public'

  it('names the first products of each FY by launch date, and counts the rest', async () => {
    const response = await t.anonymous.inject('/api/stats/products?fyFrom=2019')
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json() as ProductStats
    // Three years: a year names the most it may.
    expect(NAMED_PRODUCTS / RECENT.length).toBeGreaterThan(NAMED_PRODUCTS_PER_FY)
    expect(summary(body)).toEqual(expectedProducts(RECENT, NAMED_PRODUCTS_PER_FY, isPublic))
    const fy2020 = body.years.find((y) => y.fy === 2020)
    expect(fy2020?.products).toHaveLength(NAMED_PRODUCTS_PER_FY)
    expect(fy2020?.moreCount).toBeGreaterThan(0)
    expect(fy2020?.hiddenCount).toBe(2)
    // A year whose products are all hidden counts them and names none.
    expect(body.years.find((y) => y.fy === 2021)).toMatchObject({
      count: 3,
      products: [],
      moreCount: 0,
      hiddenCount: 3,
    })
  })

  it('names for each viewer from what that viewer may see', async () => {
    const body = (await t.app.inject('/api/stats/products?fyFrom=2019')).json() as ProductStats
    expect(summary(body)).toEqual(expectedProducts(RECENT, NAMED_PRODUCTS_PER_FY, () => true))
    expect(body.years.find((y) => y.fy === 2021)).toMatchObject({
      products: expect.any(Array),
      moreCount: 0,
      hiddenCount: 0,
    })
    expect(body.years.find((y) => y.fy === 2021)?.products).toHaveLength(3)
  })

  it('keeps the FY filter: one year, its counts and its names', async () => {
    const body = (
      await t.anonymous.inject('/api/stats/products?fyFrom=2020&fyTo=2020')
    ).json() as ProductStats
    const fy2020 = expectedProducts([2020], NAMED_PRODUCTS_PER_FY, isPublic)
    expect(summary(body)).toEqual(fy2020)
  })

  it('names fewer a year over a long range, so that the answer stays small', async () => {
    const body = (await t.anonymous.inject('/api/stats/products')).json() as ProductStats
    // 27 years: 48 names would be fewer than the least a year names.
    expect(NAMED_PRODUCTS / LONG.length).toBeLessThan(NAMED_PRODUCTS_LEAST_PER_FY)
    expect(summary(body)).toEqual(expectedProducts(LONG, NAMED_PRODUCTS_LEAST_PER_FY, isPublic))
    expect(body.years.find((y) => y.fy === 2020)?.moreCount).toBe(
      PUBLIC_2020 + 1 - NAMED_PRODUCTS_LEAST_PER_FY,
    )
  })
})

describe('GET /api/stats/attendance past the events a chart shows', () => {
  const sum = (rows: Held[]) => rows.reduce((total, e) => total + (e.attendance ?? 0), 0)

  it('lists the latest events in the order held, and sums every event per FY and per city', async () => {
    const response = await t.anonymous.inject('/api/stats/attendance')
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json() as AttendanceStats
    const held = [...events].sort(inOrderHeld)
    expect(body.events.map((e) => e.id)).toEqual(held.slice(-NAMED_EVENTS).map((e) => e.id))
    expect(body.moreCount).toBe(EVENTS - NAMED_EVENTS)
    expect(body.years).toEqual(
      [2018, 2019, 2020].map((fy) => {
        const inFy = events.filter((e) => e.fy === fy)
        return { fy, events: inFy.length, attendance: sum(inFy) }
      }),
    )
    expect(body.cities).toEqual(
      ['山形市', '鶴岡市', null].map((city) => {
        const there = events.filter((e) => e.city === city)
        const reported = there.filter((e) => e.attendance !== null).length
        return { city, events: there.length, attendance: sum(there), reported }
      }),
    )
  })

  it('bounds the range: the latest events of it, every one when fewer than the list holds', async () => {
    for (const fy of [2019, 2020]) {
      const body = (
        await t.anonymous.inject(`/api/stats/attendance?fyFrom=${fy}&fyTo=${fy}`)
      ).json() as AttendanceStats
      const inFy = events.filter((e) => e.fy === fy).sort(inOrderHeld)
      expect(body.events.map((e) => e.id)).toEqual(inFy.slice(-NAMED_EVENTS).map((e) => e.id))
      expect(body.moreCount).toBe(Math.max(0, inFy.length - NAMED_EVENTS))
      expect(body.cities.reduce((n, c) => n + c.events, 0)).toBe(inFy.length)
    }
    expect(events.filter((e) => e.fy === 2020).length).toBeLessThan(NAMED_EVENTS)
    expect(events.filter((e) => e.fy === 2019).length).toBeGreaterThan(NAMED_EVENTS)
  })
})

describe('GET /api/events by FY, the seminars page’s list', () => {
  it('lists the events of a year in the order held, those without a date last', async () => {
    const response = await t.anonymous.inject('/api/events?sort=fy&fyFrom=2018&fyTo=2019&limit=200')
    expect(response.statusCode, response.body).toBe(200)
    const held = events.filter((e) => e.fy <= 2019).sort(inOrderHeld)
    expect(response.json().items.map((e: { id: number }) => e.id)).toEqual(held.map((e) => e.id))
  })
})

describe('queries per request', () => {
  let queries = 0
  const counter: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs) => args.node,
    async transformResult(args: PluginTransformResultArgs) {
      queries++
      return args.result
    },
  }

  it('answers products and attendance in one query each, however many records there are', async () => {
    const app = await buildApp({ db: t.database.db.withPlugin(counter) })
    await app.ready()
    try {
      for (const path of ['/api/stats/products', '/api/stats/attendance']) {
        queries = 0
        const response = await app.inject(path)
        expect(response.statusCode, response.body).toBe(200)
        // One read of the data version for the response cache, then the answer's own.
        expect(queries, path).toBe(2)
      }
    } finally {
      await app.close()
    }
  })
})
