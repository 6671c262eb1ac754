import { mkdirSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shiftJis, utf8Bom } from '../import/record-files.ts'
import { createUser, E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The import page in the browser, on the brochure's records: a manager opens it from the user menu, uploads a
// Shift_JIS CSV with a row naming a company that is not recorded, sees it refused with its reason, uploads the
// corrected file and imports it; the page fits a laptop and a phone, in Japanese and in English.

const SCREENSHOTS = 'test-results/screenshots'
const ADMIN = 'admin@example.test'
const MANAGER = 'import-office@example.test'

const HEADER = ['テーマ名', '採択年度', '企業名', '事業メニュー', '連携機関', '研究分野', '備考欄']
const rows = (company: string) => [
  HEADER,
  [
    '取込試験: 発酵大豆のGABA',
    'H29',
    '株式会社メトセラ',
    'seed_exploration',
    '山形大学農学部、鶴岡工業高等専門学校',
    '食品',
    '',
  ],
  ['取込試験: 米ぬか由来の保湿素材', '平成30年度', company, '', '', '素材', '社内メモ'],
  ['取込試験: 庄内柿の機能性', 'R1', 'Spiber㈱', '', '山形県工業技術センター庄内試験場', '農業', ''],
]

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    startServer({ env: { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD } }),
    launchBrowser(),
  ])
  const admin = await signInApi(server.url, ADMIN)
  await createUser(admin, { email: MANAGER, displayName: '事務局 取込', role: 'manager' })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the import page', () => {
  it('refuses a file with an unknown company, then imports the corrected one', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/sign-in`)
    await page.fill('#field-email', MANAGER)
    await page.fill('#field-password', E2E_PASSWORD)
    await page.click('[data-action=sign-in]')
    // Signed in, the app leaves the sign-in page, and a change of page closes the user menu: open it after.
    await page.waitForURL((url) => url.pathname !== '/sign-in')
    await page.click('[data-user-menu]')
    await page.click('[data-nav=import]')
    await page.waitForURL(`${server.url}/import`)

    await page.setInputFiles('input[type=file]', {
      name: '採択一覧.csv',
      mimeType: 'text/csv',
      buffer: shiftJis(rows('山形架空工業株式会社')),
    })
    await page.waitForSelector('[data-summary=refused]')
    expect(await page.locator('[data-read]').textContent()).toContain('Shift_JIS')
    expect(await page.locator('[data-line="3"] .import-problems li').allTextContents()).toEqual([
      '企業名 「山形架空工業株式会社」という機関は登録されていません',
    ])
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      for (const locale of ['ja', 'en'] as const) {
        await page.click(`[data-locale=${locale}]`)
        await page.waitForSelector(`html[lang=${locale}]`)
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${size} ${locale}`).toBeLessThanOrEqual(viewport.width)
        await page.screenshot({ path: `${SCREENSHOTS}/import-refused-${size}-${locale}.png`, fullPage: true })
      }
      await page.click('[data-locale=ja]')
    }
    await page.setViewportSize(VIEWPORTS.desktop)

    await page.setInputFiles('input[type=file]', {
      name: '採択一覧（修正）.csv',
      mimeType: 'text/csv',
      buffer: utf8Bom(rows('ヒューマン・メタボローム・テクノロジーズ株式会社')),
    })
    await page.waitForSelector('[data-summary=ready]')
    await page.screenshot({ path: `${SCREENSHOTS}/import-ready-desktop-ja.png`, fullPage: true })
    await page.click('[data-action=commit]')
    await page.waitForSelector('[data-summary=committed]')
    expect(await page.locator('[data-summary=committed]').textContent()).toContain('新規 3件')
    await page.click('[data-locale=en]')
    await page.screenshot({ path: `${SCREENSHOTS}/import-committed-desktop-en.png`, fullPage: true })
    // The refused uploads answered 422 on purpose; nothing else went wrong.
    expect(problems.filter((p) => !/HTTP 422: .*\/api\/imports\/projects\?dryRun=false/.test(p))).toEqual([])
    await close()
  })
})
