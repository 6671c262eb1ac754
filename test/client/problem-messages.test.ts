import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { FieldProblem as Problem } from '../../client/composables/field-errors.ts'
import { reasonOf, useProblemMessage } from '../../client/composables/problem-messages.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import FindingFormPage from '../../client/pages/FindingFormPage.vue'
import { routes } from '../../client/router.ts'
import type { Session } from '../../server/schemas/auth.ts'
import type { Finding } from '../../server/schemas/findings.ts'

// The API's reasons (keyword + params) said in the UI's language beside the fields; unknown reasons keep the
// API's English.

describe('reasonOf', () => {
  it('reads the schema keywords and the app’s reasons, and knows nothing of others', () => {
    const of = (keyword: string, params: Record<string, unknown> = {}) =>
      reasonOf({ field: 'body.x', message: 'm', keyword, params })
    expect(of('maxLength', { limit: 200 })).toEqual({
      key: 'forms.reasons.maxLength',
      named: { limit: 200 },
      as: { limit: 'number' },
    })
    expect(of('minLength', { limit: 1 })).toEqual({ key: 'forms.problems.required' })
    expect(of('pattern', { pattern: '\\S' })).toEqual({ key: 'forms.problems.required' })
    expect(of('format', { format: 'date-time' })).toEqual({ key: 'forms.reasons.formats.dateTime' })
    expect(of('unknownRecord', { record: 'project', id: 7 })).toEqual({
      key: 'forms.reasons.unknownRecord',
      named: { id: 7, record: 'project' },
      as: { record: { labels: 'forms.reasons.records' } },
    })
    expect(of('repeated', { result: 0 })).toEqual({ key: 'forms.reasons.repeated', named: { n: 1 } })
    expect(of('unknownRecord', { record: 'spaceship', id: 7 })).toBeUndefined()
    expect(of('dependentRequired')).toBeUndefined()
    expect(reasonOf({ field: 'body.x', message: 'm' })).toBeUndefined()
    expect(of('ownAccount', { action: 'launch' })).toBeUndefined()
    expect(of('overRate', { size: 'huge', rate: { numerator: 2, denominator: 3 } })).toBeUndefined()
    expect(
      of('breaksGrant', { id: 1, fy: 2025, reason: { keyword: 'somethingNew', params: {} } }),
    ).toBeUndefined()
  })
})

/** The dashboard's words for problems, in `locale`, as a form would say them. */
function sayIn(locale: Locale): (problem: Problem) => string {
  let say: ((problem: Problem) => string) | undefined
  const Speaker = defineComponent({
    setup() {
      say = useProblemMessage()
      return () => null
    },
  })
  mount(Speaker, { global: { plugins: [createAppI18n(locale)] } })
  if (!say) throw new Error('the component did not set up')
  return say
}

