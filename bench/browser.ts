import { chartsOnScreen, launchBrowser, openPage } from '../test/e2e/browser.ts'

// The overview as a person meets it: navigation to every chart on screen (its server-drawn image painted, as
// the browser records it, or its live chart drawn, whichever came first), then to every live chart drawn
// (`chart-drawn:<name>`: tooltips and clicks work), and a filter change to every live chart drawn again.

export interface BrowserResult {
  /**
   * A yardstick from the same run: the same app's page for an unknown address (drawn in the browser, no data,
   * no chart), from navigation to its heading painted (largest contentful paint). What the overview takes
   * beyond it is its own; the rest is the machine, the browser and the app's code.
   */
  barePageMs: number
  /** The overview's first paint: with the page rendered on the server, its text and figures are in it. */
  firstPaintMs: number
  chartsShownMs: number
  chartsLiveMs: number
  /** When the last file or answer the overview needed had arrived: the rest is the browser's own work. */
  loadedMs: number
  filterRedrawMs: number
}

const CHART_COUNT = 4

export async function timeOverview(baseUrl: string, runs = 3): Promise<BrowserResult> {
  const browser = await launchBrowser()
  try {
    const bare: number[] = []
    const painted: number[] = []
    const shown: number[] = []
    const drawn: number[] = []
    const loaded: number[] = []
    const redrawn: number[] = []
    for (let run = 0; run < runs; run++) {
      const yardstick = await openPage(browser, { reducedMotion: 'reduce' })
      await yardstick.page.goto(`${baseUrl}/no-such-page`)
      await yardstick.page.waitForSelector('h1')
      bare.push(
        await yardstick.page.evaluate(
          () =>
            new Promise<number>((resolve) =>
              new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? 0)).observe({
                type: 'largest-contentful-paint',
                buffered: true,
              }),
            ),
        ),
      )
      await yardstick.close()

      const { page, close } = await openPage(browser, { reducedMotion: 'reduce' })
      await page.goto(`${baseUrl}/`)
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-chart][data-state=drawn]').length === count,
        CHART_COUNT,
      )
      const onScreen = Object.values(await chartsOnScreen(page))
      if (onScreen.length !== CHART_COUNT) throw new Error(`${onScreen.length} charts seen on screen`)
      shown.push(Math.max(...onScreen))
      const [firstPaint, chartsDrawn, lastResponse] = await page.evaluate(() => [
        performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
        Math.max(
          ...performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('chart-drawn:'))
            .map((m) => m.startTime),
        ),
        Math.max(
          ...performance
            .getEntriesByType('resource')
            .map((r) => (r as PerformanceResourceTiming).responseEnd),
        ),
      ])
      painted.push(firstPaint)
      drawn.push(chartsDrawn)
      loaded.push(lastResponse)
      // A filter change: the time from the select's change event (marked in the page, so the browser driver's
      // own round trips are not counted) to the last chart redrawn.
      await page.evaluate(() => {
        performance.clearMarks()
        document
          .querySelector('select[name=field]')
          ?.addEventListener('change', () => performance.mark('filter-change'), { capture: true, once: true })
      })
      await page.selectOption('select[name=field]', 'food')
      await page.waitForFunction(
        (count) =>
          performance.getEntriesByType('mark').filter((m) => m.name.startsWith('chart-drawn:')).length >=
          count,
        CHART_COUNT,
      )
      const [started, last] = await page.evaluate(() => {
        const marks = performance.getEntriesByType('mark')
        const change = marks.find((m) => m.name === 'filter-change')
        if (!change) throw new Error('the filter change was not seen')
        return [change.startTime, Math.max(...marks.map((m) => m.startTime))]
      })
      redrawn.push(last - started)
      await close()
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    return {
      barePageMs: Math.round(median(bare)),
      firstPaintMs: Math.round(median(painted)),
      chartsShownMs: Math.round(median(shown)),
      chartsLiveMs: Math.round(median(drawn)),
      loadedMs: Math.round(median(loaded)),
      filterRedrawMs: Math.round(median(redrawn)),
    }
  } finally {
    await browser.close()
  }
}
