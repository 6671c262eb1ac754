import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import { insertFinding, insertOrganization, insertProject } from '../../helpers/records.ts'

// What a partner may change: findings and outcomes (with metabolite results and links) of the projects its
// organization takes part in, never the fields reserved to the program office.

let t: Awaited<ReturnType<typeof createTestApp>>
let partner: TestClient
let own: number
let ownAsLead: number
let others: number
let hiddenFinding: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const lab = await insertOrganization(db, 'public_lab', '書込研究所')
  const lead = await insertOrganization(db, 'company', '書込主導社')
  const venture = await insertOrganization(db, 'venture', '書込ベンチャー')
  own = await insertProject(db, { visibility: 'public', leadOrgId: lead, partners: [lab] })
  ownAsLead = await insertProject(db, { visibility: 'confidential', leadOrgId: venture })
  others = await insertProject(db, { visibility: 'public', leadOrgId: lead })
  hiddenFinding = await insertFinding(db, {
    projectId: await insertProject(db, { visibility: 'confidential', leadOrgId: lead }),
    visibility: 'confidential',
  })
  partner = await t.as('partner', lab)
})
afterAll(() => t.close())

const finding = (projectId: number, extra: Record<string, unknown> = {}) => ({
  projectId,
  statementJa: 'パートナーの知見',
  evidenceLevel: 'in_vitro',
  ...extra,
})
const fields = (response: { json: () => { errors?: { field: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.field)

describe('a partner', () => {
  it('adds findings to its projects, confidential until the program office publishes them', async () => {
    const created = await partner.inject({
      method: 'POST',
      url: '/api/findings',
      body: finding(own, { metaboliteResults: [{ name: 'GABA', direction: 'up', foldChange: 2 }] }),
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ visibility: 'confidential', embargoUntil: null, projectId: own })
    // It shows on the project's page for the partner, not for the public.
    const page = (await partner.inject(`/api/projects/${own}`)).json()
    expect(page.findings.map((f: { id: number }) => f.id)).toContain(created.json().id)
    const publicPage = (await t.anonymous.inject(`/api/projects/${own}`)).json()
    expect(publicPage.findings.map((f: { id: number }) => f.id)).not.toContain(created.json().id)
    expect((await t.anonymous.inject(`/api/findings/${created.json().id}`)).statusCode).toBe(404)

    // A company's partner account takes part in the projects its company leads.
    const company = await t.as(
      'partner',
      (
        await t.database.db
          .selectFrom('projects')
          .select('leadOrgId')
          .where('id', '=', ownAsLead)
          .executeTakeFirstOrThrow()
      ).leadOrgId,
    )
    const asLead = await company.inject({ method: 'POST', url: '/api/findings', body: finding(ownAsLead) })
    expect(asLead.statusCode, asLead.body).toBe(201)
  })

  it('changes and deletes them, and its outcomes with their links', async () => {
    const { id } = (await partner.inject({ method: 'POST', url: '/api/findings', body: finding(own) })).json()
    const changed = await partner.inject({
      method: 'PATCH',
      url: `/api/findings/${id}`,
      body: { version: 1, statementEn: 'Changed by the partner' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const outcome = await partner.inject({
      method: 'POST',
      url: '/api/outcomes',
      body: { projectId: own, kind: 'press_release', titleJa: 'パートナーの発表', restsOn: [id] },
    })
    expect(outcome.statusCode, outcome.body).toBe(201)
    expect(outcome.json()).toMatchObject({ visibility: 'confidential', restsOn: [{ id }] })
    const outcomeId = outcome.json().id
    expect(
      (
        await partner.inject({
          method: 'PATCH',
          url: `/api/outcomes/${outcomeId}`,
          body: { version: 1, restsOn: [] },
        })
      ).statusCode,
    ).toBe(200)
    expect((await partner.inject({ method: 'DELETE', url: `/api/outcomes/${outcomeId}` })).statusCode).toBe(
      204,
    )
    expect((await partner.inject({ method: 'DELETE', url: `/api/findings/${id}` })).statusCode).toBe(204)
  })

  it('is refused, with 400 naming the field, the fields reserved to the program office', async () => {
    const create = await partner.inject({
      method: 'POST',
      url: '/api/findings',
      body: finding(own, { visibility: 'public', embargoUntil: '2030-01-01' }),
    })
    expect(create.statusCode).toBe(400)
    expect(fields(create)).toEqual(['body.visibility', 'body.embargoUntil'])
    const outcome = await partner.inject({
      method: 'POST',
      url: '/api/outcomes',
      body: { projectId: own, kind: 'award', titleJa: '賞', visibility: 'confidential' },
    })
    expect(outcome.statusCode).toBe(400)
    expect(fields(outcome)).toEqual(['body.visibility'])

    const { id } = (await partner.inject({ method: 'POST', url: '/api/findings', body: finding(own) })).json()
    const publish = await partner.inject({
      method: 'PATCH',
      url: `/api/findings/${id}`,
      body: { version: 1, visibility: 'public' },
    })
    expect(publish.statusCode).toBe(400)
    expect(fields(publish)).toEqual(['body.visibility'])
    // The manager publishes it.
    const manager = await t.as('manager')
    const published = await manager.inject({
      method: 'PATCH',
      url: `/api/findings/${id}`,
      body: { version: 1, visibility: 'public' },
    })
    expect(published.statusCode).toBe(200)
    expect((await t.anonymous.inject(`/api/findings/${id}`)).statusCode).toBe(200)
  })

  it('may not attach records to a project it does not take part in, nor move them there', async () => {
    const create = await partner.inject({ method: 'POST', url: '/api/findings', body: finding(others) })
    expect(create.statusCode).toBe(400)
    expect(create.json().errors).toEqual([
      {
        field: 'body.projectId',
        message: `project ${others} is not one your organization takes part in`,
        keyword: 'notParticipant',
        params: { id: others },
      },
    ])
    const { id } = (await partner.inject({ method: 'POST', url: '/api/findings', body: finding(own) })).json()
    const move = await partner.inject({
      method: 'PATCH',
      url: `/api/findings/${id}`,
      body: { version: 1, projectId: others },
    })
    expect(move.statusCode).toBe(400)
    expect(fields(move)).toEqual(['body.projectId'])
  })

  it('may not rest an outcome on a finding hidden from it: that finding "does not exist"', async () => {
    const response = await partner.inject({
      method: 'POST',
      url: '/api/outcomes',
      body: { projectId: own, kind: 'award', titleJa: '賞', restsOn: [hiddenFinding] },
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toEqual([
      {
        field: 'body.restsOn.0',
        message: `finding ${hiddenFinding} does not exist`,
        keyword: 'unknownRecord',
        params: { record: 'finding', id: hiddenFinding },
      },
    ])
  })

  it('may not change what others own: 403 when it may read it, 404 when it may not', async () => {
    const visible = await insertFinding(t.database.db, { projectId: others, visibility: 'public' })
    const patch = await partner.inject({
      method: 'PATCH',
      url: `/api/findings/${visible}`,
      body: { version: 1, platform: 'GC-MS' },
    })
    expect(patch.statusCode).toBe(403)
    expect((await partner.inject({ method: 'DELETE', url: `/api/findings/${visible}` })).statusCode).toBe(403)
    const hidden = await partner.inject({ method: 'DELETE', url: `/api/findings/${hiddenFinding}` })
    expect(hidden.statusCode).toBe(404)
    expect(hidden.json().message).toBe(`Finding ${hiddenFinding} not found`)
  })

  it('may not touch projects, organizations, grants, events, targets or users', async () => {
    for (const [method, url] of [
      ['POST', '/api/projects'],
      ['PATCH', `/api/projects/${own}`],
      ['DELETE', `/api/projects/${own}`],
      ['POST', '/api/organizations'],
      ['POST', `/api/projects/${own}/grants`],
      ['POST', '/api/events'],
      ['POST', '/api/targets'],
      ['GET', '/api/users'],
    ] as const) {
      const response = await partner.inject({ method, url, ...(method === 'POST' ? { body: {} } : {}) })
      expect(response.statusCode, `${method} ${url}`).toBe(403)
    }
  })
})

describe('viewers and anonymous visitors', () => {
  it('change nothing: 403 signed in, 401 anonymous', async () => {
    const viewer = await t.as('viewer')
    expect(
      (await viewer.inject({ method: 'POST', url: '/api/findings', body: finding(own) })).statusCode,
    ).toBe(403)
    expect(
      (await t.anonymous.inject({ method: 'POST', url: '/api/findings', body: finding(own) })).statusCode,
    ).toBe(401)
  })
})