describe('the app’s own reasons', () => {
  const rate = { numerator: 2, denominator: 3 }
  const overRate = (size: string | null) => ({
    amountYen: 600_001,
    eligibleCostYen: 900_000,
    maxYen: 600_000,
    rate,
    size,
    menu: 'シーズ探索型',
  })
  /** Each reason as the API gives it, and what a Japanese and an English reader see. */
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'projectLacks',
      { missing: 'menuId' },
      'プロジェクトに事業メニューが登録されていないため、助成金の上限や補助率を確認できません。先にプロジェクトに事業メニューを登録してください',
      'The project has no subsidy menu, so no cap or rate can be checked. Set the project’s menu first',
    ],
    [
      'projectLacks',
      { missing: 'startFy' },
      'プロジェクトに開始年度が登録されていないため、助成金が何年目のものか分かりません。先にプロジェクトに開始年度を登録してください',
      'The project has no start year, so the year of the grant is unknown. Set the project’s start year first',
    ],
    [
      'beforeStart',
      { fy: 2024, startFy: 2025 },
      '令和6年度は、プロジェクトの開始年度（令和7年度）より前です',
      'FY2024 (R6) is before the project’s start year, FY2025 (R7)',
    ],
    [
      'afterEnd',
      { fy: 2027, endFy: 2026, lastYear: 2 },
      '令和9年度は、プロジェクトの終了年度（令和8年度、2年目）より後です',
      'FY2027 (R9) is after the project ends: FY2026 (R8) is its year 2',
    ],
    [
      'yearBeyondMenu',
      { fy: 2028, year: 4, maxYears: 3, menu: 'シーズ探索型' },
      '令和10年度はプロジェクトの4年目にあたりますが、この事業メニューの期間は最長3年です',
      'FY2028 (R10) would be year 4 of the project; this menu runs to year 3 at most',
    ],
    [
      'periodBeyondMenu',
      { startFy: 2025, endFy: 2028, years: 4, maxYears: 3, menu: 'シーズ探索型' },
      '令和7年度〜令和10年度は4年間ですが、この事業メニューの期間は最長3年です',
      'FY2025 (R7) to FY2028 (R10) is 4 years; this menu runs to year 3 at most',
    ],
    [
      'noCap',
      { year: 3, menu: 'シーズ探索型' },
      'この事業メニューには3年目の上限額が定められていません',
      'This menu sets no cap for year 3',
    ],
    [
      'overCap',
      { amountYen: 2_000_000, capYen: 500_000, year: 1, menu: 'シーズ探索型' },
      '￥2,000,000は、1年目の上限額（￥500,000）を超えています',
      '¥2,000,000 exceeds the cap of ¥500,000 for year 1',
    ],
    [
      'overRate',
      overRate('sme'),
      '￥600,001は、中小企業の補助率で認められる額（補助対象経費￥900,000の2/3、￥600,000）を超えています',
      '¥600,001 exceeds 2/3 of the eligible cost ¥900,000 (at most ¥600,000), the SME rate',
    ],
    [
      'overRate',
      overRate('large'),
      '￥600,001は、大企業の補助率で認められる額（補助対象経費￥900,000の2/3、￥600,000）を超えています',
      '¥600,001 exceeds 2/3 of the eligible cost ¥900,000 (at most ¥600,000), the large-company rate',
    ],
    [
      'overRate',
      overRate(null),
      '企業規模が不明のため中小企業の補助率を適用しました。￥600,001は、その補助率で認められる額（補助対象経費￥900,000の2/3、￥600,000）を超えています',
      '¥600,001 exceeds 2/3 of the eligible cost ¥900,000 (at most ¥600,000), the SME rate, applied as the lead company’s size is unknown',
    ],
    [
      'menuOfOtherProgram',
      { menu: 'seed_exploration', menuProgram: 'biotech_commercialization', program: 'bio_cluster' },
      'この事業メニューは、このプロジェクトの事業のメニューではありません',
      'This menu belongs to another program than the project’s',
    ],
    [
      'leadKind',
      { name: '理由研究所', kind: 'public_lab' },
      '理由研究所（公設試験研究機関）は実施企業になれません。企業・協同組合・ベンチャー企業から選んでください',
      '理由研究所 (Public research institute) cannot lead a project; choose a company, cooperative or venture',
    ],
    [
      'breaksGrant',
      { id: 12, fy: 2025, reason: { keyword: 'beforeStart', params: { fy: 2025, startFy: 2026 } } },
      '令和7年度の助成金（#12）が条件に合わなくなります: 令和7年度は、プロジェクトの開始年度（令和8年度）より前です',
      'The FY2025 (R7) grant (#12) would break its rules: FY2025 (R7) is before the project’s start year, FY2026 (R8)',
    ],
    [
      'fyMismatch',
      { fy: 2017, date: '2017-02-10', dateFy: 2016 },
      '平成29年度は、2017/02/10の年度（平成28年度）と一致しません。日付があれば、年度は日付から決まります',
      'FY2017 (H29) does not match the date Feb 10, 2017, which falls in FY2016 (H28); with a date, the FY follows it',
    ],
    [
      'fyMismatch',
      { fy: null, date: '2017-02-01', dateFy: 2016 },
      '年度が空欄ですが、2017/02/01は平成28年度の日付です',
      'The FY is empty, but Feb 1, 2017 falls in FY2016 (H28)',
    ],
    [
      'tooFarAhead',
      { fy: 2030 },
      '令和12年度は1年以上先の年度です',
      'FY2030 (R12) is more than a year from today',
    ],
    [
      'tooFarAhead',
      { date: '2030-05-01', latest: '2027-01-01' },
      '2030/05/01は1年以上先の日付です',
      'May 1, 2030 is more than a year from today',
    ],
    [
      'tooEarly',
      { date: '1979-12-31', earliest: '1980-01-01' },
      '1979/12/31は1980/01/01より前です。1980/01/01以降の日付を入力してください',
      'Dec 31, 1979 is before Jan 1, 1980, the earliest date a record may have',
    ],
    [
      'needsDate',
      { dateField: 'heldOn' },
      '日付の精度は、日付を入力したときに指定します',
      'Only a date has a precision: enter the date first',
    ],
    [
      'partnersOnly',
      { role: 'viewer' },
      '所属機関は連携機関のユーザーにだけ設定します。権限が「閲覧者」のユーザーは空欄にしてください',
      'Only partners belong to an organization; leave it empty for this role (Viewer)',
    ],
    [
      'ownAccount',
      { action: 'disable' },
      '自分のアカウントは無効にできません',
      'You cannot disable your own account',
    ],
    [
      'ownAccount',
      { action: 'demote' },
      '自分のアカウントから管理者の権限は外せません',
      'You cannot take the admin role from your own account',
    ],
    [
      'ownAccount',
      { action: 'delete' },
      '自分のアカウントは削除できません。ほかの管理者が削除できます',
      'You cannot delete your own account; another admin can',
    ],
    [
      'projectSlideOnly',
      { kind: 'kpis' },
      'プロジェクトを指定できるのは、プロジェクト紹介のスライドだけです',
      'Only a project slide names a project',
    ],
    [
      'notPublic',
      { id: 5 },
      'プロジェクト #5 は公開のプロジェクトではありません。発表資料には公開のデータだけを表示します',
      'Project #5 is not public: a deck shows public data only',
    ],
    [
      'importedResults',
      { count: 3 },
      '取り込んだ解析結果（3件）があります。入れ替えるにはファイルを取り込み直してください',
      'This finding holds 3 imported results; import a file again to replace them',
    ],
    [
      'frozen',
      {},
      '数値を固定している間は変更できません。先に固定を解除してください',
      'Cannot change while the figures are frozen; unfreeze them first',
    ],
    [
      'notBoth',
      { other: 'mappingId' },
      'mappingIdと同時には指定できません。どちらか一方にしてください',
      'Give this or mappingId, not both',
    ],
    [
      'otherKind',
      { kind: 'outcomes', expected: 'projects' },
      'この対応表は「成果」用です。「プロジェクト」の取り込みには使えません',
      'This mapping is for “Outcomes”, not for “Projects”',
    ],
    ['format', { format: 'json' }, 'JSON形式で指定してください', 'Give JSON'],
  ]

  it('are said in Japanese, with years as 年度 and amounts and dates in Japanese formats', () => {
    const say = sayIn('ja')
    for (const [keyword, params, ja] of cases) {
      expect(say({ field: 'body.x', message: 'the API’s English', keyword, params }), keyword).toBe(ja)
    }
  })

  it('are said in English', () => {
    const say = sayIn('en')
    for (const [keyword, params, , en] of cases) {
      expect(say({ field: 'body.x', message: 'the API’s English', keyword, params }), keyword).toBe(en)
    }
  })

  it('keep the API’s English where a part of the reason is unknown', () => {
    const say = sayIn('ja')
    const grant = { id: 12, fy: 2025, reason: { message: 'is new', keyword: 'somethingNew', params: {} } }
    expect(
      say({ field: 'body.startFy', message: 'would break the rules', keyword: 'breaksGrant', params: grant }),
    ).toBe('would break the rules')
    // An organization's kind the dashboard has no word for is named as the API names it.
    expect(
      say({
        field: 'body.leadOrgId',
        message: 'm',
        keyword: 'leadKind',
        params: { name: '某所', kind: 'guild' },
      }),
    ).toBe('某所（guild）は実施企業になれません。企業・協同組合・ベンチャー企業から選んでください')
  })
})

