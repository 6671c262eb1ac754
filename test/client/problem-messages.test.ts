import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { FieldProblem as Problem } from '../../client/composables/field-errors.ts'
import { reasonOf } from '../../client/composables/problem-messages.ts'
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
    expect(of('maxLength', { limit: 200 })).toEqual({ key: 'forms.reasons.maxLength', named: { limit: 200 } })
    expect(of('minLength', { limit: 1 })).toEqual({ key: 'forms.problems.required' })
    expect(of('pattern', { pattern: '\\S' })).toEqual({ key: 'forms.problems.required' })
    expect(of('format', { format: 'date-time' })).toEqual({ key: 'forms.reasons.formats.dateTime' })
    expect(of('unknownRecord', { record: 'project', id: 7 })).toEqual({
      key: 'forms.reasons.unknownRecord',
      named: { id: 7 },
      record: 'forms.reasons.records.project',
    })
    expect(of('repeated', { result: 0 })).toEqual({ key: 'forms.reasons.repeated', named: { n: 1 } })
    expect(of('unknownRecord', { record: 'spaceship', id: 7 })).toBeUndefined()
    expect(of('dependentRequired')).toBeUndefined()
    expect(reasonOf({ field: 'body.x', message: 'm' })).toBeUndefined()
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
    page.unmount()
  })
})
