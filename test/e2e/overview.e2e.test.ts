import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chartsOnScreen, launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

const SCREENSHOTS = 'test-results/screenshots'
const CHARTS = ['adoptions', 'products', 'attendance-years', 'attendance-events']

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

/** A new page (fresh storage, Japanese browser) at `path`; `prepare` runs before navigating. */
async function open(
  path: string,
  options: Parameters<typeof openPage>[1] & { prepare?: (page: Page) => Promise<unknown> } = {},
) {
  const watched = await openPage(browser, options)
  await options.prepare?.(watched.page)
  await watched.page.goto(`${server.url}${path}`)
  return watched
}

/**
 * Milliseconds from navigation to the last chart on screen (its server-drawn image painted, or its live chart
 * drawn, whichever came first) and to the last live chart's `finished` event (`chart-drawn:`).
 */
async function chartTimes(page: Page) {
  const onScreen = Object.values(await chartsOnScreen(page))
  expect(onScreen).toHaveLength(CHARTS.length)
  const drawnMs = await page.evaluate(() =>
    Math.round(
      Math.max(
        ...performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('chart-drawn:'))
          .map((m) => m.startTime),
      ),
    ),
  )
  return { shownMs: Math.max(...onScreen), drawnMs }
}

/** Waits until every chart has settled, and fails at once, naming the chart and its error, unless all drew. */
async function allChartsDrawn(page: Page) {
  await page.waitForFunction((count) => {
    const settled = document.querySelectorAll(
      '[data-chart]:is([data-state=drawn],[data-state=empty],[data-state=error])',
    )
    return settled.length === count
  }, CHARTS.length)
  const states = await page.$$eval('[data-chart]', (charts) =>
    charts.map((chart) => {
      const element = chart as HTMLElement
      const state = element.dataset.state
      return `${element.dataset.chart}: ${state}${state === 'drawn' ? '' : ` ${element.querySelector('.status')?.textContent?.trim()}`}`
    }),
  )
  expect(states).toEqual(CHARTS.map((chart) => `${chart}: drawn`))
}

/** Waits until every chart shows the server's image of it (ChartPanel's `image`). */
const allImagesShown = (page: Page) =>
  page.waitForFunction(
    (count) =>
      [...document.querySelectorAll<HTMLImageElement>('[data-chart] .chart-image img')].filter(
        (image) => image.complete && image.naturalWidth > 0 && image.checkVisibility(),
      ).length === count,
    CHARTS.length,
  )

const kpi = (page: Page, name: string) => page.locator(`[data-kpi=${name}] .kpi-value`)

/** The bars drawn in a chart's SVG, left to right: one x position per category (stacked parts merged). */
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
    const byX = new Map<number, DOMRect>()
    for (const box of boxes) {
      const x = Math.round(box.x)
      const seen = byX.get(x)
      if (!seen || box.bottom > seen.bottom) byX.set(x, box)
    }
    return [...byX.values()]
      .sort((a, b) => a.x - b.x)
      .map((b) => ({ x: b.x, width: b.width, bottom: b.bottom }))
  }, chart)

const tableRows = (page: Page, chart: string) =>
  page.locator(`[data-chart=${chart}] table tbody tr th`).allTextContents()

