import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOWN_COLOR, UP_COLOR } from '../../client/charts/fold-changes.ts'
import type { Finding } from '../../server/schemas/findings.ts'
import type { Outcome } from '../../server/schemas/outcomes.ts'
import { type ApiSession, E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The Projects table and a project's page, on the brochure dataset. The brochure gives no fold changes, so the
// page's tests add one finding with metabolite results (and an outcome resting on it, and a seminar where the
// project was presented) through the API first, as the program office would.

const SCREENSHOTS = 'test-results/screenshots'
const ADMIN = 'projects-admin@example.test'
/** ㈱でん六's project (dataset), the earlier program's record (no details), and an undescribed adoption. */
const DENROKU = 1
const EARLIER_PROGRAM = 51

let server: RunningServer
let browser: Browser
let admin: ApiSession

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    startServer({ env: { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD } }),
    launchBrowser(),
  ])
  admin = await signInApi(server.url, ADMIN)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(path: string, options: Parameters<typeof openPage>[1] = {}) {
  const watched = await openPage(browser, options)
  await watched.page.goto(`${server.url}${path}`)
  return watched
}

const rowIds = (page: Page) =>
  page.$$eval('[data-project-row]', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.projectRow)))
const total = (page: Page) => page.getAttribute('[data-total]', 'data-count')
const trimmed = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).map((t) => t.trim())

async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  )
}

describe('projects table', () => {
  it('lists the brochure’s adoptions, pages, sorts by a header, searches and filters', async () => {
    const { page, problems } = await open('/projects')
    await page.waitForSelector('[data-project-row]')
    expect(await page.locator('h1').textContent()).toBe('プロジェクト')
    // 50 adoptions in FY2012–2017 and the earlier program's record; newest first, 20 to a page.
    expect(await total(page)).toBe('51')
    expect(await page.locator('[data-total]').textContent()).toBe('51件中 1〜20件を表示')
    expect(await rowIds(page)).toHaveLength(20)
    expect(await page.locator('[data-project-row] .col-adoptedFy').first().textContent()).toContain(
      '平成29年度',
    )
    expect(await page.getAttribute('th.col-adoptedFy', 'aria-sort')).toBe('descending')
    // The undescribed adoptions say so instead of showing empty cells.
    expect(await page.locator('.is-undescribed .not-published-tag').first().textContent()).toBe(
      '詳細の記載なし',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/projects-1366x768.png`, fullPage: true })

    await page.click('.pager [data-page="3"]')
    await page.waitForURL((url) => url.search === '?page=3')
    await expect.poll(() => rowIds(page).then((ids) => ids.length)).toBe(11)
    expect(await page.getAttribute('.pager [data-page="3"]', 'aria-current')).toBe('page')

    // A header sorts, from the first page; a second press (here from the keyboard) turns the order round.
    await page.click('[data-sort=theme]')
    await page.waitForURL((url) => url.search === '?sort=themeJa')
    await expect.poll(() => rowIds(page).then((ids) => ids.slice(0, 5))).toEqual([1, 3, 4, 2, 5])
    expect(await page.getAttribute('th.col-theme', 'aria-sort')).toBe('ascending')
    expect(await page.getAttribute('th.col-adoptedFy', 'aria-sort')).toBeNull()
    // Back onto the header from the keyboard: its focus ring shows.
    await page.focus('[data-sort=theme]')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sort)).toBe('theme')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe(
      'solid',
    )
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.search === '?sort=-themeJa')
    await expect.poll(() => rowIds(page).then((ids) => ids.slice(0, 5))).toEqual([5, 2, 4, 3, 1])
    expect(await page.getAttribute('th.col-theme', 'aria-sort')).toBe('descending')

    // A search in Japanese narrows the list and keeps the sort; a filter keeps the search.
    await page.fill('input[name=q]', 'でん六')
    await page.waitForURL((url) => url.searchParams.get('q') === 'でん六')
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-themeJa')
    await expect.poll(() => rowIds(page)).toEqual([DENROKU])
    expect(await total(page)).toBe('1')
    await page.selectOption('select[name=field]', 'food')
    await page.waitForURL((url) => url.searchParams.get('field') === 'food')
    expect(new URL(page.url()).searchParams.get('q')).toBe('でん六')
    expect(await page.inputValue('input[name=q]')).toBe('でん六')
    await expect.poll(() => rowIds(page)).toEqual([DENROKU])
    await page.selectOption('select[name=fyFrom]', '2016')
    await page.waitForURL((url) => url.searchParams.get('fyFrom') === '2016')
    await expect
      .poll(() => page.locator('[data-empty]').textContent())
      .toBe('「でん六」に一致するプロジェクトはありません。')

    // Without the search the filters alone apply: food projects adopted from FY2016 on.
    await page.fill('input[name=q]', '')
    await page.waitForURL((url) => !url.searchParams.has('q'))
    await expect.poll(() => rowIds(page)).toEqual([5])
    expect(problems).toEqual([])
  })

  it('fits a phone, with a select standing in for the headers', async () => {
    const { page, problems } = await open('/projects', { viewport: VIEWPORTS.phone, reducedMotion: 'reduce' })
    await page.waitForSelector('[data-project-row]')
    await fitsWidth(page)
    expect(await page.locator('th.col-company').isVisible()).toBe(false)
    await page.selectOption('select[name=sort]', 'partnerCount')
    await page.waitForURL((url) => url.search === '?sort=partnerCount')
    await page.selectOption('select[name=sort]', '-partnerCount')
    await page.waitForURL((url) => url.search === '?sort=-partnerCount')
    await expect.poll(() => rowIds(page).then((ids) => ids[0])).toBe(DENROKU)
    // Only the adoptions the brochure describes: its five featured projects.
    await page.check('input[name=described]')
    await page.waitForURL((url) => url.search === '?sort=-partnerCount&described=1')
    await expect.poll(() => total(page)).toBe('5')
    expect(await rowIds(page)).toEqual([1, 3, 2, 4, 5])
    expect(await page.locator('[data-project-row="1"] .project-phone-line').textContent()).toBe(
      '㈱でん六 · 食品 · 完了',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/projects-390x844.png`, fullPage: true })

    await page.click('[data-locale=en]')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Projects')
    expect(await page.locator('[data-total]').textContent()).toBe('1–5 of 5')
    expect(await page.locator('[data-sort=theme]').textContent()).toContain('Theme')
    expect(await page.locator('[data-project-row="1"] .project-link').textContent()).toContain(
      'Adding value to high-oleic peanut germ',
    )
    expect(await page.locator('[data-project-row="1"] .project-phone-line').textContent()).toBe(
      'Denroku Co., Ltd. · Food · Completed',
    )
    expect(problems).toEqual([])
  })
})

