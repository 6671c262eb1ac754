import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Menu } from '../../server/schemas/menus.ts'
import type { Organization } from '../../server/schemas/organizations.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import { type ApiSession, createUser, E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The program office's own records in the browser: a manager adds a project's grant from its page (refused
// over the menu's cap first), deletes it again so the page says "not recorded" once more, sets a KPI target
// from its overview card, and renames the lead company from the project page.

const SCREENSHOTS = 'test-results/screenshots'
const ADMIN = 'admin@example.test'
const MANAGER = 'office@example.test'

let server: RunningServer
let browser: Browser
let admin: ApiSession
let company: Organization
let project: ProjectDetail

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    startServer({ env: { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD } }),
    launchBrowser(),
  ])
  admin = await signInApi(server.url, ADMIN)
  await createUser(admin, { email: MANAGER, displayName: '事務局 一郎', role: 'manager' })
  const menus = await admin.request<{ items: Menu[] }>('GET', '/menus')
  const seed = menus.items.find((m) => m.code === 'seed_exploration')
  company = await admin.request<Organization>('POST', '/organizations', {
    kind: 'company',
    nameJa: '㈱庄内発酵',
    size: 'sme',
  })
  project = await admin.request<ProjectDetail>('POST', '/projects', {
    themeJa: '庄内産大豆の発酵によるGABA富化',
    leadOrgId: company.id,
    menuId: seed?.id,
    adoptedFy: 2025,
    startFy: 2025,
    endFy: 2026,
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signIn(page: Page) {
  await page.fill('#field-email', MANAGER)
  await page.fill('#field-password', E2E_PASSWORD)
  await page.click('[data-action=sign-in]')
}

const ready = (page: Page) => page.waitForSelector('[data-form-state=ready]')

describe('a manager', () => {
  it('adds a grant from the project page, within the cap, and deletes it again', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/sign-in?returnTo=/projects/${project.id}`)
    await signIn(page)
    await page.waitForSelector('[data-grants=unrecorded]')

    await page.click('[data-section=grants] [data-edit]')
    await ready(page)
    expect(await page.locator('[data-grant-terms] li').allTextContents()).toContain('1年目: 上限￥500,000')
    await page.fill('#field-fy', '2025')
    await page.fill('#field-amountYen', '600,000')
    await page.click('[data-action=save]')
    expect(await page.locator('[data-field=amountYen] [data-error]').textContent()).toMatch(/[¥￥]500,000/)
    await page.fill('#field-amountYen', '500,000')
    await page.click('[data-action=save]')
    await page.waitForURL(/\/grants\/\d+\/edit$/)
    await page.screenshot({ path: `${SCREENSHOTS}/grant-form.png`, fullPage: true })

    await page.getByRole('link', { name: 'キャンセル' }).click()
    const row = page.locator('[data-table=grants] tbody tr')
    await row.waitFor()
    expect(await row.locator('td').nth(1).textContent()).toBe('￥500,000')

    await row.locator('[data-edit]').click()
    await ready(page)
    await page.click('[data-action=delete]')
    await page.click('dialog [data-action=confirm]')
    await page.waitForSelector('[data-grants=unrecorded]')
    expect(unexpected(problems)).toEqual([])
    await close()
  })

  it('sets a KPI target from its overview card', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/sign-in?returnTo=/`)
    await signIn(page)
    const card = page.locator('[data-kpi=adoptions]')
    await card.locator('[data-edit]').click()
    await ready(page)
    expect(await page.inputValue('#field-metric')).toBe('adoptions')
    expect(await page.inputValue('#field-fy')).toBe('2025')
    await page.fill('#field-target', '4')
    await page.click('[data-action=save]')
    await page.waitForURL(/\/targets\/\d+\/edit$/)

    await page.goto(`${server.url}/`)
    expect(await card.locator('.kpi-target').textContent()).toContain('目標 4件')
    await page.goto(`${server.url}/targets`)
    expect(await page.locator('[data-metric=adoptions] [data-fy="2025"]').textContent()).toContain('4')
    expect(unexpected(problems)).toEqual([])
    await close()
  })

  it('renames the lead company from the project page', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/sign-in?returnTo=/projects/${project.id}`)
    await signIn(page)
    await page.click('[data-company] [data-edit]')
    await ready(page)
    await page.fill('#field-nameEn', 'Shonai Fermentation Co.')
    await page.click('[data-action=save]')
    await page.waitForSelector('[data-saved]')
    await page.screenshot({ path: `${SCREENSHOTS}/organization-form.png`, fullPage: true })
    expect((await admin.request<Organization>('GET', `/organizations/${company.id}`)).nameEn).toBe(
      'Shonai Fermentation Co.',
    )
    expect(unexpected(problems)).toEqual([])
    await close()
  })
})

/** The session asked before sign-in (401) and the cap refused on purpose (422) are not problems. */
const unexpected = (problems: string[]) => problems.filter((p) => !/HTTP 4(01|22)|status of 4(01|22)/.test(p))
