import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import ProjectGrants from '../../client/components/projects/ProjectGrants.vue'
import { useKpiTargetLinks } from '../../client/composables/useKpiTargetLinks.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { grantBody, grantDraft } from '../../client/forms/grant.ts'
import { createAppI18n } from '../../client/i18n/index.ts'
import FindingFormPage from '../../client/pages/FindingFormPage.vue'
import GrantFormPage from '../../client/pages/GrantFormPage.vue'
import OrganizationFormPage from '../../client/pages/OrganizationFormPage.vue'
import TargetFormPage from '../../client/pages/TargetFormPage.vue'
import TargetsPage from '../../client/pages/TargetsPage.vue'
import { routes } from '../../client/router.ts'
import type { Session } from '../../server/schemas/auth.ts'
import type { Organization } from '../../server/schemas/organizations.ts'
import type { Grant, ProjectDetail } from '../../server/schemas/projects.ts'
import type { KpiTarget } from '../../server/schemas/targets.ts'

// The forms of organizations, KPI targets and grants, on a stubbed API: what they show, what they send, and
// how they answer the API's refusals.

const session = (role: 'manager' | 'viewer'): Session => ({
  user: { id: 3, email: `${role}@example.test`, displayName: role, role, organizationId: null },
  csrfToken: 'token',
  expiresAt: null,
  idleMinutes: 120,
})

const stamp = { createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z' }

const organization = (version: number, patch: Partial<Organization> = {}): Organization => ({
  id: 37,
  kind: 'company',
  nameJa: '㈱でん六',
  nameEn: null,
  municipality: '山形市',
  size: 'sme',
  spunOutOfId: null,
  listedAsAdopted: true,
  note: null,
  version,
  ...stamp,
  ...patch,
})

const target = (
  id: number,
  metric: KpiTarget['metric'],
  fy: number,
  value: number,
  version = 1,
): KpiTarget => ({
  id,
  metric,
  fy,
  target: value,
  version,
  ...stamp,
})

const grant = (version: number, patch: Partial<Grant> = {}): Grant => ({
  id: 3,
  projectId: 52,
  fy: 2025,
  projectYear: 1,
  amountYen: 500_000,
  eligibleCostYen: 750_000,
  version,
  ...patch,
})

const project = (grants: Grant[]): ProjectDetail =>
  ({
    id: 52,
    themeJa: '庄内産大豆の発酵',
    themeEn: null,
    startFy: 2025,
    endFy: 2026,
    company: { id: 37, nameJa: '㈱でん六', nameEn: null, kind: 'company', size: 'sme' },
    menu: {
      id: 1,
      code: 'seed_exploration',
      nameJa: 'シーズ探索型',
      nameEn: 'Seed exploration',
      maxYears: 2,
      rates: { sme: { numerator: 2, denominator: 3 }, large: { numerator: 1, denominator: 3 } },
      caps: [
        { projectYear: 2, capYen: 1_000_000 },
        { projectYear: 1, capYen: 500_000 },
      ],
    },
    partners: [],
    grants,
  }) as unknown as ProjectDetail

const refusal = (statusCode: number, field: string, message: string) => ({
  status: statusCode,
  body: {
    statusCode,
    error: statusCode === 409 ? 'Conflict' : 'Unprocessable Entity',
    message: `${field}: ${message}`,
    errors: [{ field, message }],
  },
})
const stale = (now: number) => refusal(409, 'body.version', `is ${now - 1}, the record is at ${now}`)

interface Write {
  method: string
  path: string
  body: unknown
}

/** The API: GETs answered by path (a function, so a reload can see a newer version), writes answered in turn. */
let reads: Record<string, () => unknown>
let answers: { status: number; body?: unknown }[]
let writes: Write[]
let requested: string[]

beforeEach(() => {
  resetSession(session('manager'))
  reads = {}
  answers = []
  writes = []
  requested = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = new URL(url, 'http://localhost').pathname
      requested.push(path)
      if (init.method && init.method !== 'GET') {
        writes.push({
          method: init.method,
          path,
          body: init.body ? JSON.parse(String(init.body)) : undefined,
        })
        const answer = answers.shift() ?? { status: 500, body: { statusCode: 500, error: 'x', message: 'x' } }
        return answer.status === 204
          ? new Response(null, { status: 204 })
          : Response.json(answer.body, { status: answer.status })
      }
      const read = reads[path]
      if (read) return Response.json(read())
      return Response.json({ statusCode: 404, error: 'Not Found', message: 'no' }, { status: 404 })
    }),
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  resetSession()
})

