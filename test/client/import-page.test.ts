import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { resetSession } from '../../client/composables/useSession.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import ImportPage from '../../client/pages/ImportPage.vue'
import { routes } from '../../client/router.ts'
import type { Session } from '../../server/schemas/auth.ts'
import type { ImportMapping, RecordImportReport } from '../../server/schemas/record-import.ts'

// The import page against a stubbed API: the file uploaded for a dry run, the suggested mapping shown and
// changed, the refused rows with their reasons in the reader's language, a saved mapping reused and a new one
// saved, the commit only once every row is fine, and who the page is for.

const FIELDS = [
  'id',
  'programId',
  'menuId',
  'adoptedFy',
  'leadOrgId',
  'themeJa',
  'themeEn',
  'field',
  'partners',
]

const report = (patch: Partial<RecordImportReport>): RecordImportReport => ({
  kind: 'projects',
  dryRun: true,
  committed: false,
  layout: 'csv',
  encoding: 'shift_jis',
  headerLine: 1,
  fields: FIELDS,
  columns: [
    { header: 'テーマ名', field: 'themeJa', suggested: 'themeJa' },
    { header: '採択年度', field: 'adoptedFy', suggested: 'adoptedFy' },
    { header: '企業名', field: 'leadOrgId', suggested: 'leadOrgId' },
    { header: '備考欄', field: null, suggested: null },
  ],
  missingColumns: [],
  counts: { create: 1, update: 1, unchanged: 0, refused: 1 },
  rows: [
    { line: 2, action: 'create', id: null, changes: [], problems: [] },
    { line: 3, action: 'update', id: 7, changes: ['themeEn', 'field'], problems: [] },
    {
      line: 4,
      action: 'refused',
      id: null,
      changes: [],
      problems: [
        {
          field: 'body.leadOrgId',
          column: '企業名',
          message: 'no organization is named "無い会社"',
          keyword: 'unknownName',
          params: { record: 'organization', name: '無い会社' },
        },
        {
          field: 'body.adoptedFy',
          column: '採択年度',
          message: 'must be integer',
          keyword: 'type',
          params: { type: 'integer' },
        },
      ],
    },
  ],
  ...patch,
})

const clean = report({
  counts: { create: 2, update: 1, unchanged: 0, refused: 0 },
  rows: [
    { line: 2, action: 'create', id: null, changes: [], problems: [] },
    { line: 3, action: 'update', id: 7, changes: ['themeEn'], problems: [] },
    { line: 4, action: 'create', id: null, changes: [], problems: [] },
  ],
})

const saved: ImportMapping = {
  id: 5,
  kind: 'projects',
  name: '旧台帳',
  columns: { テーマ名: 'themeJa', 採択年度: 'adoptedFy', 企業名: 'leadOrgId', 備考欄: 'themeEn' },
  createdBy: 3,
  version: 1,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
}

interface Sent {
  method: string
  url: URL
  body: unknown
  type: string | undefined
}
let sent: Sent[]
/** The answers to the imports, in turn. */
let answers: { status: number; body: unknown }[]

const session = (role: 'manager' | 'viewer' | 'partner'): Session => ({
  user: {
    id: 3,
    email: 'm@example.test',
    displayName: '事務局 花子',
    role,
    organizationId: role === 'partner' ? 4 : null,
  },
  csrfToken: 'token',
  expiresAt: null,
  idleMinutes: 120,
})

beforeEach(() => {
  sent = []
  answers = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const parsed = new URL(url, 'http://localhost')
      const headers = (init.headers ?? {}) as Record<string, string>
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
      sent.push({ method: init.method ?? 'GET', url: parsed, body, type: headers['content-type'] })
      if (parsed.pathname.startsWith('/api/imports/')) {
        const answer = answers.shift() ?? { status: 200, body: clean }
        return Response.json(answer.body, { status: answer.status })
      }
      if (parsed.pathname === '/api/import-mappings' && init.method === 'POST')
        return Response.json({ ...saved, id: 6, name: (body as { name: string }).name }, { status: 201 })
      if (parsed.pathname === '/api/import-mappings') return Response.json({ items: [saved], total: 1 })
      return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 })
    }),
  )
})
const mounted: VueWrapper[] = []
afterEach(() => {
  // Unmounted first: a session reset on a live page would change the kind and upload the file again.
  for (const page of mounted.splice(0)) page.unmount()
  vi.unstubAllGlobals()
  resetSession()
})

