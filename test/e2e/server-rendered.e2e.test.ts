import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYOUT_BOX_SIZES } from '../../client/components/chart/layout-box-sizes.ts'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The overview as the server renders it (server/pages/rendered-pages.ts): on screen with its figures and
// charts before any of the app's code runs, then taken over by the app in the browser as it is.

const SCREENSHOTS = 'test-results/screenshots'
const CHARTS = ['adoptions', 'products', 'attendance-years', 'attendance-events']
/** The charts across the whole grid. */
const WIDE = new Set(['adoptions', 'attendance-events'])

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

/** Each chart's box and the image in it: its size, and the size the image was drawn at (its address). */
const chartImages = (page: Page) =>
  page.$$eval('[data-chart]', (charts) =>
    charts.map((chart) => {
      const box = chart.querySelector('.chart-box')
      const image = chart.querySelector<HTMLImageElement>('.chart-image img')
      const drawn = image ? new URL(image.currentSrc || image.src) : undefined
      return {
        chart: (chart as HTMLElement).dataset.chart,
        box: box ? `${box.clientWidth}x${box.clientHeight}` : undefined,
        image: drawn && `${drawn.searchParams.get('width')}x${drawn.searchParams.get('height')}`,
        loaded: image ? image.complete && image.naturalWidth > 0 : false,
      }
    }),
  )

const allImagesLoaded = (page: Page) =>
  page.waitForFunction(
    (count) =>
      [...document.querySelectorAll<HTMLImageElement>('[data-chart] .chart-image img')].filter(
        (image) => image.complete && image.naturalWidth > 0,
      ).length === count,
    CHARTS.length,
  )

/** Without JavaScript the browser refuses the page's scripts: that is the point, not a problem. */
const withoutScripts = (problems: string[]) => problems.filter((p) => !/\/assets\/[\w-]+\.js csp$/.test(p))

const size = ({ width, height }: { width: number; height: number }) => `${width}x${height}`

describe('the overview rendered on the server', () => {
  it('shows its figures, charts and tables without any script', async () => {
    const { page, problems, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(`${server.url}/`)
    await allImagesLoaded(page)
    expect(await page.locator('h1').textContent()).toBe('概要')
    expect(await page.locator('[data-kpi=adoptions] .kpi-value').textContent()).toBe('50')
    expect(await page.locator('[data-kpi=attendance] .kpi-value').textContent()).toBe('1,204')
    // Drawn for the box it fills: the window is as wide as the layout.
    expect(await chartImages(page)).toEqual(
      CHARTS.map((chart) => {
        const layout = size(LAYOUT_BOX_SIZES[WIDE.has(chart) ? 'wide' : 'half'])
        return { chart, box: layout, image: layout, loaded: true }
      }),
    )
    expect(await page.locator('[data-chart=adoptions] table tbody tr').count()).toBe(6)
    await page.screenshot({ path: `${SCREENSHOTS}/overview-without-script.png`, fullPage: true })
    expect(withoutScripts(problems)).toEqual([])
    await close()
  })

  it('asks for its images at the sizes the layout gives them, in a wide window and on a phone', async () => {
    for (const [viewport, mobile, expected] of [
      [{ width: 1920, height: 1080 }, false, ['wide', 'half', 'half', 'wide']],
      [VIEWPORTS.phone, true, ['phone', 'phone', 'phone', 'phone']],
    ] as const) {
      const { page, problems, close } = await openPage(browser, {
        viewport,
        mobile,
        javaScriptEnabled: false,
      })
      await page.goto(`${server.url}/`)
      await allImagesLoaded(page)
      const images = await chartImages(page)
      expect(images.map((image) => [image.box, image.image])).toEqual(
        expected.map((layout) => [size(LAYOUT_BOX_SIZES[layout]), size(LAYOUT_BOX_SIZES[layout])]),
      )
      expect(withoutScripts(problems)).toEqual([])
      await close()
    }
  })

  it('is taken over by the app as it is, and redrawn at the measured size where the layout differs', async () => {
    // ECharts held back: the server's images stay, so that the one drawn at the measured size can be seen.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1024, height: 768 } })
    await page.route('**/assets/echarts-*.js', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${server.url}/`)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-chart][data-state=rendering]').length === 4,
    )
    await expect
      .poll(async () => (await chartImages(page)).every((image) => image.box === image.image && image.loaded))
      .toBe(true)
    expect((await chartImages(page)).map((image) => image.box)).toEqual([
      '914x340',
      '432x320',
      '432x320',
      '914x340',
    ])
    release()
    await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-state=drawn]').length === 4)
    // A mismatch between the server's markup and the app's first render is reported as a console error.
    expect(problems).toEqual([])
    await close()
  })

  it('renders in the language the reader chose, from the first byte', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/`)
    await page.click('[data-locale=en]')
    const response = await page.reload()
    const html = (await response?.text()) ?? ''
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Overview</h1>')
    expect(await page.locator('h1').textContent()).toBe('Overview')
    expect(problems).toEqual([])
    await close()
  })
})
