import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { HISTORY_PAGE_TABLES } from '../../client/composables/audit-records.ts'
import { changesApiQuery, parseChangeFilters } from '../../client/composables/useChangesQuery.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import ChangesPage from '../../client/pages/ChangesPage.vue'
import { routes } from '../../client/router.ts'
import { installSignInGuard } from '../../client/routes/editing.ts'
import type { AuditActors, AuditEntry, AuditList } from '../../server/schemas/audit.ts'
import type { Session } from '../../server/schemas/auth.ts'

// The list of all changes: its filters read from and written to the URL, the API asked for the right page
// in Japan time, each row's record, links, action and fields, and the refusal a viewer or partner gets.

describe('the filters in the URL', () => {
  it('keep the valid values only', () => {
    expect(
      parseChangeFilters({
        table: 'findings',
        record: '12',
        actor: '0',
        action: 'rename',
        from: '2026-02-30',
        to: '2026-04-30',
        extra: 'x',
      }),
    ).toEqual({ table: 'findings', record: 12, to: '2026-04-30' })
    expect(parseChangeFilters({ table: 'passwords', record: '1e3', from: ['2026-04-01', 'x'] })).toEqual({
      from: '2026-04-01',
    })
  })

  it('ask the API for whole days in Japan time, the last day included, a page at a time', () => {
    expect(changesApiQuery({ from: '2026-03-31', to: '2026-03-31', actor: 3 }, 3)).toEqual({
      table: undefined,
      recordId: undefined,
      actor: 3,
      action: undefined,
      from: '2026-03-31T00:00:00+09:00',
      to: '2026-04-01T00:00:00+09:00',
      limit: 20,
      offset: 40,
    })
  })

  it('link only to the histories the router has a page for', () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    for (const table of HISTORY_PAGE_TABLES) {
      expect(router.resolve(`/history/${table}/1`).name, table).toBe('history')
    }
  })
})

const session = (role: 'manager' | 'viewer' | 'partner'): Session => ({
  user: { id: 3, email: 'm@example.test', displayName: '事務局 花子', role, organizationId: null },
  csrfToken: 'token',
  expiresAt: null,
  idleMinutes: 120,
})

const entry = (patch: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-04-10T01:30:00.000Z',
  action: 'update',
  table: 'findings',
  recordId: 12,
  actor: { id: 3, email: 'm@example.test', displayName: '事務局 花子' },
  before: null,
  after: null,
  ...patch,
})

const changes: AuditList = {
  total: 45,
  items: [
    entry({
      id: 90,
      before: { id: 12, statementJa: '加熱でGABAが増えた', platform: null, version: 1 },
      after: { id: 12, statementJa: '加熱によりGABAが増加した', platform: 'CE-TOFMS', version: 2 },
    }),
    entry({
      id: 89,
      action: 'create',
      table: 'metabolite_results',
      actor: null,
      after: { id: 400, findingId: 12, name: 'GABA', foldChange: 2.5 },
    }),
    entry({
      id: 88,
      action: 'delete',
      table: 'projects',
      recordId: 7,
      actor: { id: 9, email: null, displayName: null },
      before: { id: 7, themeJa: '消えたテーマ' },
    }),
  ],
}
const actors: AuditActors = {
  items: [
    { id: 3, email: 'm@example.test', displayName: '事務局 花子', changes: 41 },
    { id: 5, email: 'p@example.test', displayName: '山形 太郎', changes: 4 },
  ],
}

let requests: URL[]
let auditStatus: number

beforeEach(() => {
  requests = []
  auditStatus = 200
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const parsed = new URL(url, 'http://localhost')
      requests.push(parsed)
      if (parsed.pathname === '/api/audit/actors') return Response.json(actors)
      if (parsed.pathname === '/api/audit') {
        return auditStatus === 200
          ? Response.json(changes)
          : Response.json({ statusCode: 403, error: 'Forbidden', message: 'no' }, { status: 403 })
      }
      return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 })
    }),
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  resetSession()
})

async function open(url: string, role: 'manager' | 'viewer' | 'partner' = 'manager', locale: Locale = 'ja') {
  resetSession(session(role))
  const router = createRouter({ history: createMemoryHistory(), routes })
  installSignInGuard(router)
  await router.push(url)
  const page = mount(ChangesPage, { global: { plugins: [createAppI18n(locale), router] } })
  await flushPromises()
  const auditRequests = () => requests.filter((r) => r.pathname === '/api/audit')
  return { page, router, auditRequests }
}