describe('a form’s field messages', () => {
  const manager: Session = {
    user: { id: 1, email: 'm@example.test', displayName: 'Manager', role: 'manager', organizationId: null },
    csrfToken: 'token',
    expiresAt: null,
    idleMinutes: 120,
  }
  const finding = {
    id: 8,
    ref: null,
    projectId: 52,
    statementJa: '加熱によりGABAが増加した',
    statementEn: null,
    materialJa: null,
    materialEn: null,
    comparisonJa: null,
    comparisonEn: null,
    platform: null,
    evidenceLevel: 'analytical',
    reportedOn: null,
    visibility: 'public',
    embargoUntil: null,
    version: 1,
    createdAt: '2024-05-01T00:00:00.000Z',
    updatedAt: '2024-05-01T00:00:00.000Z',
    project: { id: 52, themeJa: '共同研究', themeEn: null, adoptedFy: 2017, company: null },
    metaboliteResults: [],
    metaboliteCount: 0,
    importedCount: 0,
    outcomes: [],
  } satisfies Finding
  const project = { id: 52, themeJa: '共同研究', themeEn: null, company: null, partners: [], findings: [] }
  /** The platform's maximum length the stubbed API names. */
  let limit: number
  const problems = (): Problem[] => [
    {
      field: 'body.platform',
      message: `must NOT have more than ${limit} characters`,
      keyword: 'maxLength',
      params: { limit },
    },
    {
      field: 'body.statementJa',
      message: "must have required property 'statementJa'",
      keyword: 'required',
      params: { missingProperty: 'statementJa' },
    },
    { field: 'body.comparisonJa', message: 'is something new', keyword: 'somethingNew', params: {} },
    {
      field: 'body.reportedOn',
      message: '1979-12-31 is before 1980',
      keyword: 'tooEarly',
      params: { date: '1979-12-31', earliest: '1980-01-01' },
    },
  ]

  beforeEach(() => {
    resetSession(manager)
    limit = 200
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        const path = new URL(url, 'http://localhost').pathname
        if (init.method === 'PATCH') {
          const body = { statusCode: 400, error: 'Bad Request', message: 'bad', errors: problems() }
          return Response.json(body, { status: 400 })
        }
        if (path === '/api/findings/8') return Response.json(finding)
        if (path === '/api/projects/52') return Response.json(project)
        if (path === '/api/auth/session') return Response.json(manager)
        return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 })
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    resetSession()
  })

  async function saveRefused(locale: Locale) {
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push('/findings/8/edit')
    const page = mount(FindingFormPage, {
      global: { plugins: [createAppI18n(locale), router] },
      attachTo: document.body,
    })
    await flushPromises()
    await page.find('#field-platform').setValue('x'.repeat(201))
    await page.find('form').trigger('submit')
    await flushPromises()
    const beside = (field: string) => page.find(`[data-field="${field}"] [data-error]`).text()
    return { page, beside, summary: page.find('[data-summary=errors]').text() }
  }

  it('are Japanese in a Japanese UI: a maximum length and a required field', async () => {
    const { page, beside, summary } = await saveRefused('ja')
    expect(beside('platform')).toBe('200文字以内で入力してください')
    expect(beside('statementJa')).toBe('入力または選択してください')
    expect(beside('reportedOn')).toBe(
      '1979/12/31は1980/01/01より前です。1980/01/01以降の日付を入力してください',
    )
    expect(summary).toContain('分析手法: 200文字以内で入力してください')
    expect(summary).not.toMatch(/must|required property/)
    // A reason the dashboard does not know keeps the API's words.
    expect(beside('comparisonJa')).toBe('is something new')
    page.unmount()
  })

  it('are English in an English UI, with the limit in its number format', async () => {
    limit = 4000
    const { page, beside } = await saveRefused('en')
    expect(beside('platform')).toBe('Enter at most 4,000 characters')
    expect(beside('statementJa')).toBe('Required')
    expect(beside('reportedOn')).toBe(
      'Dec 31, 1979 is before Jan 1, 1980, the earliest date a record may have',
    )
    page.unmount()
  })
})
