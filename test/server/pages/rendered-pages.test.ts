import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenderedPayload } from '../../../client/ssr/rendered-state.ts'
import { createTestApp, type TestApp } from '../../helpers/app.ts'
import { insertOrganization, insertOutcome, insertProject } from '../../helpers/records.ts'

// The overview rendered on the server (server/pages/rendered-pages.ts, with the build of client/entry-server.ts
// that the global setup makes): the page arrives with its figures, its charts' images and the data the
// browser takes it over with, each visitor's as the API would answer them, and kept like the API's answers.

let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

async function page(path: string, options: { cookie?: string; locale?: string } = {}) {
  const cookies = [options.cookie, options.locale && `locale=${options.locale}`].filter(Boolean)
  const response = await t.anonymous.inject({
    url: path,
    headers: { accept: 'text/html', ...(cookies.length ? { cookie: cookies.join('; ') } : {}) },
  })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/html/)
  return { html: response.body, headers: response.headers }
}

const payloadOf = (html: string): RenderedPayload => {
  const json = /<script type="application\/json" id="rendered-state">(.*?)<\/script>/s.exec(html)?.[1]
  if (!json) throw new Error('the page carries no rendered state')
  return JSON.parse(json) as RenderedPayload
}
const kpi = (html: string, name: string) =>
  new RegExp(`data-kpi="${name}".*?<data class="kpi-value" value="(\\d+)"`, 's').exec(html)?.[1]

describe('GET / (the overview, rendered on the server)', () => {
  it('arrives with its figures, its charts and its data, in Japanese by default', async () => {
    const { html, headers } = await page('/')
    expect(html).toContain('<html lang="ja">')
    expect(html).toContain('<title>概要 | バイオクラスター成果ダッシュボード</title>')
    expect(html).toContain('<h1>概要</h1>')
    // The brochure's figures: 総採択件数 50件, five products, 1,204 seminar attendees.
    expect([kpi(html, 'adoptions'), kpi(html, 'products'), kpi(html, 'attendance')]).toEqual([
      '50',
      '5',
      '1204',
    ])
    // Each chart as the server draws it, at its box's size in the layout, and drawn for a phone too.
    for (const [chart, size] of [
      ['adoptions', 'height=340&amp;locale=ja&amp;width=1222'],
      ['products', 'height=320&amp;locale=ja&amp;width=586'],
      ['attendance-years', 'height=320&amp;locale=ja&amp;width=586'],
      ['attendance-events', 'height=340&amp;locale=ja&amp;width=1222'],
    ]) {
      expect(html).toContain(`src="/api/stats/charts/${chart}?${size}"`)
      expect(html).toContain(`srcset="/api/stats/charts/${chart}?height=300&amp;locale=ja&amp;width=324"`)
    }
    // The screen readers' tables of every chart are in it too: the figures are there without any script.
    expect(html.match(/<table class="data-table">/g)).toHaveLength(4)
    // The data the browser takes over with: the five answers the page was rendered from, each once.
    const payload = payloadOf(html)
    expect(payload.locale).toBe('ja')
    expect(payload.values).toHaveLength(5)
    // The page's own code named in it, so that the browser fetches it with the rest.
    expect(html).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/OverviewPage-[\w-]+\.js">/)
    expect(headers['cache-control']).toBe('private, no-cache')
  })

  it('renders in the language the reader chose (the dashboard sets a cookie)', async () => {
    const { html } = await page('/?fyFrom=2016&fyTo=2016', { locale: 'en' })
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Overview</h1>')
    expect(kpi(html, 'adoptions')).toBe('10')
    expect(html).toContain(
      'src="/api/stats/charts/adoptions?fyFrom=2016&amp;fyTo=2016&amp;height=340&amp;locale=en',
    )
    expect(payloadOf(html).locale).toBe('en')
    // An unknown choice is no choice.
    expect((await page('/', { locale: 'xx' })).html).toContain('<html lang="ja">')
  })

  it('shows each viewer what the API shows them, and never one viewer’s page to another', async () => {
    const company = await insertOrganization(t.database.db)
    const project = await insertProject(t.database.db, { leadOrgId: company, visibility: 'public' })
    const outcome = await insertOutcome(t.database.db, {
      projectId: project,
      titleJa: '未発表の試作品ジャム',
      fy: 2016,
      visibility: 'confidential',
    })
    const manager = await t.as('manager')
    const managerPage = (await page('/', { cookie: manager.cookie })).html
    expect(managerPage).toContain('未発表の試作品ジャム')
    // Kept for the manager's class now; the anonymous visitor gets a page of their own.
    for (let visit = 0; visit < 2; visit++) {
      const { html } = await page('/')
      expect(html).not.toContain('未発表の試作品ジャム')
      expect(kpi(html, 'products')).toBe(kpi(managerPage, 'products')) // counted, not named
    }
    // And the manager's own page says nothing of who they are: the browser learns its session itself.
    expect(managerPage).not.toContain(manager.user?.email)

    // The brochure's records as they were, for the other tests.
    await t.database.db.deleteFrom('outcomes').where('id', '=', outcome).execute()
    await t.database.db.deleteFrom('projects').where('id', '=', project).execute()
  })

  it('shows a write in the next page, though pages are kept', async () => {
    const before = kpi((await page('/')).html, 'attendance')
    const { statusCode, body } = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      payload: {
        kind: 'seminar',
        titleJa: '追加のセミナー',
        heldOn: '2017-02-01',
        city: '山形市',
        attendance: 40,
      },
    })
    expect(statusCode, body).toBe(201)
    expect(kpi((await page('/')).html, 'attendance')).toBe(String(Number(before) + 40))
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/events/${JSON.parse(body).id}` })
    expect(removed.statusCode, removed.body).toBe(204)
    expect(kpi((await page('/')).html, 'attendance')).toBe(before)
  })

  it('serves the other pages for the browser to draw, and a bad filter as no filter', async () => {
    const { html } = await page('/projects?field=food')
    expect(html).not.toContain('rendered-state')
    expect(html).toContain('<div id="app"><!--app-html--></div>')
    const lenient = await page('/?fyFrom=abc&field=nonsense')
    expect(kpi(lenient.html, 'adoptions')).toBe('50')
  })
})