describe('ChangesPage', () => {
  it('asks for the filters in the URL and shows them chosen', async () => {
    const { page, auditRequests } = await open(
      '/changes?table=findings&record=12&actor=5&action=update&from=2026-04-01&to=2026-04-30&page=2',
    )
    const [asked] = auditRequests()
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      table: 'findings',
      recordId: '12',
      actor: '5',
      action: 'update',
      from: '2026-04-01T00:00:00+09:00',
      to: '2026-05-01T00:00:00+09:00',
      limit: '20',
      offset: '20',
    })
    const value = (name: string) => (page.find(`[name=${name}]`).element as HTMLInputElement).value
    expect([
      value('table'),
      value('record'),
      value('actor'),
      value('action'),
      value('from'),
      value('to'),
    ]).toEqual(['findings', '12', '5', 'update', '2026-04-01', '2026-04-30'])
    expect((page.find('[name=actor]').element as HTMLSelectElement).selectedOptions[0]?.text).toBe(
      '山形 太郎（4件）',
    )
    expect(page.find('[data-count]').text()).toBe('45件中 21〜23件を表示')
    expect(page.find('[data-page="3"]').exists()).toBe(true)
  })

  it('shows when, who, which record with its links, the action, and each field before → after', async () => {
    const { page } = await open('/changes')
    const rows = page.findAll('[data-entry]')
    expect(rows.map((row) => row.attributes('data-entry'))).toEqual(['90', '89', '88'])

    const [update, part, removed] = rows
    expect(update?.find('.history-action').text()).toBe('変更')
    expect(update?.find('[data-link=record]').text()).toBe('解析結果 #12')
    expect(update?.find('[data-link=record]').attributes('href')).toBe('/findings/12/edit')
    expect(update?.find('.changes-title').text()).toBe('加熱によりGABAが増加した')
    expect(update?.find('[data-link=history]').attributes('href')).toBe('/history/findings/12')
    expect(update?.find('time').attributes('datetime')).toBe('2026-04-10T01:30:00.000Z')
    expect(update?.find('time').text()).toContain('10:30')
    expect(update?.find('.history-who').text()).toBe('事務局 花子')
    const statement = update?.find('[data-field=statementJa]')
    expect(statement?.find('th').text()).toContain('解析結果（日本語）')
    expect(statement?.find('.history-before').text()).toBe('加熱でGABAが増えた')
    expect(statement?.find('.history-after').text()).toBe('加熱によりGABAが増加した')
    expect(update?.find('[data-field=platform] .history-before').text()).toBe('（空）')
    expect(update?.find('[data-field=version]').exists()).toBe(false)

    // A metabolite result's row is about its finding; the system wrote it.
    expect(part?.find('.history-action').text()).toBe('作成')
    expect(part?.find('[data-link=record]').text()).toBe('解析結果 #12')
    expect(part?.find('.history-table').text()).toBe('代謝物の結果')
    expect(part?.find('.changes-title').exists()).toBe(false)
    expect(part?.find('.history-who').text()).toBe('システム（初期データなど）')
    expect(part?.find('[data-field=name] .history-after').text()).toBe('GABA')

    // A deleted project: no page to open, its history stays; the user who did it is deleted too.
    expect(removed?.find('[data-link=record]').exists()).toBe(false)
    expect(removed?.find('.changes-record').text()).toBe('プロジェクト #7')
    expect(removed?.find('.changes-title').text()).toBe('消えたテーマ')
    expect(removed?.find('[data-link=history]').attributes('href')).toBe('/history/projects/7')
    expect(removed?.find('.history-who').text()).toBe('削除されたユーザー #9')
  })

  it('puts a changed filter in the URL, starting again at the first page', async () => {
    const { page, router, auditRequests } = await open('/changes?action=update&page=3')
    await page.find('[name=table]').setValue('outcomes')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/changes?table=outcomes&action=update')
    await page.find('[name=record]').setValue('x7')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/changes?table=outcomes&action=update')
    await page.find('[name=from]').setValue('2026-04-01')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({
      table: 'outcomes',
      action: 'update',
      from: '2026-04-01',
    })
    expect(auditRequests().at(-1)?.searchParams.get('from')).toBe('2026-04-01T00:00:00+09:00')
    await page.find('[data-action=clear-filters]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/changes')
  })

  it('speaks English in an English UI', async () => {
    const { page } = await open('/changes', 'manager', 'en')
    expect(page.find('h1').text()).toBe('All changes')
    expect(page.find('[data-entry="90"] [data-link=record]').text()).toBe('Finding #12')
    expect(page.find('[data-count]').text()).toBe('Showing 1–3 of 45')
  })

  it('tells a viewer or a partner it is not for them, without asking the API', async () => {
    for (const role of ['viewer', 'partner'] as const) {
      const { page, auditRequests } = await open('/changes', role)
      expect(page.find('[data-access=denied]').text()).toBe('変更の一覧は事務局と管理者のみ閲覧できます。')
      expect(page.find('[data-entry]').exists()).toBe(false)
      expect(auditRequests()).toEqual([])
      page.unmount()
    }
  })

  it('says the same when the API refuses a manager whose role has changed meanwhile', async () => {
    auditStatus = 403
    const { page } = await open('/changes')
    expect(page.find('[data-access=denied]').exists()).toBe(true)
    expect(page.find('[role=alert].status-error').exists()).toBe(false)
  })
})