async function open(component: object, path: string, locale: 'en' | 'ja' = 'en') {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const page = mount(component, {
    global: { plugins: [createAppI18n(locale), router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { page, router }
}

const inputValue = (page: Awaited<ReturnType<typeof open>>['page'], selector: string) =>
  (page.find(selector).element as HTMLInputElement).value

async function submit(page: Awaited<ReturnType<typeof open>>['page']) {
  await page.find('form').trigger('submit')
  await flushPromises()
}

describe('FindingFormPage, a new finding', () => {
  it('is not ready to fill in until the projects to choose from are in', async () => {
    // The projects' answer held back: the form must not look ready with an empty list to choose from.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const api = globalThis.fetch
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (new URL(url, 'http://localhost').pathname === '/api/projects') await held
      return api(url, init)
    })
    reads['/api/projects'] = () => ({ items: [{ ...project([]), adoptedFy: 2025 }], total: 1 })
    const { page } = await open(FindingFormPage, '/findings/new')
    expect(page.find('[data-form-state=waiting]').exists()).toBe(true)
    release()
    await flushPromises()
    expect(page.find('[data-form-state=ready]').exists()).toBe(true)
    const offered = page.findAll('#field-projectId option').map((option) => option.attributes('value'))
    expect(offered).toContain('52')
    page.unmount()
  })
})

describe('OrganizationFormPage', () => {
  beforeEach(() => {
    reads['/api/organizations/37'] = () =>
      organization(writes.length > 0 ? 4 : 3, writes.length ? { note: 'new' } : {})
    reads['/api/organizations'] = () => ({ items: [organization(3)], total: 1 })
  })

  it('shows the organization and sends only what changed, with the version read', async () => {
    const { page } = await open(OrganizationFormPage, '/organizations/37/edit')
    expect(page.find('[data-form-state=ready]').exists()).toBe(true)
    expect(inputValue(page, '#field-nameJa')).toBe('㈱でん六')
    expect(inputValue(page, '#field-kind')).toBe('company')
    expect(inputValue(page, '#field-size')).toBe('sme')
    expect((page.find('#field-listedAsAdopted').element as HTMLInputElement).checked).toBe(true)
    // A company names no parent; a venture would.
    expect(page.find('#field-spunOutOfId').exists()).toBe(false)

    answers.push({ status: 200, body: organization(4, { nameEn: 'Denroku' }) })
    await page.find('#field-nameEn').setValue('Denroku')
    await submit(page)
    expect(writes).toEqual([
      { method: 'PATCH', path: '/api/organizations/37', body: { version: 3, nameEn: 'Denroku' } },
    ])
    expect(page.find('[data-saved]').text()).toBe('Saved.')
    page.unmount()
  })

  it('puts a name another organization holds beside the name: a duplicate is no conflict', async () => {
    const { page } = await open(OrganizationFormPage, '/organizations/37/edit')
    answers.push(refusal(409, 'body.nameJa', 'is already taken'))
    await page.find('#field-nameJa').setValue('山形大学')
    await submit(page)
    expect(page.find('[data-field=nameJa] [data-error]').text()).toBe('is already taken')
    expect(page.find('[data-conflict]').exists()).toBe(false)
    expect(page.find('[data-summary=errors]').text()).toContain('Name (Japanese): is already taken')
    page.unmount()
  })

  it('on a stale version offers only a reload, which shows the latest', async () => {
    const { page } = await open(OrganizationFormPage, '/organizations/37/edit')
    answers.push(stale(4))
    await page.find('#field-municipality').setValue('鶴岡市')
    await submit(page)
    expect(page.find('[data-conflict]').text()).toContain('Someone else changed this record')
    expect(page.find('[data-action=save]').attributes('disabled')).toBeDefined()
    await page.find('[data-action=reload]').trigger('click')
    await flushPromises()
    expect(page.find('[data-conflict]').exists()).toBe(false)
    expect(inputValue(page, '#field-municipality')).toBe('山形市')
    expect(inputValue(page, '#field-note')).toBe('new')
    page.unmount()
  })

  it('says a delete was refused because other records refer to it, beside no field', async () => {
    const { page } = await open(OrganizationFormPage, '/organizations/37/edit', 'ja')
    await page.find('[data-action=delete]').trigger('click')
    await flushPromises()
    expect(page.find('dialog[data-dialog=confirm]').text()).toContain('「㈱でん六」を削除しますか？')
    answers.push(refusal(422, 'body.leadOrgId', 'refers to a record that does not exist, or is still in use'))
    await page.find('dialog [data-action=confirm]').trigger('click')
    await flushPromises()
    expect(writes).toEqual([{ method: 'DELETE', path: '/api/organizations/37', body: undefined }])
    expect(page.find('[data-summary=in-use]').text()).toContain('ほかの記録がこの記録を参照しています')
    expect(page.find('[data-error]').exists()).toBe(false)
    page.unmount()
  })
})

describe('TargetFormPage', () => {
  it('starts from the metric and year of the card that links to it, and opens the new target', async () => {
    const { page, router } = await open(TargetFormPage, '/targets/new?metric=grants_yen&fy=2017')
    expect(inputValue(page, '#field-metric')).toBe('grants_yen')
    expect(inputValue(page, '#field-fy')).toBe('2017')
    expect(page.find('[data-field=fy]').text()).toContain('FY2017 (H29)')
    expect(page.find('[data-field=target]').text()).toContain('In yen.')

    // Nothing typed: refused here, never sent as 0.
    await submit(page)
    expect(writes).toEqual([])
    expect(page.find('[data-field=target] [data-error]').text()).toBe('Required')

    answers.push({ status: 201, body: target(9, 'grants_yen', 2017, 20_000_000) })
    await page.find('#field-target').setValue('¥20,000,000')
    await submit(page)
    expect(writes).toEqual([
      { method: 'POST', path: '/api/targets', body: { metric: 'grants_yen', fy: 2017, target: 20_000_000 } },
    ])
    expect(router.currentRoute.value.fullPath).toBe('/targets/9/edit')
    expect(inputValue(page, '#field-target')).toBe('20,000,000')
    page.unmount()
  })

  it('sends only what changed with the version, shows the API’s problem beside it, and handles 409', async () => {
    reads['/api/targets/4'] = () => target(4, 'adoptions', 2017, 10, writes.length > 1 ? 3 : 2)
    const { page } = await open(TargetFormPage, '/targets/4/edit')
    expect(inputValue(page, '#field-target')).toBe('10')

    answers.push(refusal(409, 'body.fy', 'already has a target for the same metric and fiscal year'))
    await page.find('#field-fy').setValue('2016')
    await submit(page)
    expect(writes[0]).toEqual({ method: 'PATCH', path: '/api/targets/4', body: { version: 2, fy: 2016 } })
    expect(page.find('[data-field=fy] [data-error]').text()).toBe(
      'already has a target for the same metric and fiscal year',
    )
    expect(page.find('[data-conflict]').exists()).toBe(false)

    answers.push(stale(3))
    await page.find('#field-fy').setValue('2017')
    await page.find('#field-target').setValue('12')
    await submit(page)
    expect(writes[1]?.body).toEqual({ version: 2, target: 12 })
    expect(page.find('[data-conflict]').exists()).toBe(true)
    await page.find('[data-action=reload]').trigger('click')
    await flushPromises()
    expect(page.find('[data-conflict]').exists()).toBe(false)
    expect(inputValue(page, '#field-target')).toBe('10')
    page.unmount()
  })
})

describe('TargetsPage', () => {
  it('lists each metric against the years that have targets, with edit and set links for the office', async () => {
    reads['/api/targets'] = () => ({
      items: [
        target(1, 'adoptions', 2016, 9),
        target(2, 'adoptions', 2017, 10),
        target(3, 'grants_yen', 2017, 2e7),
      ],
      total: 3,
    })
    const { page } = await open(TargetsPage, '/targets')
    expect(page.findAll('thead th').map((th) => th.text())).toEqual([
      'KPI',
      'FY2016 (H28) 平成28年度',
      'FY2017 (H29) 平成29年度',
    ])
    const adoptions = page.find('[data-metric=adoptions]')
    expect(adoptions.find('[data-fy="2017"]').text()).toContain('10')
    expect(adoptions.find('[data-fy="2017"] a').attributes('href')).toBe('/targets/2/edit')
    const grants = page.find('[data-metric=grants_yen]')
    expect(grants.find('[data-fy="2017"]').text()).toContain('¥20,000,000')
    expect(grants.find('[data-fy="2016"] a').attributes('href')).toBe(
      '/targets/new?metric=grants_yen&fy=2016',
    )
    expect(page.findAll('tbody tr')).toHaveLength(7)
    page.unmount()
  })

  it('shows a viewer the same figures without links', async () => {
    resetSession(session('viewer'))
    reads['/api/targets'] = () => ({ items: [target(1, 'adoptions', 2016, 9)], total: 1 })
    const { page } = await open(TargetsPage, '/targets')
    expect(page.find('[data-metric=adoptions] [data-fy="2016"]').text()).toBe('9')
    expect(page.find('[data-edit]').exists()).toBe(false)
    expect(page.find('[data-action=new-record]').exists()).toBe(false)
    page.unmount()
  })
})

describe('KPI cards’ target links', () => {
  it('point the program office at the latest year’s target, or at a new one; nobody else gets one', async () => {
    reads['/api/targets'] = () => ({ items: [target(2, 'adoptions', 2017, 10)], total: 1 })
    const scope = effectScope()
    const link = scope.run(() => useKpiTargetLinks({ latestFy: () => 2017 }))
    await flushPromises()
    expect(link?.('adoptions')).toBe('/targets/2/edit')
    expect(link?.('activeProjects')).toEqual({
      path: '/targets/new',
      query: { metric: 'active_projects', fy: 2017 },
    })
    scope.stop()

    resetSession(session('viewer'))
    requested = []
    const viewer = effectScope()
    const none = viewer.run(() => useKpiTargetLinks({ latestFy: () => 2017 }))
    await flushPromises()
    expect(none?.('adoptions')).toBeUndefined()
    expect(requested).toEqual([])
    viewer.stop()
  })
})

describe('grant form model', () => {
  const messages = { notNumber: 'not a number', notInteger: 'not whole', required: 'required' }

  it('reads yen as people type it, and never turns a blank amount into 0', () => {
    expect(grantDraft(grant(1))).toEqual({ fy: '2025', amountYen: '500,000', eligibleCostYen: '750,000' })
    expect(
      grantBody({ fy: '2025', amountYen: '¥1,000,000', eligibleCostYen: '1500000円' }, messages),
    ).toEqual({
      body: { fy: 2025, amountYen: 1_000_000, eligibleCostYen: 1_500_000 },
      problems: [],
    })
    expect(grantBody({ fy: '2025', amountYen: ' ', eligibleCostYen: '' }, messages).problems).toEqual([
      { field: 'body.amountYen', message: 'required' },
    ])
  })
})

describe('GrantFormPage', () => {
  beforeEach(() => {
    reads['/api/projects/52'] = () => project([grant(writes.some((w) => w.method === 'PATCH') ? 3 : 2)])
  })

  it('shows the grant with the menu’s terms, and sends only what changed with the version', async () => {
    const { page } = await open(GrantFormPage, '/projects/52/grants/3/edit')
    expect(page.find('[data-form-state=ready]').exists()).toBe(true)
    expect(page.find('.form-context').text()).toContain('庄内産大豆の発酵')
    expect(inputValue(page, '#field-fy')).toBe('2025')
    expect(inputValue(page, '#field-amountYen')).toBe('500,000')
    expect(page.find('[data-grant-terms]').text()).toContain('Rate: 2/3 of the eligible cost (SME)')
    expect(page.findAll('[data-grant-terms] li').map((li) => li.text())).toEqual([
      'Up to 2 years',
      'Rate: 2/3 of the eligible cost (SME)',
      'Year 1: at most ¥500,000',
      'Year 2: at most ¥1,000,000',
    ])

    answers.push({ status: 200, body: grant(3, { eligibleCostYen: 800_000 }) })
    await page.find('#field-eligibleCostYen').setValue('800,000')
    await submit(page)
    expect(writes).toEqual([
      { method: 'PATCH', path: '/api/grants/3', body: { version: 2, eligibleCostYen: 800_000 } },
    ])
    page.unmount()
  })

  it('refuses a blank amount without a request, and shows the API’s cap beside the amount', async () => {
    const { page } = await open(GrantFormPage, '/projects/52/grants/3/edit')
    await page.find('#field-amountYen').setValue('')
    await submit(page)
    expect(writes).toEqual([])
    expect(page.find('[data-field=amountYen] [data-error]').text()).toBe('Required')

    answers.push(
      refusal(422, 'body.amountYen', '¥2,000,000 exceeds the ¥500,000 cap for year 1 of シーズ探索型'),
    )
    await page.find('#field-amountYen').setValue('2000000')
    await submit(page)
    expect(writes[0]?.body).toEqual({ version: 2, amountYen: 2_000_000 })
    expect(page.find('[data-field=amountYen] [data-error]').text()).toBe(
      '¥2,000,000 exceeds the ¥500,000 cap for year 1 of シーズ探索型',
    )
    page.unmount()
  })

  it('on a stale version offers a reload that takes the latest', async () => {
    const { page } = await open(GrantFormPage, '/projects/52/grants/3/edit')
    answers.push(stale(3))
    await page.find('#field-amountYen').setValue('450000')
    await submit(page)
    expect(page.find('[data-conflict]').exists()).toBe(true)
    await page.find('[data-action=reload]').trigger('click')
    await flushPromises()
    expect(page.find('[data-conflict]').exists()).toBe(false)
    expect(inputValue(page, '#field-amountYen')).toBe('500,000')
    page.unmount()
  })

  it('adds a grant under its project and opens it', async () => {
    reads['/api/projects/52'] = () => project([])
    const { page, router } = await open(GrantFormPage, '/projects/52/grants/new')
    answers.push({
      status: 201,
      body: grant(1, { id: 8, fy: 2026, amountYen: 1_000_000, eligibleCostYen: null }),
    })
    await page.find('#field-fy').setValue('2026')
    await page.find('#field-amountYen').setValue('1,000,000')
    await submit(page)
    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/api/projects/52/grants',
        body: { fy: 2026, amountYen: 1_000_000, eligibleCostYen: null },
      },
    ])
    expect(router.currentRoute.value.fullPath).toBe('/projects/52/grants/8/edit')
    page.unmount()
  })

  it('answers 404 for a grant of another project', async () => {
    const { page } = await open(GrantFormPage, '/projects/52/grants/99/edit')
    expect(page.find('form').exists()).toBe(false)
    expect(page.text()).toContain('Page not found')
    page.unmount()
  })
})

describe('ProjectGrants for the program office', () => {
  it('links each grant to its form, and offers to add one even when none is recorded', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    const plugins = [createAppI18n('ja'), router]
    const none = mount(ProjectGrants, { props: { grants: [], projectId: 52 }, global: { plugins } })
    expect(none.find('[data-grants=unrecorded]').text()).toContain('未登録')
    expect(none.find('[data-edit]').attributes('href')).toBe('/projects/52/grants/new')

    const listed = mount(ProjectGrants, { props: { grants: [grant(1)], projectId: 52 }, global: { plugins } })
    expect(listed.findAll('[data-edit]').map((a) => a.attributes('href'))).toEqual([
      '/projects/52/grants/3/edit',
      '/projects/52/grants/new',
    ])
  })
})
