import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, effectScope, h, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, apiSend } from '../../client/api/client.ts'
import FormField from '../../client/components/editing/FormField.vue'
import {
  changedFields,
  fieldErrors,
  fieldKey,
  inputId,
  parseDecimal,
} from '../../client/composables/field-errors.ts'
import { provideFormContext } from '../../client/composables/useFormContext.ts'
import { useRecordForm } from '../../client/composables/useRecordForm.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { findingBody, findingDraft } from '../../client/forms/finding.ts'
import { createAppI18n } from '../../client/i18n/index.ts'
import FindingFormPage from '../../client/pages/FindingFormPage.vue'
import { routes } from '../../client/router.ts'
import { installSignInGuard } from '../../client/routes/editing.ts'
import type { Session } from '../../server/schemas/auth.ts'
import type { Finding } from '../../server/schemas/findings.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'

const messages = { notNumber: 'not a number', notInteger: 'not whole', required: 'required' }

const finding = (version = 1, patch: Partial<Finding> = {}): Finding => ({
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
  visibility: 'confidential',
  embargoUntil: null,
  version,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
  project: { id: 52, themeJa: '共同研究', themeEn: null, adoptedFy: 2017, company: null },
  metaboliteResults: [
    {
      id: 1,
      name: 'GABA',
      hmdbId: null,
      keggId: 'C00334',
      chebiId: null,
      pubchemCid: null,
      inchikey: null,
      direction: 'up',
      foldChange: 2.5,
      pValue: 0.01,
    },
  ],
  metaboliteCount: 1,
  importedCount: 0,
  outcomes: [],
  ...patch,
})

/** A finding whose results came from a file: the detail names 2 of its 5,000. */
const imported = (version = 1) =>
  finding(version, {
    metaboliteResults: [
      { ...result(1, 'GABA'), pValue: 0.001 },
      { ...result(2, 'Unknown (m/z 146.0461, MT 10.01)'), pValue: 0.002 },
    ],
    metaboliteCount: 5000,
    importedCount: 5000,
  })
function result(id: number, name: string): Finding['metaboliteResults'][number] {
  return {
    id,
    name,
    hmdbId: null,
    keggId: null,
    chebiId: null,
    pubchemCid: null,
    inchikey: null,
    direction: 'up',
    foldChange: 2,
    pValue: null,
  }
}

describe('field errors', () => {
  it('puts each API problem under the input named like it', () => {
    expect(fieldKey('body.metaboliteResults.2.foldChange')).toBe('metaboliteResults.2.foldChange')
    expect(fieldKey('body')).toBe('')
    expect(fieldKey('params.id')).toBe('params.id')
    expect(inputId('metaboliteResults.2.foldChange')).toBe('field-metaboliteResults-2-foldChange')
    expect(
      fieldErrors([
        { field: 'body.titleJa', message: 'must NOT have fewer than 1 characters' },
        { field: 'body.metaboliteResults.2.foldChange', message: 'must be a positive, finite ratio' },
        { field: 'body.metaboliteResults.2.foldChange', message: 'must be a positive, finite ratio' },
        { field: 'body.metaboliteResults.2.pValue', message: 'must be between 0 and 1' },
      ]),
    ).toEqual({
      titleJa: ['must NOT have fewer than 1 characters'],
      'metaboliteResults.2.foldChange': ['must be a positive, finite ratio'],
      'metaboliteResults.2.pValue': ['must be between 0 and 1'],
    })
  })

  it('reads numbers as typed, and says when one is not', () => {
    expect(parseDecimal('')).toEqual({ value: null })
    expect(parseDecimal(' 1,5 ')).toEqual({ value: 1.5 })
    expect(parseDecimal('2e-3')).toEqual({ value: 0.002 })
    expect(parseDecimal('abc')).toEqual({ problem: 'notNumber' })
  })

  it('sends only what changed', () => {
    expect(changedFields({ a: 1, b: [1, 2], c: null }, { a: 1, b: [1, 3], c: null })).toEqual({ b: [1, 2] })
  })
})

