import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fiscalYearOf } from '../../server/domain/fiscal-year.ts'
import type { ErrorResponse } from '../../server/schemas/common.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { bioCluster, daysFromToday, insertOrganization, insertProject } from '../helpers/records.ts'

// Each refused field carries its reason as a keyword and its details as params beside the English message, so
// that the dashboard can say it in Japanese (client/composables/problem-messages.ts).

let t: TestApp
let project: number
let lab: number
let lead: number
/** A menu of the bio-cluster program: 3 years at most, capped at ¥500,000 then ¥1,000,000, year 3 uncapped. */
let menu: number
let otherProgram: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  lab = await insertOrganization(db, 'public_lab', '理由研究所')
  lead = await insertOrganization(db, 'company', '理由商事')
  project = await insertProject(db, { visibility: 'public', leadOrgId: lead, partners: [lab] })
  otherProgram = (
    await db
      .insertInto('programs')
      .values({ code: 'other_reasons', parentId: null, nameJa: '別の事業', nameEn: 'Another program' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  menu = (
    await db
      .insertInto('subsidyMenus')
      .values({
        code: 'reason_menu',
        programId: await bioCluster(db),
        nameJa: '理由メニュー',
        nameEn: 'Reasons menu',
        descriptionJa: null,
        descriptionEn: null,
        maxYears: 3,
        rateSmeNumerator: 2,
        rateSmeDenominator: 3,
        rateLargeNumerator: 1,
        rateLargeDenominator: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('menuYearCaps')
    .values([
      { menuId: menu, projectYear: 1, capYen: 500_000 },
      { menuId: menu, projectYear: 2, capYen: 1_000_000 },
    ])
    .execute()
})
afterAll(() => t.close())

const errorsOf = (response: { json: () => ErrorResponse }) => response.json().errors ?? []
const postFinding = (body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/findings', body })

describe('field problems', () => {
  it('carry the schema keyword and its params, without the null branch of a nullable field', async () => {
    const response = await postFinding({
      projectId: project,
      evidenceLevel: 'clinical',
      platform: 'x'.repeat(201),
      reportedOn: '2017-13-01',
    })
    expect(response.statusCode).toBe(400)
    expect(errorsOf(response)).toEqual([
      {
        field: 'body.statementJa',
        message: "must have required property 'statementJa'",
        keyword: 'required',
        params: { missingProperty: 'statementJa' },
      },
      {
        field: 'body.evidenceLevel',
        message: 'must be equal to one of the allowed values',
        keyword: 'enum',
        params: { allowedValues: ['analytical', 'in_vitro', 'animal', 'human'] },
      },
      {
        field: 'body.platform',
        message: 'must NOT have more than 200 characters',
        keyword: 'maxLength',
        params: { limit: 200 },
      },
      {
        field: 'body.reportedOn',
        message: 'must match format "date"',
        keyword: 'format',
        params: { format: 'date' },
      },
    ])
  })

  it('keeps "must be null" where it is the only thing a nullable field may be instead', async () => {
    const response = await postFinding({
      projectId: project,
      statementJa: '知見',
      evidenceLevel: 'animal',
      platform: 7,
    })
    expect(response.statusCode).toBe(400)
    expect(errorsOf(response).map((e) => [e.field, e.keyword, e.params])).toEqual([
      ['body.platform', 'type', { type: 'string' }],
    ])
  })

  it('name the query parameter and its limit', async () => {
    const response = await t.app.inject('/api/audit?limit=0&from=yesterday')
    expect(response.statusCode).toBe(400)
    expect(errorsOf(response).map((e) => [e.field, e.keyword, e.params])).toEqual([
      ['querystring.limit', 'minimum', { comparison: '>=', limit: 1 }],
      ['querystring.from', 'format', { format: 'date-time' }],
    ])
  })

  it('carry the app’s own reasons: unknown and repeated records, stale versions, metabolite rules', async () => {
    const unknown = await postFinding({ projectId: 999_999, statementJa: '知見', evidenceLevel: 'animal' })
    expect(unknown.statusCode).toBe(422)
    expect(errorsOf(unknown)).toEqual([
      {
        field: 'body.projectId',
        message: 'project 999999 does not exist',
        keyword: 'unknownRecord',
        params: { record: 'project', id: 999_999 },
      },
    ])

    const metabolites = await postFinding({
      projectId: project,
      statementJa: '知見',
      evidenceLevel: 'animal',
      metaboliteResults: [
        { name: 'GABA', keggId: 'X1', foldChange: -1 },
        { name: 'gaba', direction: 'up', foldChange: 0.5, pValue: 2 },
      ],
    })
    expect(metabolites.statusCode).toBe(422)
    expect(errorsOf(metabolites).map((e) => [e.field, e.keyword, e.params])).toEqual([
      ['body.metaboliteResults.0.keggId', 'format', { format: 'keggId' }],
      ['body.metaboliteResults.0.foldChange', 'positiveRatio', {}],
      ['body.metaboliteResults.1.name', 'repeated', { result: 0 }],
      ['body.metaboliteResults.1.direction', 'directionMismatch', { direction: 'up', foldChange: 0.5 }],
      ['body.metaboliteResults.1.pValue', 'probability', {}],
    ])

    const created = await postFinding({ projectId: project, statementJa: '知見', evidenceLevel: 'animal' })
    const { id } = created.json()
    const patch = (version: number) =>
      t.app.inject({ method: 'PATCH', url: `/api/findings/${id}`, body: { version, platform: 'GC-MS' } })
    expect((await patch(1)).statusCode).toBe(200)
    const stale = await patch(1)
    expect(stale.statusCode).toBe(409)
    expect(errorsOf(stale)).toMatchObject([
      { field: 'body.version', keyword: 'stale', params: { version: 1, current: 2 } },
    ])
  })

  it('say which fields a partner may not set, and that the project is not its own', async () => {
    const partner = await t.as('partner', lab)
    const reserved = await partner.inject({
      method: 'POST',
      url: '/api/findings',
      body: { projectId: project, statementJa: '知見', evidenceLevel: 'animal', visibility: 'public' },
    })
    expect(reserved.statusCode).toBe(400)
    expect(errorsOf(reserved)).toMatchObject([
      { field: 'body.visibility', keyword: 'editorsOnly', params: {} },
    ])

    const stranger = await partner.inject({
      method: 'POST',
      url: '/api/findings',
      body: { projectId: 999_999, statementJa: '知見', evidenceLevel: 'animal' },
    })
    expect(stranger.statusCode).toBe(400)
    expect(errorsOf(stranger)).toMatchObject([
      { field: 'body.projectId', keyword: 'notParticipant', params: { id: 999_999 } },
    ])
  })

  it('are described in the OpenAPI document', async () => {
    const document = (await t.app.inject('/docs/json')).json()
    const schemas = JSON.stringify(document)
    expect(schemas).toContain('"keyword"')
    expect(schemas).toContain('unknownRecord, listedTwice, taken, editorsOnly, notParticipant')
    expect(schemas).toContain('projectLacks, beforeStart, afterEnd')
  })
})

/** The refused fields of an answer that must have `status`, each as [field, keyword, params]. */
async function reasonsOf(request: Promise<LightMyRequestResponse>, status: number) {
  const response = await request
  expect(response.statusCode, response.body).toBe(status)
  return errorsOf(response).map((e) => [e.field, e.keyword, e.params])
}
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: Record<string, unknown>) =>
  t.app.inject({ method, url, body })
const postProject = (fields: Record<string, unknown>) =>
  send('POST', '/api/projects', { themeJa: '理由のテーマ', adoptedFy: 2025, leadOrgId: lead, ...fields })
async function createProject(fields: Record<string, unknown>): Promise<number> {
  const response = await postProject(fields)
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}
const addGrant = (projectId: number, grant: Record<string, unknown>) =>
  send('POST', `/api/projects/${projectId}/grants`, grant)

describe('the app’s rules', () => {
  it('give a grant’s reasons with its years, amounts and rate', async () => {
    const noMenu = await createProject({ startFy: 2025 })
    const noStart = await createProject({ menuId: menu })
    const twoYears = await createProject({ menuId: menu, startFy: 2025, endFy: 2026 })
    const open = await createProject({ menuId: menu, startFy: 2025 })
    expect(await reasonsOf(addGrant(noMenu, { fy: 2025, amountYen: 1 }), 422)).toEqual([
      ['project.menuId', 'projectLacks', { missing: 'menuId' }],
    ])
    expect(await reasonsOf(addGrant(noStart, { fy: 2025, amountYen: 1 }), 422)).toEqual([
      ['project.startFy', 'projectLacks', { missing: 'startFy' }],
    ])
    expect(await reasonsOf(addGrant(twoYears, { fy: 2024, amountYen: 1 }), 422)).toEqual([
      ['body.fy', 'beforeStart', { fy: 2024, startFy: 2025 }],
    ])
    expect(await reasonsOf(addGrant(twoYears, { fy: 2027, amountYen: 1 }), 422)).toEqual([
      ['body.fy', 'afterEnd', { fy: 2027, endFy: 2026, lastYear: 2 }],
    ])
    expect(await reasonsOf(addGrant(open, { fy: 2028, amountYen: 1 }), 422)).toEqual([
      ['body.fy', 'yearBeyondMenu', { fy: 2028, year: 4, maxYears: 3, menu: '理由メニュー' }],
    ])
    expect(await reasonsOf(addGrant(open, { fy: 2027, amountYen: 1 }), 422)).toEqual([
      ['body.amountYen', 'noCap', { year: 3, menu: '理由メニュー' }],
    ])
    // The lead company's size is unknown: the SME rate, 2/3, applies.
    expect(
      await reasonsOf(addGrant(open, { fy: 2025, amountYen: 500_001, eligibleCostYen: 600_000 }), 422),
    ).toEqual([
      ['body.amountYen', 'overCap', { amountYen: 500_001, capYen: 500_000, year: 1, menu: '理由メニュー' }],
      [
        'body.amountYen',
        'overRate',
        {
          amountYen: 500_001,
          eligibleCostYen: 600_000,
          maxYen: 400_000,
          rate: { numerator: 2, denominator: 3 },
          size: null,
          menu: '理由メニュー',
        },
      ],
    ])
  })

  it('give a project’s reasons: its lead, period and menu, and the grants a change would break', async () => {
    expect(await reasonsOf(postProject({ leadOrgId: lab, startFy: 2025, endFy: 2024 }), 422)).toEqual([
      ['body.leadOrgId', 'leadKind', { name: '理由研究所', kind: 'public_lab' }],
      ['body.endFy', 'beforeStart', { fy: 2024, startFy: 2025 }],
    ])
    expect(await reasonsOf(postProject({ menuId: menu, startFy: 2025, endFy: 2028 }), 422)).toEqual([
      [
        'body.endFy',
        'periodBeyondMenu',
        { startFy: 2025, endFy: 2028, years: 4, maxYears: 3, menu: '理由メニュー' },
      ],
    ])
    expect(await reasonsOf(postProject({ menuId: menu, programId: otherProgram }), 422)).toEqual([
      [
        'body.menuId',
        'menuOfOtherProgram',
        { menu: 'reason_menu', menuProgram: 'bio_cluster', program: 'other_reasons' },
      ],
    ])

    const funded = await createProject({ menuId: menu, startFy: 2025, endFy: 2026 })
    const grant = (await addGrant(funded, { fy: 2025, amountYen: 100_000 })).json()
    const later = send('PATCH', `/api/projects/${funded}`, { version: 1, startFy: 2026 })
    expect(await reasonsOf(later, 422)).toEqual([
      [
        'body.startFy',
        'breaksGrant',
        { id: grant.id, fy: 2025, reason: { keyword: 'beforeStart', params: { fy: 2025, startFy: 2026 } } },
      ],
    ])
  })

  it('give the dating reasons of events, outcomes and findings with the years and dates', async () => {
    const farFy = fiscalYearOf(new Date()) + 2
    const future = daysFromToday(400)
    const postEvent = (fields: Record<string, unknown>) =>
      send('POST', '/api/events', { kind: 'seminar', titleJa: '理由セミナー', city: '酒田市', ...fields })
    expect(await reasonsOf(postEvent({ heldOn: '2017-02-10', fy: 2017 }), 422)).toEqual([
      ['body.fy', 'fyMismatch', { fy: 2017, date: '2017-02-10', dateFy: 2016 }],
    ])
    expect(await reasonsOf(postEvent({ fy: farFy, datePrecision: 'month' }), 422)).toEqual([
      ['body.fy', 'tooFarAhead', { fy: farFy }],
      ['body.datePrecision', 'needsDate', { dateField: 'heldOn' }],
    ])

    const postOutcome = (fields: Record<string, unknown>) =>
      send('POST', '/api/outcomes', { projectId: project, kind: 'product', titleJa: '理由の成果', ...fields })
    expect(await reasonsOf(postOutcome({ occurredOn: '2017-02-01', fy: null }), 422)).toEqual([
      ['body.fy', 'fyMismatch', { fy: null, date: '2017-02-01', dateFy: 2016 }],
    ])
    expect(await reasonsOf(postOutcome({ occurredOn: future, datePrecision: null }), 422)).toEqual([
      [
        'body.occurredOn',
        'tooFarAhead',
        { date: future, latest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      ],
      ['body.datePrecision', 'required', {}],
    ])
    expect(await reasonsOf(postOutcome({ datePrecision: 'day' }), 422)).toEqual([
      ['body.datePrecision', 'needsDate', { dateField: 'occurredOn' }],
    ])

    const early = postFinding({
      projectId: project,
      statementJa: '知見',
      evidenceLevel: 'animal',
      reportedOn: '1979-12-31',
    })
    expect(await reasonsOf(early, 422)).toEqual([
      ['body.reportedOn', 'tooEarly', { date: '1979-12-31', earliest: '1980-01-01' }],
    ])
  })

  it('say what an admin may not do to their own account, and that only partners have an organization', async () => {
    const self = `/api/users/${t.admin.user?.id}`
    expect(
      await reasonsOf(send('PATCH', self, { version: 1, disabled: true, role: 'manager' }), 422),
    ).toEqual([
      ['body.disabled', 'ownAccount', { action: 'disable' }],
      ['body.role', 'ownAccount', { action: 'demote' }],
    ])
    expect(await reasonsOf(send('DELETE', self), 422)).toEqual([
      ['params.id', 'ownAccount', { action: 'delete' }],
    ])
    const viewer = { email: 'reasons@example.test', displayName: '理由', password: 'a long enough password' }
    expect(
      await reasonsOf(send('POST', '/api/users', { ...viewer, role: 'viewer', organizationId: lab }), 422),
    ).toEqual([['body.organizationId', 'partnersOnly', { role: 'viewer' }]])
  })

  it('give a deck’s reasons: its project slides, and its frozen slides', async () => {
    const hidden = await insertProject(t.database.db, { visibility: 'confidential', leadOrgId: lead })
    const slides = [
      { kind: 'project' },
      { kind: 'kpis', projectId: project },
      { kind: 'project', projectId: hidden },
    ]
    expect(await reasonsOf(send('POST', '/api/decks', { name: '理由の資料', slides }), 422)).toEqual([
      ['body.slides.0.projectId', 'required', {}],
      ['body.slides.1.projectId', 'projectSlideOnly', { kind: 'kpis' }],
      ['body.slides.2.projectId', 'notPublic', { id: hidden }],
    ])

    const created = await send('POST', '/api/decks', { name: '理由の資料', slides: [{ kind: 'kpis' }] })
    const { id } = created.json()
    const frozen = await send('POST', `/api/decks/${id}/freeze`, { version: 1 })
    expect(frozen.statusCode, frozen.body).toBe(200)
    const { version } = frozen.json()
    const change = send('PATCH', `/api/decks/${id}`, { version, slides: [{ kind: 'title' }] })
    expect(await reasonsOf(change, 409)).toEqual([['body.slides', 'frozen', {}]])
    expect(await reasonsOf(send('POST', `/api/decks/${id}/freeze`, { version: 1 }), 409)).toEqual([
      ['body.version', 'stale', { version: 1, current: version }],
    ])
  })

  it('give the reasons of a record import’s mapping', async () => {
    const upload = (query: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/imports/projects?${query}`,
        headers: { 'content-type': 'text/csv' },
        payload: 'テーマ名\n理由のテーマ\n',
      })
    expect(await reasonsOf(upload('mapping=%7B%7D&mappingId=1'), 400)).toEqual([
      ['querystring.mapping', 'notBoth', { other: 'mappingId' }],
    ])
    expect(await reasonsOf(upload('mapping=%7Bnot-json'), 400)).toEqual([
      ['querystring.mapping', 'format', { format: 'json' }],
    ])
    const saved = await send('POST', '/api/import-mappings', {
      kind: 'outcomes',
      name: '理由の対応表',
      columns: { 名称: 'titleJa' },
    })
    expect(await reasonsOf(upload(`mappingId=${saved.json().id}`), 422)).toEqual([
      ['querystring.mappingId', 'otherKind', { kind: 'outcomes', expected: 'projects' }],
    ])
  })
})
