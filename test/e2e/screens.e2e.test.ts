import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The Outcomes, Seminars, Institutions and Findings screens on the brochure dataset.

const SCREENSHOTS = 'test-results/screenshots'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(
  path: string,
  options: Parameters<typeof openPage>[1] & { prepare?: (page: Page) => Promise<unknown> } = {},
) {
  const watched = await openPage(browser, options)
  await options.prepare?.(watched.page)
  await watched.page.goto(`${server.url}${path}`)
  return watched
}

/** Waits until the named charts have settled and fails, naming each, unless all of them drew. */
async function chartsDrawn(page: Page, charts: string[]) {
  await page.waitForFunction(
    (names) =>
      names.every((name) =>
        document.querySelector(
          `[data-chart="${name}"]:is([data-state=drawn],[data-state=empty],[data-state=error])`,
        ),
      ),
    charts,
  )
  const states = await page.$$eval('[data-chart]', (elements) =>
    elements.map((e) => `${(e as HTMLElement).dataset.chart}: ${(e as HTMLElement).dataset.state}`),
  )
  expect(states).toEqual(charts.map((chart) => `${chart}: drawn`))
}

/** The bars drawn in a chart's SVG, one per category (stacked parts merged), left to right. */
const barsOf = (page: Page, chart: string) =>
  page.evaluate((name) => {
    const rect = /^M[\d.]+ [\d.]+l[\d.]+ 0l0 -[\d.]+/
    const boxes = [...document.querySelectorAll(`[data-chart=${name}] svg path`)]
      .filter(
        (p) =>
          rect.test(p.getAttribute('d') ?? '') && !['none', '#fff'].includes(p.getAttribute('fill') ?? ''),
      )
      .map((p) => p.getBoundingClientRect())
      .filter((box) => box.height > 0 && box.width < 200)
    return new Set(boxes.map((box) => Math.round(box.x))).size
  }, chart)

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents()
const trimmed = async (page: Page, selector: string) => (await texts(page, selector)).map((t) => t.trim())
const hrefs = (page: Page, selector: string) =>
  page.$$eval(selector, (links) => links.map((a) => a.getAttribute('href')))

async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  )
}