describe('finding form model', () => {
  it('leaves visibility out of a partner’s body, and keys unreadable numbers like the API', () => {
    const draft = findingDraft(finding())
    const first = draft.metaboliteResults?.[0]
    if (!first) throw new Error('no row')
    first.pValue = 'abc'
    const partner = findingBody(draft, { publish: false, messages })
    expect(partner.body).not.toHaveProperty('visibility')
    expect(partner.body).not.toHaveProperty('embargoUntil')
    expect(partner.problems).toEqual([{ field: 'body.metaboliteResults.0.pValue', message: 'not a number' }])

    const editor = findingBody(findingDraft(finding()), { publish: true, messages })
    expect(editor.body).toMatchObject({ visibility: 'confidential', embargoUntil: null })
    expect(editor.body.metaboliteResults?.[0]).toMatchObject({
      name: 'GABA',
      keggId: 'C00334',
      foldChange: 2.5,
    })
  })

  it('holds imported results, or more than the detail names, read-only and never sends them', () => {
    const held = findingDraft(imported())
    expect(held.metaboliteResults).toBeNull()
    expect(findingBody(held, { publish: true, messages }).body).not.toHaveProperty('metaboliteResults')
    const many = finding(1, { metaboliteResults: [result(1, 'GABA')], metaboliteCount: 300 })
    expect(findingDraft(many).metaboliteResults).toBeNull()
    // A set entered by hand stays editable, in the order entered (the API names the most significant first).
    const byHand = finding(1, {
      metaboliteResults: [{ ...result(2, 'B'), pValue: 0.01 }, result(1, 'A')],
      metaboliteCount: 2,
    })
    expect(findingDraft(byHand).metaboliteResults?.map((m) => m.name)).toEqual(['A', 'B'])
    expect(findingDraft(undefined).metaboliteResults).toEqual([])
  })

  it('asks for a project and a statement before anything is sent', () => {
    expect(findingBody(findingDraft(undefined), { publish: true, messages }).problems).toEqual([
      { field: 'body.projectId', message: 'required' },
      { field: 'body.statementJa', message: 'required' },
    ])
  })
})

describe('useRecordForm', () => {
  const conflict = () =>
    new ApiError({
      statusCode: 409,
      error: 'Conflict',
      message: 'Finding 8 was changed by someone else (now version 2); reload and try again',
      errors: [{ field: 'body.version', message: 'is 1, the record is at 2' }],
    })

  function setup(update: (id: number, body: object) => Promise<Finding>, load = vi.fn()) {
    const scope = effectScope()
    const form = scope.run(() =>
      useRecordForm({
        id: () => 8,
        load,
        toDraft: (f: Finding | undefined) => findingDraft(f),
        toBody: (d) => findingBody(d, { publish: false, messages }),
        create: vi.fn(),
        update,
        remove: vi.fn(),
      }),
    )
    if (!form) throw new Error('no form')
    return { form, stop: () => scope.stop() }
  }

  it('saves the changed fields with the version read', async () => {
    const update = vi.fn(async (_id: number, body: object) => ({ ...finding(), ...body, version: 2 }))
    const { form, stop } = setup(
      update,
      vi.fn(async () => finding(1)),
    )
    await flushPromises()
    form.draft.value.statementEn = 'GABA rose on heating'
    expect(form.dirty.value).toBe(true)
    await form.save()
    expect(update).toHaveBeenCalledWith(8, { version: 1, statementEn: 'GABA rose on heating' })
    expect(form.saved.value).toBe('updated')
    expect(form.record.value?.version).toBe(2)
    stop()
  })

  it('on 409 offers only a reload, which takes the latest version and drops the stale edits', async () => {
    const load = vi
      .fn()
      .mockResolvedValueOnce(finding(1))
      .mockResolvedValueOnce(finding(2, { platform: 'CE-TOFMS' }))
    const update = vi.fn(async () => {
      throw conflict()
    })
    const { form, stop } = setup(update, load)
    await flushPromises()
    form.draft.value.statementEn = 'stale edit'
    await form.save()
    expect(form.conflict.value).toBe(true)
    expect(form.errors.value).toEqual({ version: ['is 1, the record is at 2'] })

    await form.reload()
    expect(form.conflict.value).toBe(false)
    expect(form.record.value?.version).toBe(2)
    expect(form.draft.value.statementEn).toBe('')
    expect(form.draft.value.platform).toBe('CE-TOFMS')
    expect(form.dirty.value).toBe(false)
    stop()
  })

  it('refuses unreadable numbers without a request', async () => {
    const update = vi.fn()
    const { form, stop } = setup(
      update,
      vi.fn(async () => finding(1)),
    )
    await flushPromises()
    const row = form.draft.value.metaboliteResults?.[0]
    if (row) row.foldChange = 'two'
    await form.save()
    expect(update).not.toHaveBeenCalled()
    expect(form.errors.value).toEqual({ 'metaboliteResults.0.foldChange': ['not a number'] })
    stop()
  })
})

