import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../../server/schemas/findings.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import { type ApiSession, createUser, E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// Accounts and editing in the browser: a partner institution signs in, sees its confidential project, edits a
// finding (a refused value, a conflict), cannot see another institution's project, and signs out; a partner
// adds a finding that its project page shows to it and not to the public; an admin adds a user and reads the
// list of changes. The server runs over plain HTTP, so its session cookie must not be `Secure`.

const SCREENSHOTS = 'test-results/screenshots'
const ADMIN = 'admin@example.test'
/** Yamagata University, Faculty of Agriculture (dataset), and the prefectural Yonezawa university. */
const PARTNER_ORG = 2
const OTHER_ORG = 3

let server: RunningServer
let browser: Browser
let admin: ApiSession
let own: ProjectDetail
let other: ProjectDetail
/** A public project the partner institution takes part in: anyone sees it, not the partner's new finding. */
let shared: ProjectDetail
let finding: Finding
let otherFinding: Finding
let partnerEmail: string

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    startServer({ env: { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD } }),
    launchBrowser(),
  ])
  admin = await signInApi(server.url, ADMIN)
  const project = (themeJa: string, leadOrgId: number, partner: number, visibility = 'confidential') =>
    admin.request<ProjectDetail>('POST', '/projects', {
      themeJa,
      leadOrgId,
      adoptedFy: 2017,
      field: 'food',
      visibility,
      partners: [{ orgId: partner }],
    })
  ;[own, other, shared] = await Promise.all([
    project('秘密の共同研究（米麹）', 6, PARTNER_ORG),
    project('他機関の秘密研究', 16, OTHER_ORG),
    project('公開の共同研究（だだちゃ豆）', 6, PARTNER_ORG, 'public'),
  ])
  const findingOn = (projectId: number, statementJa: string) =>
    admin.request<Finding>('POST', '/findings', {
      projectId,
      statementJa,
      evidenceLevel: 'analytical',
      visibility: 'confidential',
      metaboliteResults: [
        { name: 'GABA', keggId: 'C00334', direction: 'up', foldChange: 2.5, pValue: 0.01 },
        { name: 'アラニン', direction: 'down', foldChange: 0.5 },
      ],
    })
  ;[finding, otherFinding] = await Promise.all([
    findingOn(own.id, '加熱によりGABAが増加した'),
    findingOn(other.id, '他機関の解析結果'),
  ])
  partnerEmail = 'hanako@example.test'
  await createUser(admin, {
    email: partnerEmail,
    displayName: '山形 花子',
    role: 'partner',
    organizationId: PARTNER_ORG,
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Refusals a step provokes on purpose (a 422, a 409, the session before sign-in) are not problems. */
const unexpected = (problems: string[], expected: RegExp[]) =>
  problems.filter((p) => !expected.some((e) => e.test(p)))

async function signIn(page: Page, email: string) {
  await page.fill('#field-email', email)
  await page.fill('#field-password', E2E_PASSWORD)
  await page.click('[data-action=sign-in]')
}

const ready = (page: Page) => page.waitForSelector('[data-form-state=ready]')

describe('a partner institution', () => {
  it('signs in, sees its confidential project, edits a finding, meets a refusal and a conflict, signs out', async () => {
    const { page, problems, close } = await openPage(browser)
    const editPath = `/findings/${finding.id}/edit`

    // The form needs an account: sign in first, then back to it.
    await page.goto(`${server.url}${editPath}`)
    await page.waitForURL(/\/sign-in\?returnTo=/)
    expect(await page.locator('h1').textContent()).toBe('サインイン')
    await page.fill('#field-email', partnerEmail)
    await page.fill('#field-password', 'not the password')
    await page.click('[data-action=sign-in]')
    expect(await page.locator('[data-summary=sign-in]').textContent()).toContain(
      'メールアドレスまたはパスワードが違います',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/editing-sign-in.png` })
    await signIn(page, partnerEmail)
    await page.waitForURL(`${server.url}${editPath}`)
    await ready(page)
    expect(await page.locator('[data-user-menu] .user-name').textContent()).toBe('山形 花子')
    expect(await page.locator('[data-user-menu] .role-badge').textContent()).toBe('連携機関')
    expect(await page.locator('.form-context').textContent()).toContain('秘密の共同研究（米麹）')
    // A partner does not set who may see a record.
    expect(await page.locator('select[name=visibility]').count()).toBe(0)

    // An edit is saved with the version read.
    await page.fill('#field-statementEn', 'GABA rose on heating')
    await page.click('[data-action=save]')
    expect(await page.locator('[data-saved]').textContent()).toBe('保存しました。')

    // A value the API refuses is shown beside its field, and the summary links to it.
    await page.fill('#field-metaboliteResults-1-foldChange', '-2')
    await page.click('[data-action=save]')
    const fieldError = page.locator('[data-field="metaboliteResults.1.foldChange"] [data-error]')
    expect(await fieldError.textContent()).toBe('0より大きい数値（比）を入力してください')
    expect(await page.locator('#field-metaboliteResults-1-foldChange').getAttribute('aria-invalid')).toBe(
      'true',
    )
    const summaryLink = page.locator('[data-summary=errors] a')
    expect(await summaryLink.textContent()).toContain('代謝物 2 › 倍率（fold change）')
    await page.screenshot({ path: `${SCREENSHOTS}/editing-finding-errors.png`, fullPage: true })
    await summaryLink.click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-metaboliteResults-1-foldChange')

    // Someone changes the record meanwhile: saving answers 409, and reloading takes the latest version.
    await page.fill('#field-metaboliteResults-1-foldChange', '0.4')
    const latest = await admin.request<Finding>('GET', `/findings/${finding.id}`)
    await admin.request('PATCH', `/findings/${finding.id}`, { version: latest.version, platform: 'CE-TOFMS' })
    await page.click('[data-action=save]')
    const conflict = page.locator('[data-conflict]')
    expect(await conflict.textContent()).toContain('ほかの人がこの記録を変更しました')
    expect(await page.locator('[data-action=save]').isDisabled()).toBe(true)
    await page.click('[data-action=reload]')
    await page.waitForSelector('[data-conflict]', { state: 'detached' })
    expect(await page.inputValue('#field-platform')).toBe('CE-TOFMS')
    expect(await page.inputValue('#field-metaboliteResults-1-foldChange')).toBe('0.5')

    // Its institution's confidential project opens; another institution's is a 404, as is its finding's form.
    await page.goto(`${server.url}/projects/${own.id}`)
    expect(await page.locator(`[data-project-page="${own.id}"] h1`).textContent()).toBe(
      '秘密の共同研究（米麹）',
    )
    await page.goto(`${server.url}/projects/${other.id}`)
    await page.waitForSelector('[data-not-found]')
    expect(await page.locator('body').textContent()).not.toContain('他機関の秘密研究')
    await page.goto(`${server.url}/findings/${otherFinding.id}/edit`)
    await page.waitForSelector('h1:has-text("ページが見つかりません")')
    expect(await page.locator('form').count()).toBe(0)
    expect(await page.locator('body').textContent()).not.toContain('他機関の解析結果')

    // Signing out ends the session on the server: the confidential project is gone from the page shown.
    await page.goto(`${server.url}/institutions?institution=${PARTNER_ORG}`)
    await page.waitForSelector(`[data-project-card="${own.id}"]`)
    await page.click('[data-user-menu]')
    await page.click('[data-action=sign-out]')
    await page.waitForSelector('[data-nav=sign-in]')
    await page.waitForSelector('.institution-link[aria-current=page]')
    await page.waitForSelector(`[data-project-card="${own.id}"]`, { state: 'detached' })
    await page.goto(`${server.url}/projects/${own.id}`)
    await page.waitForSelector('[data-not-found]')
    const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json()))
    expect(session.user).toBeNull()

    expect(
      unexpected(problems, [
        /HTTP 40[19]: .*\/api\/findings\//,
        /HTTP 422: .*\/api\/findings\//,
        /HTTP 401: .*\/api\/auth\/sign-in/,
        /HTTP 404: .*\/api\/(findings|projects)\//,
        /status of 40[149]|status of 422/,
      ]),
    ).toEqual([])
    await close()
  })
})

describe('a partner adding a finding', () => {
  it('signs in, sees only its projects, adds a finding its project page shows to it and not to the public', async () => {
    const { page, problems, close } = await openPage(browser)
    const email = 'jiro@example.test'
    await createUser(admin, { email, displayName: '鶴岡 次郎', role: 'partner', organizationId: PARTNER_ORG })

    await page.goto(`${server.url}/sign-in`)
    await signIn(page, email)
    await page.waitForURL(`${server.url}/`)
    await page.waitForSelector('[data-user-menu]')

    // Its own confidential project is listed; another institution's is not.
    await page.goto(`${server.url}/projects?q=${encodeURIComponent('秘密')}`)
    await page.waitForSelector(`[data-project-row="${own.id}"]`)
    expect(await page.locator(`[data-project-row="${other.id}"]`).count()).toBe(0)
    expect(await page.locator('body').textContent()).not.toContain('他機関の秘密研究')

    // The form offers its own projects only, and no choice of who may see the finding.
    await page.goto(`${server.url}/findings`)
    await page.click('[data-action=new-record]')
    await page.waitForURL(`${server.url}/findings/new`)
    await ready(page)
    const offered = await page
      .locator('#field-projectId option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    expect(offered).toEqual(expect.arrayContaining([String(own.id), String(shared.id)]))
    expect(offered).not.toContain(String(other.id))
    expect(await page.locator('select[name=visibility]').count()).toBe(0)

    await page.selectOption('#field-projectId', String(shared.id))
    await page.fill('#field-statementJa', 'だだちゃ豆の茹で時間で遊離アミノ酸が変化した')
    await page.selectOption('#field-evidenceLevel', 'analytical')
    // A value the API refuses is said in Japanese beside its field.
    await page.fill('#field-platform', 'x'.repeat(201))
    await page.click('[data-action=save]')
    expect(await page.locator('[data-field=platform] [data-error]').textContent()).toBe(
      '200文字以内で入力してください',
    )
    await page.fill('#field-platform', 'CE-TOFMS')
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/findings')),
      page.click('[data-action=save]'),
    ])
    expect(created.status()).toBe(201)
    const added = (await created.json()) as Finding
    expect(added).toMatchObject({ projectId: shared.id, visibility: 'confidential' })

    // The project page shows it to the partner…
    await page.goto(`${server.url}/projects/${shared.id}`)
    await page.waitForSelector(`[data-finding="${added.id}"]`)
    expect(await page.locator(`[data-finding="${added.id}"]`).textContent()).toContain(
      'だだちゃ豆の茹で時間で遊離アミノ酸が変化した',
    )
    await page.screenshot({ path: `${SCREENSHOTS}/editing-partner-finding.png`, fullPage: true })

    // …and not to an anonymous visitor, for whom the finding does not exist.
    const visitor = await openPage(browser)
    await visitor.page.goto(`${server.url}/projects/${shared.id}`)
    await visitor.page.waitForSelector(`[data-project-page="${shared.id}"]`)
    expect(await visitor.page.locator('[data-user-menu]').count()).toBe(0)
    expect(await visitor.page.locator(`[data-finding="${added.id}"]`).count()).toBe(0)
    expect(await visitor.page.locator('body').textContent()).not.toContain('だだちゃ豆の茹で時間')
    const direct = await visitor.page.request.get(`${server.url}/api/findings/${added.id}`)
    expect(direct.status()).toBe(404)
    expect(await direct.text()).not.toContain('だだちゃ豆')
    await visitor.close()

    expect(
      unexpected(problems, [
        /HTTP 400: .*\/api\/findings$/,
        /status of 400/,
        /HTTP 401: .*\/api\/auth\/session/,
      ]),
    ).toEqual([])
    expect(unexpected(visitor.problems, [])).toEqual([])
    await close()
  })
})

describe('an admin', () => {
  it('adds a user with a role and an institution, and disables them', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/users`)
    await page.waitForURL(/\/sign-in/)
    await signIn(page, ADMIN)
    await page.waitForSelector('[data-table=users]')

    await page.click('[data-action=new-user]')
    await page.fill('#field-displayName', '米沢 太郎')
    await page.fill('#field-email', 'taro@example.test')
    await page.selectOption('#field-role', 'partner')
    // A partner without an institution is refused beside the field.
    await page.fill('#field-password', E2E_PASSWORD)
    await page.click('[data-user-form=new] [data-action=save]')
    expect(await page.locator('[data-field=organizationId] [data-error]').textContent()).toBe(
      '入力または選択してください',
    )
    await page.selectOption('#field-organizationId', String(OTHER_ORG))
    await page.click('[data-user-form=new] [data-action=save]')
    expect(await page.locator('[data-saved]').textContent()).toContain('taro@example.test')
    const row = page.locator('tr[data-user="taro@example.test"]')
    expect(await row.locator('.role-badge').textContent()).toBe('連携機関')
    expect(await row.locator('td').nth(2).textContent()).toBe('山形県立米沢栄養大学')
    await page.screenshot({ path: `${SCREENSHOTS}/editing-users.png`, fullPage: true })

    // The new partner can sign in; disabling them ends that session on the server.
    const taro = await signInApi(server.url, 'taro@example.test')
    await row.locator('[data-action=disable]').click()
    await page.waitForSelector('tr[data-user="taro@example.test"] [data-status=disabled]')
    await expect(taro.request('GET', '/auth/session')).resolves.toMatchObject({ user: null })

    expect(unexpected(problems, [/HTTP 4(01|22): /, /status of 4(01|22)/])).toEqual([])
    await close()
  })

  it('reads the list of changes: filtered by who and what, with the record and its history a click away', async () => {
    await admin.request('PATCH', `/projects/${own.id}`, {
      version: (await admin.request<ProjectDetail>('GET', `/projects/${own.id}`)).version,
      sourceNote: '変更一覧の確認',
    })
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${server.url}/changes?table=projects&record=${own.id}`)
    await page.waitForURL(/\/sign-in/)
    await signIn(page, ADMIN)
    await page.waitForSelector('[data-entry]')
    expect(page.url()).toBe(`${server.url}/changes?table=projects&record=${own.id}`)

    // Who: the admin's own changes only, newest first; the filter goes into the URL.
    await page.selectOption('select[name=actor]', String(admin.user.id))
    await page.waitForURL(new RegExp(`actor=${admin.user.id}`))
    await page.selectOption('select[name=action]', 'update')
    await page.waitForURL(/action=update/)
    const latest = page.locator('[data-entry]').first()
    await latest.locator('[data-field=sourceNote]').waitFor()
    expect(await latest.locator('.history-action').textContent()).toBe('変更')
    expect(await latest.locator('[data-link=record]').textContent()).toBe(`プロジェクト #${own.id}`)
    expect(await latest.locator('[data-field=sourceNote] .history-after').textContent()).toBe(
      '変更一覧の確認',
    )

    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      for (const locale of ['ja', 'en'] as const) {
        await page.click(`[data-locale=${locale}]`)
        await page.waitForSelector(`html[lang=${locale}]`)
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${size} ${locale}`).toBeLessThanOrEqual(viewport.width)
        await page.screenshot({ path: `${SCREENSHOTS}/changes-${size}-${locale}.png`, fullPage: true })
      }
      await page.click('[data-locale=ja]')
    }
    await page.setViewportSize(VIEWPORTS.desktop)

    await latest.locator('[data-link=history]').click()
    await page.waitForURL(`${server.url}/history/projects/${own.id}`)
    await page.waitForSelector('.history-entry [data-field=sourceNote]')
    await page.click('[data-user-menu]')
    await page.click('[data-nav=changes]')
    await page.waitForURL(`${server.url}/changes`)
    await page.waitForSelector('[data-entry]')
    await page.screenshot({ path: `${SCREENSHOTS}/changes-all-desktop-ja.png` })
    await page.setViewportSize(VIEWPORTS.phone)
    await page.screenshot({ path: `${SCREENSHOTS}/changes-all-phone-ja.png` })

    expect(unexpected(problems, [/HTTP 401: /, /status of 401/])).toEqual([])
    await close()
  })
})