async function open(role: 'manager' | 'viewer' | 'partner' = 'manager', locale: Locale = 'ja') {
  resetSession(session(role))
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/import')
  const page = mount(ImportPage, { global: { plugins: [createAppI18n(locale), router] } })
  mounted.push(page)
  await flushPromises()
  return page
}

const file = new File(['テーマ名,採択年度\r\n'], '台帳.csv', { type: 'text/csv' })

async function choose(page: VueWrapper) {
  const input = page.find('input[type=file]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

const imports = () => sent.filter((s) => s.url.pathname.startsWith('/api/imports/'))
const mappingOf = (s: Sent | undefined) => JSON.parse(s?.url.searchParams.get('mapping') ?? 'null')

describe('ImportPage', () => {
  it('uploads the chosen file for a dry run and shows the columns, the counts and the refused rows first', async () => {
    answers.push({ status: 200, body: report({}) })
    const page = await open()
    expect((page.find('[name=kind]').element as HTMLSelectElement).value).toBe('projects')
    await choose(page)

    const [dryRun] = imports()
    expect(dryRun?.method).toBe('POST')
    expect(dryRun?.url.pathname).toBe('/api/imports/projects')
    expect(dryRun?.url.searchParams.get('dryRun')).toBe('true')
    expect(dryRun?.url.searchParams.has('mapping')).toBe(false)
    expect(dryRun?.body).toBe(file)
    expect(dryRun?.type).toBe('text/csv')

    expect(page.find('[data-read]').text()).toBe('CSV（Shift_JIS）として読み込みました。見出しは1行目です。')
    const selects = page.findAll('[data-table=import-columns] select')
    expect(selects.map((s) => (s.element as HTMLSelectElement).value)).toEqual([
      'themeJa',
      'adoptedFy',
      'leadOrgId',
      '',
    ])
    const company = page.find('[data-column=企業名] select').element as HTMLSelectElement
    expect(company.selectedOptions[0]?.text.trim()).toBe('実施企業')

    expect(page.find('[data-count=refused]').text()).toBe('1')
    expect(page.find('[data-summary=refused]').text()).toContain('1行を取り込めません')
    // The refused rows are shown first, each reason in Japanese beside its column.
    expect(page.find('[data-filter=refused]').attributes('aria-pressed')).toBe('true')
    const rows = page.findAll('[data-table=import-rows] tbody tr')
    expect(rows.map((row) => row.attributes('data-line'))).toEqual(['4'])
    expect(rows[0]?.findAll('.import-problems li').map((li) => li.text())).toEqual([
      '企業名 「無い会社」という機関は登録されていません',
      '採択年度 整数を入力してください',
    ])
    expect((page.find('[data-action=commit]').element as HTMLButtonElement).disabled).toBe(true)

    await page.find('[data-filter=all]').trigger('click')
    const all = page.findAll('[data-table=import-rows] tbody tr')
    expect(all.map((row) => row.attributes('data-action'))).toEqual(['create', 'update', 'refused'])
    expect(all[1]?.find('a').attributes('href')).toBe('/projects/7')
    expect(all[1]?.text()).toContain('変更: テーマ（英語）、研究分野')
  })

  it('checks again with a changed mapping, then commits the whole file once every row is fine', async () => {
    answers.push({ status: 200, body: report({}) }, { status: 200, body: clean })
    answers.push({
      status: 200,
      body: {
        ...clean,
        dryRun: false,
        committed: true,
        rows: clean.rows.map((r) => ({ ...r, id: r.id ?? 40 + r.line })),
      },
    })
    const page = await open()
    await choose(page)
    await page.find('[data-column=備考欄] select').setValue('themeEn')
    expect(page.find('[data-note=changed]').exists()).toBe(true)
    // The other columns cannot take the field chosen here.
    expect(page.find('[data-column=テーマ名] option[value=themeEn]').attributes('disabled')).toBeDefined()

    await page.find('[data-action=recheck]').trigger('click')
    await flushPromises()
    expect(mappingOf(imports()[1])).toEqual({
      テーマ名: 'themeJa',
      採択年度: 'adoptedFy',
      企業名: 'leadOrgId',
      備考欄: 'themeEn',
    })
    expect(page.find('[data-summary=ready]').text()).toContain('すべての行を取り込めます。')
    const commit = page.find('[data-action=commit]')
    expect(commit.text()).toBe('3行を取り込む')
    expect((commit.element as HTMLButtonElement).disabled).toBe(false)

    await commit.trigger('click')
    await flushPromises()
    const last = imports().at(-1)
    expect(last?.url.searchParams.get('dryRun')).toBe('false')
    expect(last?.body).toBe(file)
    expect(page.find('[data-summary=committed]').text()).toBe(
      '取り込みました（新規 2件、更新 1件、変更なし 0件）。',
    )
    expect(page.find('[data-action=commit]').exists()).toBe(false)
  })

  it('shows the report of a commit the server refuses, and says nothing was saved', async () => {
    answers.push({ status: 200, body: clean })
    const refused = report({ dryRun: false })
    answers.push({
      status: 422,
      body: { statusCode: 422, error: 'Unprocessable Entity', message: '1 row is refused', report: refused },
    })
    const page = await open()
    await choose(page)
    await page.find('[data-action=commit]').trigger('click')
    await flushPromises()
    expect(page.find('.import-summary').text()).toBe('取り込めない行があったため、何も保存していません。')
    expect(page.findAll('[data-table=import-rows] tbody tr').map((r) => r.attributes('data-line'))).toEqual([
      '4',
    ])
    expect(page.find('[data-error]').exists()).toBe(false)
  })

  it('reuses a saved mapping, and saves the columns as chosen under a name', async () => {
    const page = await open()
    await choose(page)
    await page.find('[name=saved-mapping]').setValue('5')
    await flushPromises()
    expect(mappingOf(imports().at(-1))).toEqual(saved.columns)

    await page.find('[name=mapping-name]').setValue('新しい台帳')
    expect(page.find('[data-action=save-mapping]').text()).toBe('対応表を保存')
    await page.find('form.import-save').trigger('submit')
    await flushPromises()
    const post = sent.find((s) => s.method === 'POST' && s.url.pathname === '/api/import-mappings')
    expect(post?.body).toEqual({
      kind: 'projects',
      name: '新しい台帳',
      columns: { テーマ名: 'themeJa', 採択年度: 'adoptedFy', 企業名: 'leadOrgId' },
    })
    expect(page.find('[data-saved]').text()).toBe('対応表「新しい台帳」を保存しました。')
  })

  it('says why a file cannot be read', async () => {
    answers.push({
      status: 422,
      body: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'x',
        errors: [{ field: 'body', message: 'The file is empty' }],
      },
    })
    const page = await open()
    await choose(page)
    expect(page.find('[data-error]').text()).toBe('このファイルは読み込めません: The file is empty')
    expect(page.find('[data-table=import-rows]').exists()).toBe(false)
  })

  it('speaks English in an English UI', async () => {
    answers.push({ status: 200, body: report({ layout: 'xlsx', encoding: null, headerLine: 3 }) })
    const page = await open('manager', 'en')
    await choose(page)
    expect(page.find('h1').text()).toBe('Import from a spreadsheet')
    expect(page.find('[data-read]').text()).toBe('Read as an Excel workbook (XLSX); the header is on row 3.')
    expect(page.findAll('[data-line="4"] .import-problems li').map((li) => li.text())).toEqual([
      '企業名 Organization “無い会社” is not recorded',
      '採択年度 Enter a whole number',
    ])
  })

  it('offers a partner findings and outcomes only, and tells a viewer the page is not for them', async () => {
    const partner = await open('partner')
    const kinds = partner.findAll('[name=kind] option').map((o) => (o.element as HTMLOptionElement).value)
    expect(kinds).toEqual(['findings', 'outcomes'])
    const viewer = await open('viewer')
    expect(viewer.find('[data-access=denied]').text()).toBe('あなたのアカウントでは記録を取り込めません。')
    expect(viewer.find('input[type=file]').exists()).toBe(false)
  })
})
