import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
}

export const VIEWPORTS = {
  desktop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const

export interface WatchedPage {
  page: Page
  /** Console errors, uncaught exceptions, failed requests and HTTP errors seen so far. */
  problems: string[]
  close: () => Promise<void>
}

/** A fresh page (own storage) whose console errors and failed requests are collected for assertions. */
export async function openPage(
  browser: Browser,
  options: {
    viewport?: { width: number; height: number }
    reducedMotion?: 'reduce' | 'no-preference'
    /** A phone's browser: touch, and scrollbars that take no room. */
    mobile?: boolean
    javaScriptEnabled?: boolean
  } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? VIEWPORTS.desktop,
    locale: 'ja-JP',
    deviceScaleFactor: 1,
    reducedMotion: options.reducedMotion ?? 'no-preference',
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    // Requests the app aborts itself (a newer filter superseding an older one) are not failures.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`)
    }
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  return { page, problems, close: () => context.close() }
}

/**
 * When each chart (`data-chart`) was first on screen, in milliseconds from navigation: the paint of its
 * server-drawn image, as the browser records it (Element Timing: ChartPanel's `elementtiming`), or its live
 * chart drawn (`chart-drawn:<name>`), whichever came first. Charts not on screen yet are left out.
 */
export const chartsOnScreen = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(
    // No named functions inside: the test runner's transform would wrap them in a helper the page lacks.
    () =>
      new Promise<Record<string, number>>((resolve) => {
        const seen: [string, number][] = performance
          .getEntriesByType('mark')
          .filter((mark) => mark.name.startsWith('chart-drawn:'))
          .map((mark) => [mark.name.slice('chart-drawn:'.length), mark.startTime])
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            identifier: string
            renderTime: number
            loadTime: number
          })[]) {
            if (entry.identifier.startsWith('chart-image:'))
              seen.push([entry.identifier.slice('chart-image:'.length), entry.renderTime || entry.loadTime])
          }
        })
        observer.observe({ type: 'element', buffered: true })
        // The buffered entries arrive in the observer's first callback, a task later.
        setTimeout(() => {
          observer.disconnect()
          const shown: Record<string, number> = {}
          for (const [chart, at] of seen) shown[chart] = Math.round(Math.min(shown[chart] ?? at, at))
          resolve(shown)
        }, 50)
      }),
  )