describe('overview', () => {
  it('shows the brochure figures and draws every chart, in Japanese by default', async () => {
    const { page, problems } = await open('/', { viewport: VIEWPORTS.desktop })
    await allChartsDrawn(page)
    const { shownMs, drawnMs } = await chartTimes(page)
    console.log(
      `e2e: all ${CHARTS.length} overview charts on screen ${shownMs} ms after navigation, drawn live at ${drawnMs} ms (1366×768, animated)`,
    )
    expect(shownMs).toBeLessThanOrEqual(drawnMs)
    expect(drawnMs).toBeLessThan(10_000)

    expect(await page.getAttribute('html', 'lang')).toBe('ja')
    expect(await page.locator('h1').textContent()).toBe('概要')
    expect(await kpi(page, 'adoptions').textContent()).toBe('50')
    expect(await kpi(page, 'products').textContent()).toBe('5')
    expect(await kpi(page, 'attendance').textContent()).toBe('1,204')

    // Adoptions in FY2012–2017: six bars drawn, and the same six FYs in the screen-reader table.
    expect(await barsOf(page, 'adoptions')).toHaveLength(6)
    expect(await tableRows(page, 'adoptions')).toEqual([
      '平成24年度',
      '平成25年度',
      '平成26年度',
      '平成27年度',
      '平成28年度',
      '平成29年度',
    ])
    expect(await page.locator('[data-chart=adoptions] table tbody td:last-child').allTextContents()).toEqual([
      '5',
      '13',
      '22',
      '31',
      '41',
      '50',
    ])
    expect(await tableRows(page, 'attendance-events')).toHaveLength(8)

    await page.screenshot({ path: `${SCREENSHOTS}/overview-1366x768.png`, fullPage: true })
    expect(problems).toEqual([])
  })

  it('updates the figures and the URL when a filter changes, and opens a bookmarked view', async () => {
    const { page, problems } = await open('/')
    await allChartsDrawn(page)

    await page.selectOption('select[name=fyFrom]', '2016')
    await page.waitForURL((url) => url.search === '?fyFrom=2016')
    await page.selectOption('select[name=fyTo]', '2016')
    await page.waitForURL((url) => url.search === '?fyFrom=2016&fyTo=2016')
    await expect.poll(() => kpi(page, 'adoptions').textContent()).toBe('10')
    await expect.poll(() => tableRows(page, 'adoptions')).toEqual(['平成28年度'])

    await page.click('button[data-pick=last3]')
    await page.waitForURL((url) => url.search === '?fyFrom=2015&fyTo=2017')
    await expect.poll(() => kpi(page, 'adoptions').textContent()).toBe('28')
    expect(await page.getAttribute('button[data-pick=last3]', 'aria-pressed')).toBe('true')

    await page.goBack()
    await page.waitForURL((url) => url.search === '?fyFrom=2016&fyTo=2016')
    await expect.poll(() => kpi(page, 'adoptions').textContent()).toBe('10')

    // The four featured projects are the brochure's food projects (five adoptions).
    await page.goto(`${server.url}/?field=food`)
    await allChartsDrawn(page)
    expect(await page.inputValue('select[name=field]')).toBe('food')
    expect(await kpi(page, 'adoptions').textContent()).toBe('5')
    expect(problems).toEqual([])
  })

  it('shows the server’s drawing of each chart until the live chart has drawn', async () => {
    // ECharts held back: the overview must not wait for it.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const { page, problems } = await open('/?fyFrom=2014', {
      prepare: (page) =>
        page.route('**/assets/echarts-*.js', async (route) => {
          await held
          await route.continue()
        }),
    })
    const images = page.locator('[data-chart] .chart-image img')
    await allImagesShown(page)
    const shown = await images.evaluateAll((elements) =>
      elements.map((element) => {
        const image = element as HTMLImageElement
        const box = image.closest('.chart-box')?.getBoundingClientRect()
        const url = new URL(image.currentSrc)
        return {
          chart: image.closest<HTMLElement>('[data-chart]')?.dataset.chart,
          path: url.pathname,
          fyFrom: url.searchParams.get('fyFrom'),
          locale: url.searchParams.get('locale'),
          // Drawn at the size of the box the live chart will fill.
          fits: Math.abs(image.naturalWidth - (box?.width ?? 0)) <= 1 && image.naturalHeight === box?.height,
        }
      }),
    )
    expect(shown).toEqual(
      CHARTS.map((chart) => ({
        chart,
        path: `/api/stats/charts/${chart}`,
        fyFrom: '2014',
        locale: 'ja',
        fits: true,
      })),
    )
    // The data in, the live charts not drawn: the panels wait on ECharts alone.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('[data-chart]')].every(
        (c) => c.dataset.state === 'rendering',
      ),
    )
    // Every chart on screen, as its image: the browser recorded each one's paint.
    expect(Object.keys(await chartsOnScreen(page)).sort()).toEqual([...CHARTS].sort())

    // ECharts arrives: the live charts take the images' place.
    release()
    await allChartsDrawn(page)
    expect(await images.count()).toBe(0)
    expect(await barsOf(page, 'adoptions')).toHaveLength(4) // 平成26〜29年度
    expect(problems).toEqual([])
  })

  it('keeps the server’s drawings when the chart code cannot load, the figures still in the tables', async () => {
    const { page, problems } = await open('/', {
      prepare: (page) => page.route('**/assets/echarts-*.js', (route) => route.abort()),
    })
    await allImagesShown(page)
    await page.waitForTimeout(500)
    expect(await page.locator('[data-chart] .chart-image img:visible').count()).toBe(CHARTS.length)
    await page.locator('[data-chart=adoptions] .panel-header button').click()
    expect(await tableRows(page, 'adoptions')).toHaveLength(6)
    // Only the chart code's own failed load.
    expect(problems.filter((p) => !p.includes('echarts') && !p.includes('net::ERR_FAILED'))).toEqual([])
  })

  it('opens the records behind a bar', async () => {
    const { page, problems } = await open('/?field=food')
    await allChartsDrawn(page)
    await page.locator('[data-chart=adoptions] svg').scrollIntoViewIfNeeded()
    const bars = await barsOf(page, 'adoptions')
    const fy2014 = (await tableRows(page, 'adoptions')).indexOf('平成26年度')
    const bar = bars[fy2014]
    if (!bar) throw new Error(`no FY2014 bar among ${bars.length}`)
    await page.mouse.click(bar.x + bar.width / 2, bar.bottom - 4)
    await page.waitForURL((url) => url.pathname === '/projects')
    expect(new URL(page.url()).searchParams.toString()).toBe('fyFrom=2014&fyTo=2014&field=food')
    // The food projects adopted in FY2014: JA Kushibiki's and Funagata Mushroom's.
    await expect.poll(() => page.getAttribute('[data-total]', 'data-count')).toBe('2')
    expect(await page.inputValue('select[name=fyFrom]')).toBe('2014')
    expect(await page.getAttribute('[data-nav=projects]', 'aria-current')).toBe('page')
    expect(problems).toEqual([])
  })

  it('switches to English, FY labels included, and remembers it', async () => {
    const { page, problems } = await open('/')
    await allChartsDrawn(page)
    await page.click('[data-locale=en]')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.locator('[data-nav=overview]').textContent()).toBe('Overview')
    expect(await page.locator('[data-kpi=adoptions] .kpi-label').textContent()).toBe('Adoptions')
    await expect.poll(() => tableRows(page, 'adoptions')).toContain('FY2016 (H28)')
    expect(await page.locator('select[name=fyFrom] option[value="2016"]').textContent()).toBe('FY2016 (H28)')

    await page.reload()
    await allChartsDrawn(page)
    expect(await page.locator('h1').textContent()).toBe('Overview')
    expect(await kpi(page, 'attendance').textContent()).toBe('1,204')
    expect(await page.title()).toBe('Overview | Bio-cluster Results Dashboard')
    expect(problems).toEqual([])
  })

  it('fits a phone screen and prints without navigation or filters', async () => {
    const { page, problems } = await open('/', { viewport: VIEWPORTS.phone, reducedMotion: 'reduce' })
    await allChartsDrawn(page)
    const { shownMs, drawnMs } = await chartTimes(page)
    console.log(
      `e2e: all ${CHARTS.length} overview charts on screen ${shownMs} ms after navigation, drawn live at ${drawnMs} ms (390×844, reduced motion: no animation)`,
    )
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      VIEWPORTS.phone.width,
    )
    expect(await barsOf(page, 'attendance-events')).toHaveLength(8)
    await page.screenshot({ path: `${SCREENSHOTS}/overview-390x844.png`, fullPage: true })

    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.filters').isVisible()).toBe(false)
    expect(await page.locator('.app-nav').isVisible()).toBe(false)
    expect(await page.locator('[data-kpi=adoptions]').isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  it('says so when nothing matches, and when a request fails, with a way to retry', async () => {
    const empty = await open('/?fyFrom=2030&fyTo=2030')
    await empty.page.waitForFunction(
      (count) => document.querySelectorAll('[data-chart][data-state=empty]').length === count,
      CHARTS.length,
    )
    expect(await kpi(empty.page, 'adoptions').textContent()).toBe('0')
    expect(await empty.page.locator('[data-chart=adoptions]').textContent()).toContain(
      '条件に合う記録はありません',
    )
    expect(empty.problems).toEqual([])

    // The page arrives with its answers (rendered on the server): the request that fails is the browser's
    // own, for a filter chosen on the page.
    const { page, problems } = await open('/')
    await allChartsDrawn(page)
    await page.route('**/api/stats/products*', (route) =>
      route.fulfill({
        status: 503,
        json: { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable' },
      }),
    )
    await page.selectOption('select[name=fyFrom]', '2012')
    const products = page.locator('[data-chart=products]')
    await products.locator('[role=alert]').waitFor()
    expect(await products.getAttribute('data-state')).toBe('error')
    expect(await products.textContent()).toContain(
      'データを読み込めませんでした。 (503 The database is unavailable)',
    )
    expect(await kpi(page, 'adoptions').textContent()).toBe('50')

    await page.unroute('**/api/stats/products*')
    await products.getByRole('button', { name: '再読み込み' }).click()
    await page.waitForSelector('[data-chart=products][data-state=drawn]')
    expect(problems.filter((p) => !p.includes('503'))).toEqual([])
  })

  it('is usable from the keyboard, with the focus always visible', async () => {
    const { page, problems } = await open('/')
    await allChartsDrawn(page)
    await page.keyboard.press('Tab')
    const skip = page.locator('.skip-link')
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid')

    // Through the header, the filters and the charts' toggles: focus never lands on anything invisible.
    for (let step = 0; step < 30; step++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement
        const box = element.getBoundingClientRect()
        return {
          tag: element.tagName,
          text: element.textContent?.trim(),
          width: box.width,
          height: box.height,
        }
      })
      expect(focused.width * focused.height, JSON.stringify(focused)).toBeGreaterThan(4)
    }

    // The table behind a chart opens from the keyboard, and its FYs lead to their records.
    const toggle = page.locator('[data-chart=adoptions] .panel-header button')
    await toggle.focus()
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('平成24年度')
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/projects' && url.search === '?fyFrom=2012&fyTo=2012')
    expect(problems).toEqual([])
  })
})
