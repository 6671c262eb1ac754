import { mkdirSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The list pages' download links, clicked in Chromium: the file that arrives holds the list on screen, every
// page of it, with the filters of the URL.

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

describe('the list downloads', () => {
  it('download the filtered projects as XLSX and CSV, every page of them', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/projects?fyFrom=2013&fyTo=2015`)
    await page.waitForSelector('[data-project-row]')
    const shownTotal = Number(await page.getAttribute('[data-total]', 'data-count'))
    expect(shownTotal).toBeGreaterThan(20)
    await page.locator('[data-downloads]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/projects-downloads.png` })

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-downloads] [data-format="xlsx"]'),
    ])
    expect(xlsx.suggestedFilename()).toBe('projects.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await xlsx.path()) as string)
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet
    expect(sheet.rowCount).toBe(1 + shownTotal)
    const years = sheet.getColumn(3).values.slice(2) as number[]
    expect(years.every((fy) => fy >= 2013 && fy <= 2015)).toBe(true)

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-downloads] [data-format="csv"]'),
    ])
    expect(csv.suggestedFilename()).toBe('projects.csv')
    expect(problems).toEqual([])
    await close()
  })

  it('sit on the outcomes, seminars and findings pages too, in English as well', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: VIEWPORTS.phone })
    await page.goto(`${server.url}/outcomes?fyFrom=2015&kind=product`)
    await page.waitForSelector('[data-downloads]')
    expect(await page.getAttribute('[data-downloads] [data-format="xlsx"]', 'href')).toBe(
      '/api/outcomes.xlsx?fyFrom=2015&kind=product&sort=fy',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/outcomes-downloads-phone.png` })
    for (const [path, list] of [
      ['/seminars', 'events'],
      ['/findings?q=GABA', 'findings'],
    ]) {
      await page.goto(`${server.url}${path}`)
      const href = await page.getAttribute('[data-downloads] [data-format="csv"]', 'href')
      expect(href).toMatch(new RegExp(`^/api/${list}\\.csv`))
      expect((await fetch(`${server.url}${href}`)).status).toBe(200)
    }
    await page.evaluate(() => localStorage.setItem('locale', 'en'))
    await page.reload()
    expect(await page.textContent('[data-downloads]')).toContain('Download this list')
    expect(problems).toEqual([])
    await close()
  })
})