describe('a project’s page', () => {
  let finding: Finding
  let outcome: Outcome

  beforeAll(async () => {
    finding = await admin.request<Finding>('POST', '/findings', {
      projectId: DENROKU,
      statementJa: '焙煎によりピーナッツ胚芽のオレイン酸とGABAが増加し、スクロースが減少した。',
      statementEn: 'Roasting increased oleic acid and GABA in peanut germ and decreased sucrose.',
      comparisonJa: '焙煎 vs 生',
      comparisonEn: 'roasted vs raw',
      platform: 'CE-TOFMS',
      evidenceLevel: 'analytical',
      reportedOn: '2016-06-15',
      visibility: 'public',
      metaboliteResults: [
        { name: 'オレイン酸', keggId: 'C00712', direction: 'up', foldChange: 2.4, pValue: 0.003 },
        { name: 'GABA', keggId: 'C00334', direction: 'up', foldChange: 1.6 },
        { name: 'スクロース', direction: 'down', foldChange: 0.5, pValue: 0.02 },
        { name: 'アルギニン', direction: 'up' },
      ],
    })
    outcome = await admin.request<Outcome>('POST', '/outcomes', {
      projectId: DENROKU,
      kind: 'press_release',
      titleJa: '焙煎ピーナッツ胚芽の機能性成分を発表',
      titleEn: 'Functional components of roasted peanut germ announced',
      occurredOn: '2016-07-01',
      visibility: 'public',
      restsOn: [finding.id],
    })
    await admin.request('POST', '/events', {
      kind: 'technology_seminar',
      titleJa: 'ピーナッツ胚芽の研究成果発表',
      titleEn: 'Results on peanut germ',
      heldOn: '2016-11-10',
      city: '山形市',
      attendance: 64,
      projectIds: [DENROKU],
    })
  })

  const fold = (page: Page, color: string) =>
    page.locator(`[data-chart=fold-changes-${finding.id}] svg path[fill="${color}"]`).count()

  it('shows the project, its findings with their metabolites and fold changes, outcomes and events', async () => {
    const { page, problems } = await open('/projects?q=でん六')
    await page.click(`[data-project="${DENROKU}"]`)
    await page.waitForURL((url) => url.pathname === `/projects/${DENROKU}`)
    await page.waitForSelector(`[data-chart=fold-changes-${finding.id}][data-state=drawn]`)

    expect(await page.locator('h1').textContent()).toBe(
      'ハイオレイックピーナッツ胚芽の高付加価値化と商品開発',
    )
    expect(await page.locator('[data-company]').textContent()).toMatch(/^\s*㈱でん六\s*山形市\s*$/)
    expect(await trimmed(page, '.project-facts dd')).toEqual([
      '平成25年度 FY2013 (H25)',
      '平成25年度〜平成27年度 FY2013 (H25) – FY2015 (H27)',
      'バイオクラスター形成促進事業',
      '記載なし',
      '食品',
      '完了',
    ])
    expect(await page.locator('[data-partner]').count()).toBe(4)
    // The brochure gives no amounts: "not recorded", never ¥0.
    expect(await page.locator('[data-grants=unrecorded]').textContent()).toContain('未登録')
    expect(await page.locator('[data-section=grants]').textContent()).not.toMatch(/[¥￥]\s*0/)

    // Both findings; the new one's four metabolites in its table, three of them charted: two up, one down.
    expect(await page.locator('[data-finding]').count()).toBe(2)
    const added = page.locator(`[data-finding="${finding.id}"]`)
    expect(await added.locator('.evidence-tag').textContent()).toBe('成分分析')
    expect(await added.locator('[data-table=metabolites] tbody tr').count()).toBe(4)
    expect(
      await trimmed(
        page,
        `[data-finding="${finding.id}"] [data-table=metabolites] tbody th .metabolite-name`,
      ),
      // Most significant first (by p-value), then those without one in the order entered.
    ).toEqual(['オレイン酸', 'スクロース', 'GABA', 'アルギニン'])
    expect(await fold(page, UP_COLOR)).toBe(2)
    expect(await fold(page, DOWN_COLOR)).toBe(1)
    expect(await added.locator('.fold-change-panel .panel-note').textContent()).toContain(
      '倍率の記載がない1件',
    )
    // The chart's data as a table, for screen readers.
    expect(await trimmed(page, `[data-chart=fold-changes-${finding.id}] table tbody th`)).toEqual([
      'オレイン酸',
      'GABA',
      'スクロース',
    ])

    // From each finding to the outcomes resting on it, and back.
    const ledTo = added.locator('[data-led-to] a')
    expect(await ledTo.allTextContents()).toEqual(['焙煎ピーナッツ胚芽の機能性成分を発表'])
    await ledTo.click()
    await page.waitForURL((url) => url.hash === `#outcome-${outcome.id}`)
    expect(await page.locator(`#outcome-${outcome.id}`).isVisible()).toBe(true)
    expect(await trimmed(page, `[data-outcome="${outcome.id}"] [data-rests-on] a`)).toEqual([
      '焙煎によりピーナッツ胚芽のオレイン酸とGABAが増加し、スクロースが減少した。',
    ])
    // The brochure's own line: the peanut germ chocolate rests on the germ's analysis.
    expect(await page.locator('[data-finding="6"] [data-led-to] a').textContent()).toBe(
      'ピーナッツ胚芽チョコ',
    )

    // Outcomes on a timeline by FY; the seminar where the project was presented.
    expect(
      await page.$$eval('.project-timeline [data-fy]', (years) =>
        years.map((y) => (y as HTMLElement).dataset.fy),
      ),
    ).toEqual(['2015', '2016'])
    expect(await trimmed(page, '.project-timeline .timeline-fy')).toEqual([
      '平成27年度 FY2015 (H27)',
      '平成28年度 FY2016 (H28)',
    ])
    expect(await page.locator('[data-table=project-events] tbody tr').count()).toBe(1)
    expect(await page.locator('[data-table=project-events] tbody tr').textContent()).toContain('64')
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: `${SCREENSHOTS}/project-1366x768.png`, fullPage: true })

    // English: every label, the FY forms the other way round, the record's English texts.
    await page.click('[data-locale=en]')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Adding value to high-oleic peanut germ and developing products from it')
    expect(await page.locator('#project-findings-title').textContent()).toBe('Findings')
    expect(await page.locator('[data-company]').textContent()).toContain('Denroku Co., Ltd.')
    expect(await trimmed(page, '.project-facts dt')).toEqual([
      'Adopted',
      'Period',
      'Program',
      'Subsidy menu',
      'Field',
      'Status',
    ])
    expect(await page.locator('[data-fact=adoptedFy] dd').textContent()).toContain('FY2013 (H25) 平成25年度')
    expect(await page.locator('[data-grants=unrecorded]').textContent()).toContain('Not recorded')
    expect(await added.locator('[data-table=metabolites] thead th').first().textContent()).toBe('Metabolite')
    expect(await added.locator('[data-led-to] h4').textContent()).toBe('Led to')
    await page.waitForSelector(`[data-chart=fold-changes-${finding.id}][data-state=drawn]`)
    expect(await fold(page, UP_COLOR)).toBe(2)
    expect(problems).toEqual([])
  })

  it('fits a phone', async () => {
    const { page, problems } = await open(`/projects/${DENROKU}`, {
      viewport: VIEWPORTS.phone,
      reducedMotion: 'reduce',
    })
    await page.waitForSelector(`[data-chart=fold-changes-${finding.id}][data-state=drawn]`)
    await fitsWidth(page)
    expect(await fold(page, UP_COLOR)).toBe(2)
    await page.screenshot({ path: `${SCREENSHOTS}/project-390x844.png`, fullPage: true })

    // Printed: the record, its tables and chart, without navigation or in-page links.
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.breadcrumb').isVisible()).toBe(false)
    expect(await page.locator('.project-counts').isVisible()).toBe(false)
    expect(await page.locator('.app-nav').isVisible()).toBe(false)
    expect(await page.locator(`[data-chart=fold-changes-${finding.id}] svg`).isVisible()).toBe(true)
    expect(await page.locator('[data-table=metabolites]').first().isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  it('says what the brochure does not give, and when there is no such project', async () => {
    // Opened at its finding (the persimmon press release's, id 7 in the dataset), as a shared link would.
    const { page, problems } = await open(`/projects/${EARLIER_PROGRAM}#finding-7`)
    await page.waitForSelector('[data-no-details]')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('finding-7')
    expect(await page.locator('h1').textContent()).toBe(`プロジェクト #${EARLIER_PROGRAM}`)
    // No empty sections pretending: no partners or grants, no chart without fold changes, but the table.
    expect(await page.locator('[data-section=partners], [data-section=grants]').count()).toBe(0)
    expect(await page.locator('[data-table=metabolites] tbody tr').count()).toBe(2)
    expect(await page.locator('[data-no-chart]').count()).toBe(1)
    expect(await page.locator('.project-timeline [data-fy=undated] [data-outcome]').count()).toBe(9)
    expect(await page.locator('[data-section=events]').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/project-no-details-1366x768.png`, fullPage: true })

    await page.goto(`${server.url}/projects/99999`)
    await page.waitForSelector('[data-not-found]')
    expect(await page.locator('h1').textContent()).toBe('プロジェクトが見つかりません')
    // The one failure is the API's 404 for the missing project (Chromium logs it to the console too).
    expect(problems.filter((p) => !/Failed to load resource: .* 404/.test(p))).toEqual([
      `HTTP 404: ${server.url}/api/projects/99999`,
    ])
  })
})
