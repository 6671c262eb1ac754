import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { latestEventsNote } from '../../client/charts/attendance.ts'
import { productsTable, productsTarget, productsTooltip } from '../../client/charts/products.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { createAppI18n } from '../../client/i18n/index.ts'
import SeminarsPage from '../../client/pages/SeminarsPage.vue'
import { routes } from '../../client/router.ts'
import type { EventListItem } from '../../server/schemas/events.ts'
import { type AttendanceStats, NAMED_EVENTS, type ProductStats } from '../../server/schemas/stats.ts'
import { attendance, chartContext, products } from './fixtures.ts'

// The stats answers name a bounded number of products and events and count the rest: the screens say how many
// are left unnamed, and the seminars page lists every event a page at a time from the events list.

/** The brochure's products with 7 more launched in FY2016 than the API names. */
const manyProducts: ProductStats = {
  years: products.years.map((year) =>
    year.fy === 2016 ? { ...year, count: year.count + 7, moreCount: 7 } : year,
  ),
}

describe('products past those named', () => {
  it('says how many more the FY launched, in the tooltip and the table; the brochure names them all', () => {
    const tooltip = productsTooltip(manyProducts, chartContext('ja'))({ dataIndex: 2 })
    expect(tooltip).toContain('商品化件数: 9')
    expect(tooltip).toContain('<li>ほか7件</li>')
    expect(productsTable(manyProducts, chartContext('en'), {}).rows[2]?.cells[2]).toMatch(/, 7 more$/)
    expect(productsTooltip(products, chartContext('ja'))({ dataIndex: 2 })).not.toContain('ほか')
    expect(productsTable(products, chartContext('en'), {}).rows[2]?.cells[2]).not.toContain('more')
  })

  it('opens every outcome kind of a year whose products are not all named, so that none is left out', () => {
    expect(productsTarget(manyProducts, { seriesId: 'count', dataIndex: 2 }, {})?.query).toEqual({
      fyFrom: '2016',
      fyTo: '2016',
    })
    expect(productsTarget(manyProducts, { seriesId: 'count', dataIndex: 0 }, {})?.query.kind).toBe('product')
  })
})

const event = (id: number): EventListItem => ({
  id,
  ref: null,
  kind: 'seminar',
  titleJa: `セミナー${id}`,
  titleEn: null,
  fy: 2016 + (id % 2),
  heldOn: null,
  datePrecision: null,
  city: '鶴岡市',
  venue: null,
  attendance: 10 + id,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  projectIds: [],
})

/** 60 events: the answer names the latest few, sums all 60 per FY and per city (one without a count). */
const EVENTS = Array.from({ length: 60 }, (_, i) => event(i + 1))
const counted = EVENTS.filter((e) => e.id !== 60)
const sum = (rows: EventListItem[]) => rows.reduce((n, e) => n + (e.attendance ?? 0), 0)
const manyEvents: AttendanceStats = {
  events: counted.slice(-NAMED_EVENTS).map((e) => ({
    id: e.id,
    date: null,
    fy: e.fy,
    kind: e.kind,
    title: { ja: e.titleJa, en: null },
    city: e.city,
    attendance: e.attendance,
  })),
  moreCount: EVENTS.length - NAMED_EVENTS,
  years: [2016, 2017].map((fy) => {
    const inFy = counted.filter((e) => e.fy === fy)
    return { fy, events: EVENTS.filter((e) => e.fy === fy).length, attendance: sum(inFy) }
  }),
  cities: [{ city: '鶴岡市', events: EVENTS.length, attendance: sum(counted), reported: counted.length }],
}

describe('events past those named', () => {
  it('notes the latest events shown of how many, and nothing for the brochure', () => {
    expect(latestEventsNote(attendance, chartContext('ja'))).toBeUndefined()
    expect(latestEventsNote(manyEvents, chartContext('en'))).toBe(`The latest ${NAMED_EVENTS} of 60 events.`)
  })
})

describe('the seminars page at scale', () => {
  const requested: URL[] = []
  beforeEach(() => {
    resetSession()
    requested.length = 0
    vi.stubGlobal(
      'fetch',
      vi.fn(async (raw: string) => {
        const url = new URL(raw, 'http://localhost')
        requested.push(url)
        const offset = Number(url.searchParams.get('offset') ?? 0)
        const answers: Record<string, unknown> = {
          '/api/auth/session': { user: null, csrfToken: null, idleMinutes: 60 },
          '/api/stats/attendance': manyEvents,
          '/api/events': { items: EVENTS.slice(offset, offset + 50), total: EVENTS.length },
        }
        const body = answers[url.pathname]
        return body === undefined
          ? new Response(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'x' }), {
              status: 404,
            })
          : new Response(JSON.stringify(body), { status: 200 })
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const Echarts = defineComponent({ setup: () => () => h('div', { class: 'chart-stub' }) })
  async function mountAt(path: string) {
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push(path)
    const page = mount(SeminarsPage, {
      global: { plugins: [createAppI18n('ja'), router], stubs: { Echarts } },
    })
    await flushPromises()
    return page
  }
  const number = (page: Awaited<ReturnType<typeof mountAt>>, stat: string) =>
    page.find(`[data-stat=${stat}] data`).attributes('value')

  it('counts every event of the range, and lists them a page at a time with the total of the range', async () => {
    const page = await mountAt('/seminars')
    expect(number(page, 'events')).toBe('60')
    expect(number(page, 'attendance')).toBe(String(sum(counted)))
    expect(number(page, 'average')).toBe(String(Math.round(sum(counted) / counted.length)))
    expect(page.find('[data-chart=seminar-events] .panel-note').text()).toBe(
      `最新の${NAMED_EVENTS}件を表示しています（全60件）。`,
    )
    expect(page.findAll('[data-table=events] tbody tr')).toHaveLength(50)
    expect(page.find('[data-table=events] [data-total]').text()).toBe(sum(counted).toLocaleString('en'))
    expect(page.find('[data-page="2"]').attributes('href')).toBe('/seminars?page=2')
    const list = requested.find((url) => url.pathname === '/api/events')
    expect(Object.fromEntries(list?.searchParams ?? [])).toEqual({ sort: 'fy', limit: '50', offset: '0' })
  })

  it('opens the page the URL names', async () => {
    const page = await mountAt('/seminars?fyFrom=2016&page=2')
    expect(page.findAll('[data-table=events] tbody tr').map((row) => row.attributes('data-event'))).toEqual(
      EVENTS.slice(50).map((e) => String(e.id)),
    )
    const list = requested.find((url) => url.pathname === '/api/events')
    expect(list?.searchParams.get('offset')).toBe('50')
    expect(list?.searchParams.get('fyFrom')).toBe('2016')
  })
})
