import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorResponse } from '../../server/schemas/common.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { insertOrganization, insertProject } from '../helpers/records.ts'

// Each refused field carries its reason as a keyword and its details as params beside the English message, so
// that the dashboard can say it in Japanese (client/composables/problem-messages.ts).

let t: TestApp
let project: number
let lab: number

beforeAll(async () => {
  t = await createTestApp()
  lab = await insertOrganization(t.database.db, 'public_lab', '理由研究所')
  const lead = await insertOrganization(t.database.db, 'company', '理由商事')
  project = await insertProject(t.database.db, { visibility: 'public', leadOrgId: lead, partners: [lab] })
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
  })
})