describe('outcomes', () => {
  const timelineFys = (page: Page) =>
    page.$$eval('.timeline [data-fy]', (years) => years.map((y) => Number((y as HTMLElement).dataset.fy)))
  const timelineTitles = (page: Page) => trimmed(page, '.timeline .outcome-title')

  it('shows the outcomes by FY, the undated ones apart, and narrows by kind in the URL', async () => {
    const { page, problems } = await open('/outcomes', { viewport: VIEWPORTS.desktop })
    await chartsDrawn(page, ['outcomes-timeline'])
    expect(await page.locator('h1').textContent()).toBe('成果')

    // The award (FY2013), then the launches and the test sale of FY2014–2017.
    expect(await timelineFys(page)).toEqual([2013, 2014, 2015, 2016, 2017])
    expect(await page.locator('.timeline [data-outcome]').count()).toBe(6)
    // The earlier program's outcomes have no year: listed apart, not dropped.
    expect(await page.locator('[data-section=undated] [data-outcome]').count()).toBe(9)
    expect(await page.locator('[data-count=undated]').textContent()).toContain('9件')

    await page.click('.kind-chips [data-kind=product]')
    await page.waitForURL((url) => url.search === '?kind=product')
    await page.click('.kind-chips [data-kind=test_sale]')
    await page.waitForURL((url) => url.search === '?kind=product&kind=test_sale')
    await expect.poll(() => page.locator('.timeline [data-outcome]').count()).toBe(5)
    expect(await timelineFys(page)).toEqual([2014, 2015, 2016, 2017])
    expect(await timelineTitles(page)).toEqual([
      'ベジスープあまざけ（かぼちゃ、にんじん、さつまいも）',
      'ピーナッツ胚芽チョコ',
      'マッシュルームとオニオンのペペロンチーノ',
      'マッシュルームとクリームスープの素',
      '18ヶ月熟成国産骨付きもも生ハム「庄内プロシュート『ノービレ』」',
    ])
    await chartsDrawn(page, ['outcomes-timeline'])
    expect(await barsOf(page, 'outcomes-timeline')).toBe(4)
    expect(await page.getAttribute('.kind-chips [data-kind=test_sale]', 'aria-pressed')).toBe('true')
    expect(await page.getAttribute('.kind-chips [data-kind=all]', 'aria-pressed')).toBe('false')
    // Each outcome leads to its project's page.
    expect(await hrefs(page, '.timeline .project-link')).toEqual([
      '/projects/2',
      '/projects/1',
      '/projects/3',
      '/projects/3',
      '/projects/5',
    ])
    expect(await page.locator('[data-section=undated] [data-outcome]').count()).toBe(6)
    await page.screenshot({ path: `${SCREENSHOTS}/outcomes-1366x768.png`, fullPage: true })

    await page.click('.kind-chips [data-kind=test_sale]')
    await page.waitForURL((url) => url.search === '?kind=product')
    await expect.poll(() => page.locator('.timeline [data-outcome]').count()).toBe(4)

    await page.click('.kind-chips [data-kind=all]')
    await page.waitForURL((url) => url.search === '')
    await expect.poll(() => page.locator('.timeline [data-outcome]').count()).toBe(6)
    expect(problems).toEqual([])
  })

  it('opens from an overview product bar with its FY and kind', async () => {
    const { page, problems } = await open('/')
    await page.waitForSelector('[data-chart=products][data-state=drawn]')
    const toggle = page.locator('[data-chart=products] .panel-header button')
    await toggle.click()
    await page.locator('[data-chart=products] table a', { hasText: '平成28年度' }).click()
    await page.waitForURL((url) => url.pathname === '/outcomes')
    expect(new URL(page.url()).searchParams.toString()).toBe('fyFrom=2016&fyTo=2016&kind=product')
    await chartsDrawn(page, ['outcomes-timeline'])
    expect(await page.inputValue('select[name=fyFrom]')).toBe('2016')
    expect(await page.inputValue('select[name=fyTo]')).toBe('2016')
    expect(await page.getAttribute('.kind-chips [data-kind=product]', 'aria-pressed')).toBe('true')
    expect(await timelineFys(page)).toEqual([2016])
    expect(await timelineTitles(page)).toEqual([
      'マッシュルームとオニオンのペペロンチーノ',
      'マッシュルームとクリームスープの素',
    ])
    // Undated outcomes fall outside any FY range: the page says so rather than listing none.
    expect(await page.locator('[data-section=undated]').textContent()).toContain('年度で絞り込んでいるため')
    expect(await page.locator('[data-nav=outcomes]').getAttribute('aria-current')).toBe('page')
    expect(problems).toEqual([])
  })

  it('toggles kinds from the keyboard, with the focus visible', async () => {
    const { page, problems } = await open('/outcomes')
    await chartsDrawn(page, ['outcomes-timeline'])
    const chip = page.locator('.kind-chips [data-kind=award]')
    await chip.focus()
    expect(await chip.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid')
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.search === '?kind=award')
    await expect.poll(() => timelineFys(page)).toEqual([2013])
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.search === '?kind=award&kind=press_release')
    expect(problems).toEqual([])
  })

  it('fits a phone', async () => {
    const { page, problems } = await open('/outcomes?kind=product&kind=test_sale', {
      viewport: VIEWPORTS.phone,
      reducedMotion: 'reduce',
    })
    await chartsDrawn(page, ['outcomes-timeline'])
    await fitsWidth(page)
    await page.screenshot({ path: `${SCREENSHOTS}/outcomes-390x844.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})

describe('seminars', () => {
  const CHARTS = ['seminar-events', 'seminar-years', 'seminar-cities']

  it('charts attendance per event, per FY and per city, each with its table', async () => {
    const { page, problems } = await open('/seminars', { viewport: VIEWPORTS.desktop })
    await chartsDrawn(page, CHARTS)
    expect(await page.locator('h1').textContent()).toBe('セミナー')
    expect(await page.locator('[data-stat=events] data').textContent()).toBe('8')
    expect(await page.locator('[data-stat=attendance] data').textContent()).toBe('1,204')

    // One bar per event, and the same eight events in its table and in the list.
    expect(await barsOf(page, 'seminar-events')).toBe(8)
    expect(await page.locator('[data-chart=seminar-events] table tbody tr').count()).toBe(8)
    expect(await page.locator('[data-table=events] tbody tr').count()).toBe(8)
    expect(await page.locator('[data-table=events] [data-total]').textContent()).toBe('1,204')
    expect(await barsOf(page, 'seminar-years')).toBe(6)

    expect(await trimmed(page, '[data-chart=seminar-cities] table tbody th')).toEqual([
      '鶴岡市',
      '山形市',
      '米沢市',
      '新庄市',
    ])
    expect(await trimmed(page, '[data-chart=seminar-cities] table tbody td:last-child')).toEqual([
      '679',
      '318',
      '120',
      '87',
    ])
    await page.screenshot({ path: `${SCREENSHOTS}/seminars-1366x768.png`, fullPage: true })

    // The table behind the events chart, shown on request.
    await page.locator('[data-chart=seminar-events] .panel-header button').click()
    expect(await page.locator('[data-chart=seminar-events] table').isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  it('narrows to an FY range', async () => {
    const { page, problems } = await open('/seminars?fyFrom=2016&fyTo=2016')
    await chartsDrawn(page, CHARTS)
    expect(await page.locator('[data-stat=events] data').textContent()).toBe('2')
    expect(await page.locator('[data-stat=attendance] data').textContent()).toBe('337')
    expect(await barsOf(page, 'seminar-events')).toBe(2)
    expect(problems).toEqual([])
  })

  it('fits a phone', async () => {
    const { page, problems } = await open('/seminars', { viewport: VIEWPORTS.phone, reducedMotion: 'reduce' })
    await chartsDrawn(page, CHARTS)
    await fitsWidth(page)
    expect(await barsOf(page, 'seminar-events')).toBe(8)
    await page.screenshot({ path: `${SCREENSHOTS}/seminars-390x844.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})

describe('institutions', () => {
  const CHARTS = ['institution-projects', 'institution-outcomes']

  it('lists the partner institutions, and shows the metabolomics institute’s projects, findings and outcomes', async () => {
    const { page, problems } = await open('/institutions?institution=1', { viewport: VIEWPORTS.desktop })
    await chartsDrawn(page, CHARTS)
    expect(await page.locator('.institution-list li').count()).toBe(5)
    const selected = page.locator('.institution-link[aria-current=page]')
    expect(await selected.getAttribute('data-institution')).toBe('1')
    expect(await page.locator('#institution-title').textContent()).toBe('慶應義塾大学先端生命科学研究所')

    expect(await hrefs(page, '[data-section=projects] .project-link')).toEqual([
      '/projects/1',
      '/projects/4',
      '/projects/3',
      '/projects/5',
    ])
    expect(await trimmed(page, '[data-section=projects] .project-link')).toContain(
      'プロジェクト: ハイオレイックピーナッツ胚芽の高付加価値化と商品開発',
    )
    expect(await page.locator('[data-section=findings] [data-finding]').count()).toBe(4)
    expect(await page.locator('[data-section=outcomes] [data-outcome]').count()).toBe(4)
    // Its projects per adoption year: FY2013–2016, and its outcomes: launches and a test sale.
    expect(await trimmed(page, '[data-chart=institution-projects] table tbody th')).toEqual([
      '平成25年度',
      '平成26年度',
      '平成27年度',
      '平成28年度',
    ])
    expect(await trimmed(page, '[data-chart=institution-outcomes] table tbody th')).toEqual([
      '商品化',
      'テスト販売',
    ])
    await page.screenshot({ path: `${SCREENSHOTS}/institutions-1366x768.png`, fullPage: true })

    await page.click('.institution-link[data-institution="2"]')
    await page.waitForURL((url) => url.search === '?institution=2')
    await expect.poll(() => page.locator('#institution-title').textContent()).toBe('山形大学農学部')
    await chartsDrawn(page, CHARTS)
    expect(problems).toEqual([])
  })

  it('asks for a choice when none is selected', async () => {
    const { page, problems } = await open('/institutions')
    await page.waitForSelector('.institution-list')
    expect(await page.locator('.institution-prompt').isVisible()).toBe(true)
    expect(await page.locator('[data-chart]').count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('fits a phone', async () => {
    const { page, problems } = await open('/institutions?institution=1', {
      viewport: VIEWPORTS.phone,
      reducedMotion: 'reduce',
    })
    await chartsDrawn(page, CHARTS)
    await fitsWidth(page)
    await page.screenshot({ path: `${SCREENSHOTS}/institutions-390x844.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})

describe('findings', () => {
  it('finds GABA by name, with its identifiers, direction and project', async () => {
    const { page, problems } = await open('/findings?q=GABA', { viewport: VIEWPORTS.desktop })
    await page.waitForSelector('[data-hit]')
    expect(await page.locator('h1').textContent()).toBe('解析結果')
    expect(await page.inputValue('input[name=q]')).toBe('GABA')
    expect(await page.locator('.results-title').textContent()).toBe('「GABA」の検索結果: 1件')
    const hit = page.locator('[data-hit]')
    expect(await hit.count()).toBe(1)
    expect(await hit.locator('.hit-name').textContent()).toBe('GABA (γ-aminobutyric acid)')
    expect(await trimmed(page, '[data-hit] .identifier')).toEqual([
      'HMDB0000112 (外部サイト)',
      'C00334 (外部サイト)',
      'CHEBI:16865 (外部サイト)',
      '119 (外部サイト)',
      'BTCSSZJGUNDROE-UHFFFAOYSA-N (外部サイト)',
    ])
    expect(await hit.locator('[data-direction=up]').textContent()).toContain('増加')
    expect(await hit.locator('.hit-statement').textContent()).toContain('GABAやシトルリンが増加する')
    expect(await hrefs(page, '[data-hit] .project-link')).toEqual(['/projects/51'])
    await page.screenshot({ path: `${SCREENSHOTS}/findings-1366x768.png`, fullPage: true })
    expect(problems).toEqual([])
  })

  it('searches by identifier from the box, and says when nothing matches', async () => {
    const { page, problems } = await open('/findings')
    await page.waitForSelector('[data-hit]')
    expect(await page.locator('[data-hit]').count()).toBe(2)

    await page.fill('input[name=q]', 'C00334')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.search === '?q=C00334')
    await expect.poll(() => page.locator('.results-title').textContent()).toBe('「C00334」の検索結果: 1件')
    expect(await page.locator('[data-hit] .hit-name').textContent()).toBe('GABA (γ-aminobutyric acid)')

    await page.click('[data-example=HMDB0000112]')
    await page.waitForURL((url) => url.search === '?q=HMDB0000112')
    await expect
      .poll(() => page.locator('.results-title').textContent())
      .toBe('「HMDB0000112」の検索結果: 1件')

    await page.fill('input[name=q]', 'nonexistium')
    await page.click('.search-form button[type=submit]')
    await page.locator('[data-empty]').waitFor()
    expect(await page.locator('[data-empty]').textContent()).toContain(
      '「nonexistium」に一致する代謝物は見つかりませんでした',
    )
    await page.goBack()
    await page.waitForURL((url) => url.search === '?q=HMDB0000112')
    expect(problems).toEqual([])
  })

  it('shows an error with a way to retry', async () => {
    const { page, problems } = await open('/findings?q=GABA', {
      prepare: (page) =>
        page.route('**/api/metabolites*', (route) =>
          route.fulfill({
            status: 503,
            json: { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable' },
          }),
        ),
    })
    const alert = page.locator('.findings-results [role=alert]')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('データを読み込めませんでした。')
    await page.unroute('**/api/metabolites*')
    await alert.getByRole('button', { name: '再読み込み' }).click()
    await page.waitForSelector('[data-hit]')
    expect(problems.filter((p) => !p.includes('503'))).toEqual([])
  })

  it('fits a phone', async () => {
    const { page, problems } = await open('/findings?q=GABA', { viewport: VIEWPORTS.phone })
    await page.waitForSelector('[data-hit]')
    await fitsWidth(page)
    await page.screenshot({ path: `${SCREENSHOTS}/findings-390x844.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})

describe('in English', () => {
  it('switches the labels on every screen', async () => {
    const { page, problems } = await open('/outcomes?kind=product&kind=test_sale')
    await chartsDrawn(page, ['outcomes-timeline'])
    await page.click('[data-locale=en]')
    expect(await page.locator('h1').textContent()).toBe('Outcomes')
    // The chart redraws in English: wait for it before the screenshot.
    await page
      .locator('[data-chart=outcomes-timeline] svg text', { hasText: 'Product launched' })
      .first()
      .waitFor()
    await chartsDrawn(page, ['outcomes-timeline'])
    expect(await page.locator('.kind-chips [data-kind=product]').textContent()).toContain('Product launched')
    expect(await page.locator('.timeline-fy').first().textContent()).toContain('FY2014 (H26)')
    expect(await page.locator('.timeline .outcome-title').first().textContent()).toContain(
      'Vegi-soup Amazake (pumpkin, carrot, sweet potato)',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/outcomes-en-1366x768.png`, fullPage: true })

    await page.click('[data-nav=seminars]')
    await chartsDrawn(page, ['seminar-events', 'seminar-years', 'seminar-cities'])
    expect(await page.locator('h1').textContent()).toBe('Seminars')
    expect(await page.locator('[data-stat=attendance] dt').textContent()).toBe('Total attendance')
    expect(await page.locator('[data-chart=seminar-cities] h3').textContent()).toBe(
      'Seminar attendance per city',
    )

    await page.goto(`${server.url}/institutions?institution=1`)
    await chartsDrawn(page, ['institution-projects', 'institution-outcomes'])
    expect(await page.locator('#institution-title').textContent()).toBe(
      'Keio University Institute for Advanced Biosciences (IAB)',
    )
    expect(await trimmed(page, '[data-chart=institution-projects] table tbody th')).toContain('FY2016 (H28)')

    await page.goto(`${server.url}/findings?q=GABA`)
    await page.waitForSelector('[data-hit]')
    expect(await page.locator('.results-title').textContent()).toBe('1 result for “GABA”')
    expect(await page.locator('[data-hit] [data-direction=up]').textContent()).toContain('Increased')
    expect(await page.locator('[data-hit] .hit-statement').textContent()).toContain('Cooking persimmon')
    expect(await page.title()).toBe('Findings | Bio-cluster Results Dashboard')
    await page.screenshot({ path: `${SCREENSHOTS}/findings-en-1366x768.png`, fullPage: true })
    expect(problems).toEqual([])
  })
})