describe('FormField', () => {
  it('shows the messages beside its input and ties them to it', async () => {
    const errors = computed(() =>
      fieldErrors([{ field: 'body.metaboliteResults.2.foldChange', message: 'bad' }]),
    )
    const Host = defineComponent({
      setup() {
        provideFormContext(errors)
        return () =>
          h(
            FormField,
            { name: 'metaboliteResults.2.foldChange', label: 'Fold change' },
            { default: (attrs: Record<string, unknown>) => h('input', attrs) },
          )
      },
    })
    const wrapper = mount(Host)
    await nextTick()
    const input = wrapper.find('input')
    expect(input.attributes('id')).toBe('field-metaboliteResults-2-foldChange')
    expect(input.attributes('aria-invalid')).toBe('true')
    const error = wrapper.find('[data-error]')
    expect(error.text()).toBe('bad')
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'))
    expect(wrapper.find('label').attributes('for')).toBe('field-metaboliteResults-2-foldChange')
  })
})

describe('apiSend', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    resetSession()
  })

  it('sends the session’s CSRF token, and fetches a fresh one once when the server calls it stale', async () => {
    const session = (csrfToken: string): Session => ({
      user: { id: 1, email: 'a@example.test', displayName: 'A', role: 'admin', organizationId: null },
      csrfToken,
      expiresAt: null,
      idleMinutes: 120,
    })
    resetSession(session('old'))
    const tokens: (string | null)[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/auth/session') return Response.json(session('new'))
        const token = new Headers(init.headers).get('x-csrf-token')
        tokens.push(token)
        if (token !== 'new') {
          return Response.json(
            { statusCode: 403, error: 'Forbidden', message: 'Missing or wrong CSRF token' },
            { status: 403 },
          )
        }
        return Response.json({ ok: true })
      }),
    )
    await expect(apiSend('POST', '/findings', { a: 1 })).resolves.toEqual({ ok: true })
    expect(tokens).toEqual(['old', 'new'])
  })

  it('carries the API’s error shape, field problems included', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          {
            statusCode: 422,
            error: 'Unprocessable Entity',
            message: 'x',
            errors: [{ field: 'body.fy', message: 'is FY2030' }],
          },
          { status: 422 },
        ),
      ),
    )
    const failure = await apiSend('PATCH', '/outcomes/1', { version: 1 }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(422)
    expect((failure as ApiError).body.errors).toEqual([{ field: 'body.fy', message: 'is FY2030' }])
  })
})

