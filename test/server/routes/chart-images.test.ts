import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/app.ts'
import { insertOrganization, insertProject } from '../../helpers/records.ts'

// GET /api/stats/charts/:chart: the overview's charts drawn on the server as SVG (server/charts/chart-images.ts),
// on the brochure's dataset: adoptions in 平成24〜29年度 (5, 8, 9, 9, 10, 9).
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

const image = async (path: string, headers: Record<string, string> = {}) => {
  const response = await t.anonymous.inject({ method: 'GET', url: path, headers })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
  return response
}
const svgOf = async (path: string) => (await image(path)).body

/** The text an SVG shows, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])

describe('GET /api/stats/charts/:chart', () => {
  it('draws the adoptions chart with the dashboard’s Japanese labels, at the size asked for', async () => {
    const svg = await svgOf('/api/stats/charts/adoptions?width=700&height=340')
    expect(svg).toMatch(/^<svg width="700" height="340" /)
    const labels = texts(svg)
    for (const fy of ['平成24年度', '平成25年度', '平成26年度', '平成27年度', '平成28年度', '平成29年度'])
      expect(labels).toContain(fy)
    expect(labels).toContain('累計')
    // The running total's axis reaches the brochure's 50 adoptions.
    expect(labels).toContain('50')
    expect(labels).not.toContain('平成30年度')
  })

  it('draws in English when asked, and 800 × 400 by default', async () => {
    const svg = await svgOf('/api/stats/charts/adoptions?locale=en')
    expect(svg).toMatch(/^<svg width="800" height="400" /)
    const labels = texts(svg)
    expect(labels).toContain('Cumulative')
    expect(labels.some((label) => label?.startsWith('FY2012'))).toBe(true)
    expect(labels).not.toContain('累計')
  })

  it('takes the phone layout below 520 pixels, as the dashboard does', async () => {
    const narrow = texts(await svgOf('/api/stats/charts/adoptions?width=519&height=300'))
    expect(narrow).toContain('平成24')
    expect(narrow).not.toContain('平成24年度')
    expect(texts(await svgOf('/api/stats/charts/adoptions?width=520&height=300'))).toContain('平成24年度')
  })

  it('applies the dashboard filters', async () => {
    const labels = texts(await svgOf('/api/stats/charts/adoptions?fyFrom=2014&fyTo=2015'))
    expect(labels).toEqual(expect.arrayContaining(['平成26年度', '平成27年度']))
    expect(labels).not.toContain('平成24年度')
    expect(labels).not.toContain('平成28年度')
  })

  it('draws each of the overview’s charts', async () => {
    for (const chart of ['products', 'attendance-years', 'attendance-events']) {
      const svg = await svgOf(`/api/stats/charts/${chart}?width=600&height=320`)
      expect(svg, chart).toMatch(/^<svg width="600" height="320" /)
      expect(texts(svg).length, chart).toBeGreaterThan(5)
    }
    // The seminars' chart names the cities they were held in (brochure: 鶴岡市, 山形市, 米沢市, 新庄市).
    expect(texts(await svgOf('/api/stats/charts/attendance-events?width=900'))).toEqual(
      expect.arrayContaining(['鶴岡市', '米沢市']),
    )
  })

  it('is kept like the chart data: sent again as an image, gzipped, and drawn anew after a write', async () => {
    const path = '/api/stats/charts/adoptions?width=640&height=320'
    const first = await svgOf(path)
    const again = await image(path, { 'accept-encoding': 'gzip' })
    expect(again.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(again.rawPayload).toString()).toBe(first)

    const company = await insertOrganization(t.database.db, 'company')
    await insertProject(t.database.db, { leadOrgId: company, visibility: 'public', adoptedFy: 2018 })
    expect(texts(await svgOf(path))).toContain('平成30年度')
  })

  it('writes the records’ own words as text, never as markup', async () => {
    await t.database.db
      .insertInto('events')
      .values({
        kind: 'seminar',
        titleJa: 'マークアップのセミナー',
        fy: 2019,
        heldOn: '2019-06-01',
        datePrecision: 'day',
        city: '<script>alert(1)</script>&"市',
        attendance: 40,
      })
      .execute()
    const svg = await svgOf('/api/stats/charts/attendance-events?fyFrom=2019&width=900')
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;')
  })

  it('refuses what it cannot draw', async () => {
    for (const url of [
      '/api/stats/charts/funnel',
      '/api/stats/charts/adoptions?width=100',
      '/api/stats/charts/adoptions?height=99999',
      '/api/stats/charts/adoptions?locale=fr',
      '/api/stats/charts/adoptions?fyFrom=1800',
      '/api/stats/charts/adoptions?colour=red',
    ]) {
      const response = await t.anonymous.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(400)
      expect(response.json().statusCode, url).toBe(400)
    }
  })
})