describe('FindingFormPage', () => {
  const partner: Session = {
    user: { id: 5, email: 'p@example.test', displayName: 'Partner', role: 'partner', organizationId: 2 },
    csrfToken: 'token',
    expiresAt: null,
    idleMinutes: 120,
  }
  const project = {
    id: 52,
    themeJa: '共同研究',
    themeEn: null,
    company: { id: 6, nameJa: '㈱でん六', nameEn: null },
    partners: [{ org: { id: 2, kind: 'university', nameJa: '山形大学農学部', nameEn: null }, role: null }],
    findings: [],
  } as unknown as ProjectDetail
  let patches: { status: number; body: unknown }[]
  let sent: unknown[]
  /** The finding the API answers, at the version it is at. */
  let served: (version: number) => Finding

  beforeEach(() => {
    resetSession(partner)
    patches = []
    sent = []
    served = finding
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        const path = new URL(url, 'http://localhost').pathname
        if (init.method === 'PATCH') {
          sent.push(JSON.parse(String(init.body)))
          const answer = patches.shift() ?? { status: 500, body: {} }
          return Response.json(answer.body, { status: answer.status })
        }
        if (path === '/api/findings/8') return Response.json(served(sent.length > 0 ? 2 : 1))
        if (path === '/api/projects/52') return Response.json(project)
        if (path === '/api/auth/session') return Response.json(partner)
        return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 })
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    resetSession()
  })

  async function open() {
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push('/findings/8/edit')
    const page = mount(FindingFormPage, {
      global: { plugins: [createAppI18n('en'), router] },
      attachTo: document.body,
    })
    await flushPromises()
    return page
  }

  it('shows the API’s problem beside the metabolite’s field, and names it in the summary', async () => {
    const page = await open()
    expect(page.find('[data-form-state=ready]').exists()).toBe(true)
    // A partner sees the visibility, and has no control over it.
    expect(page.find('select[name=visibility]').exists()).toBe(false)
    patches.push({
      status: 422,
      body: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'body.metaboliteResults.0.foldChange: must be a positive, finite ratio',
        errors: [
          { field: 'body.metaboliteResults.0.foldChange', message: 'must be a positive, finite ratio' },
        ],
      },
    })
    await page.find('#field-metaboliteResults-0-foldChange').setValue('-2')
    await page.find('form').trigger('submit')
    await flushPromises()

    expect(sent[0]).toMatchObject({ version: 1, metaboliteResults: [{ name: 'GABA', foldChange: -2 }] })
    const field = page.find('[data-field="metaboliteResults.0.foldChange"]')
    expect(field.find('[data-error]').text()).toBe('must be a positive, finite ratio')
    expect(page.find('[data-summary=errors]').text()).toContain(
      'Metabolite 1 › Fold change: must be a positive, finite ratio',
    )
    page.unmount()
  })

  it('on 409 says so and reloads the latest version on request', async () => {
    const page = await open()
    patches.push({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'Finding 8 was changed by someone else (now version 2); reload and try again',
        errors: [{ field: 'body.version', message: 'is 1, the record is at 2' }],
      },
    })
    await page.find('#field-statementEn').setValue('stale')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(page.find('[data-conflict]').text()).toContain('Someone else changed this record')
    // The API's own sentence says the same, in English whatever the reader's language: it is left out.
    expect(page.find('[data-conflict]').text()).not.toContain('was changed by someone else')
    expect(page.find('[data-action=save]').attributes('disabled')).toBeDefined()

    await page.find('[data-action=reload]').trigger('click')
    await flushPromises()
    expect(page.find('[data-conflict]').exists()).toBe(false)
    expect((page.find('#field-statementEn').element as HTMLTextAreaElement).value).toBe('')
    page.unmount()
  })

  it('shows imported results read-only, and saves a changed statement without them', async () => {
    served = imported
    const page = await open()
    expect(page.find('[data-form-state=ready]').exists()).toBe(true)
    const summary = page.find('[data-metabolites=read-only]')
    expect(summary.find('[data-metabolite-count]').text()).toBe(
      '5,000 metabolite results. 5,000 of them were imported from a file, with its columns (m/z, migration or retention time, values per group, the original row).',
    )
    expect(summary.text()).toContain('importing a file again replaces them')
    expect(summary.find('[data-link=all]').attributes('href')).toBe('/projects/52#finding-8')
    expect(summary.find('[data-link=import]').attributes('href')).toBe('/docs')
    expect(page.find('[data-row=metabolite]').exists()).toBe(false)
    expect(page.find('[data-action=add-row]').exists()).toBe(false)

    patches.push({ status: 200, body: { ...imported(2), statementEn: 'GABA rose on heating' } })
    await page.find('#field-statementEn').setValue('GABA rose on heating')
    await page.find('form').trigger('submit')
    await flushPromises()
    expect(sent).toEqual([{ version: 1, statementEn: 'GABA rose on heating' }])
    expect(page.find('[data-metabolites=read-only]').exists()).toBe(true)
    page.unmount()
  })

  it('asks before deleting', async () => {
    const page = await open()
    await page.find('[data-action=delete]').trigger('click')
    await flushPromises()
    const dialog = page.find('dialog[data-dialog=confirm]')
    expect((dialog.element as HTMLDialogElement).open).toBe(true)
    expect(dialog.text()).toContain('Delete “加熱によりGABAが増加した”?')
    await dialog.find('[data-action=cancel]').trigger('click')
    await flushPromises()
    expect((dialog.element as HTMLDialogElement).open).toBe(false)
    page.unmount()
  })

  it('refuses a partner the findings of a project its institution is not part of', async () => {
    resetSession({ ...partner, user: partner.user ? { ...partner.user, organizationId: 99 } : null })
    const page = await open()
    expect(page.find('[data-access=denied]').exists()).toBe(true)
    expect(page.find('form').exists()).toBe(false)
    page.unmount()
  })
})

describe('sign-in guard', () => {
  afterEach(() => resetSession())

  it('sends an anonymous visitor of a form to sign in, and lets a signed-in user through', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    installSignInGuard(router)
    resetSession({ user: null, csrfToken: null, expiresAt: null, idleMinutes: 120 })
    await router.push('/findings/8/edit?x=1')
    expect(router.currentRoute.value.path).toBe('/sign-in')
    expect(router.currentRoute.value.query.returnTo).toBe('/findings/8/edit?x=1')

    resetSession({
      user: { id: 1, email: 'm@example.test', displayName: 'M', role: 'manager', organizationId: null },
      csrfToken: 't',
      expiresAt: null,
      idleMinutes: 120,
    })
    await router.push('/findings/8/edit')
    expect(router.currentRoute.value.name).toBe('finding-edit')
    // Public pages need no session.
    resetSession({ user: null, csrfToken: null, expiresAt: null, idleMinutes: 120 })
    await router.push('/outcomes')
    expect(router.currentRoute.value.name).toBe('outcomes')
  })
})
