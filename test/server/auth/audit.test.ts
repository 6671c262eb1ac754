import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../server/schemas/audit.ts'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import { backend } from '../../helpers/database.ts'

// Every write leaves audit rows, in its own transaction: who (the signed-in user), when, which record, and
// the row before and after. Writes go through the API, as a manager (users as the admin).

let t: Awaited<ReturnType<typeof createTestApp>>
let manager: TestClient
let managerId: number

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  manager = await t.as('manager')
  managerId = manager.user?.id as number
})
afterAll(() => t.close())

async function send(client: TestClient, method: string, url: string, body?: object, status?: number) {
  const response = await client.inject({ method: method as 'POST', url, ...(body ? { body } : {}) })
  const expected = status ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200)
  expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(expected)
  return response.statusCode === 204 ? undefined : response.json()
}

/** The audit rows written since `after` (an audit id), oldest first, as the API answers them. */
async function rowsSince(after: number): Promise<AuditEntry[]> {
  const { items } = (await t.app.inject('/api/audit?limit=500')).json() as { items: AuditEntry[] }
  return items.filter((e) => e.id > after).reverse()
}
const lastAuditId = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0,
  )

const summary = (rows: AuditEntry[]) =>
  rows.map((r) => `${r.action} ${r.table}${r.recordId === null ? '' : ` ${r.recordId}`}`)

describe('audit rows', () => {
  it('record every create, update and delete on each table, with the actor, before and after', async () => {
    const start = await lastAuditId()
    const seed = (
      await t.database.db
        .selectFrom('subsidyMenus')
        .select('id')
        .where('code', '=', 'seed_exploration')
        .executeTakeFirstOrThrow()
    ).id

    const org = await send(manager, 'POST', '/api/organizations', {
      kind: 'company',
      nameJa: '監査㈱',
      size: 'sme',
    })
    const partner = await send(manager, 'POST', '/api/organizations', {
      kind: 'university',
      nameJa: '監査大学',
    })
    const orgV2 = await send(manager, 'PATCH', `/api/organizations/${org.id}`, {
      version: 1,
      nameEn: 'Audit Co.',
    })
    const project = await send(manager, 'POST', '/api/projects', {
      adoptedFy: 2025,
      themeJa: '監査テーマ',
      leadOrgId: org.id,
      menuId: seed,
      startFy: 2025,
      endFy: 2026,
      partners: [{ orgId: partner.id }],
    })
    await send(manager, 'PATCH', `/api/projects/${project.id}`, {
      version: 1,
      themeEn: 'Audit theme',
      partners: [],
    })
    const grant = await send(manager, 'POST', `/api/projects/${project.id}/grants`, {
      fy: 2025,
      amountYen: 100_000,
    })
    await send(manager, 'PATCH', `/api/grants/${grant.id}`, { version: 1, amountYen: 200_000 })
    await send(manager, 'DELETE', `/api/grants/${grant.id}`)
    const finding = await send(manager, 'POST', '/api/findings', {
      projectId: project.id,
      statementJa: '監査の知見',
      evidenceLevel: 'analytical',
      metaboliteResults: [{ name: 'GABA' }],
    })
    await send(manager, 'PATCH', `/api/findings/${finding.id}`, {
      version: 1,
      platform: 'CE-TOFMS',
      metaboliteResults: [{ name: 'Ornithine' }],
    })
    const outcome = await send(manager, 'POST', '/api/outcomes', {
      projectId: project.id,
      kind: 'award',
      titleJa: '監査賞',
      restsOn: [finding.id],
    })
    await send(manager, 'PATCH', `/api/outcomes/${outcome.id}`, {
      version: 1,
      titleEn: 'Audit award',
      restsOn: [],
    })
    const event = await send(manager, 'POST', '/api/events', {
      kind: 'seminar',
      titleJa: '監査セミナー',
      fy: 2025,
      projectIds: [project.id],
    })
    await send(manager, 'PATCH', `/api/events/${event.id}`, { version: 1, attendance: 42, projectIds: [] })
    await send(manager, 'DELETE', `/api/events/${event.id}`)
    const target = await send(manager, 'POST', '/api/targets', { metric: 'events', fy: 2030, target: 5 })
    await send(manager, 'PATCH', `/api/targets/${target.id}`, { version: 1, target: 6 })
    await send(manager, 'DELETE', `/api/targets/${target.id}`)
    await send(manager, 'DELETE', `/api/outcomes/${outcome.id}`)
    await send(manager, 'DELETE', `/api/findings/${finding.id}`)
    await send(manager, 'DELETE', `/api/projects/${project.id}`)
    await send(manager, 'DELETE', `/api/organizations/${org.id}`)
    expect(orgV2.nameEn).toBe('Audit Co.')

    const rows = await rowsSince(start)
    // Every change by the manager, none by anyone else.
    expect(rows.every((r) => r.actor?.id === managerId)).toBe(true)
    expect(rows[0]?.actor).toMatchObject({ id: managerId, email: manager.user?.email })
    const seen = new Set(summary(rows).map((s) => s.split(' ').slice(0, 2).join(' ')))
    for (const table of [
      'organizations',
      'projects',
      'project_grants',
      'findings',
      'outcomes',
      'events',
      'kpi_targets',
    ]) {
      for (const action of ['create', 'update', 'delete'])
        expect(seen, `${action} ${table}`).toContain(`${action} ${table}`)
    }
    for (const table of ['project_partners', 'metabolite_results', 'outcome_findings', 'event_projects']) {
      for (const action of ['create', 'delete'])
        expect(seen, `${action} ${table}`).toContain(`${action} ${table}`)
    }

    // Before and after, whole rows, camelCased as the API speaks.
    const orgUpdate = rows.find((r) => r.table === 'organizations' && r.action === 'update')
    expect(orgUpdate).toMatchObject({
      recordId: org.id,
      before: { id: org.id, nameJa: '監査㈱', nameEn: null, version: 1 },
      after: { id: org.id, nameJa: '監査㈱', nameEn: 'Audit Co.', version: 2 },
    })
    const orgCreate = rows.find(
      (r) => r.table === 'organizations' && r.action === 'create' && r.recordId === org.id,
    )
    expect(orgCreate).toMatchObject({ before: null, after: { nameJa: '監査㈱' } })
    const orgDelete = rows.find((r) => r.table === 'organizations' && r.action === 'delete')
    expect(orgDelete).toMatchObject({ recordId: org.id, before: { nameEn: 'Audit Co.' }, after: null })
    // Rows of a record's parts are logged under the record they belong to.
    expect(rows.find((r) => r.table === 'metabolite_results' && r.action === 'create')).toMatchObject({
      recordId: finding.id,
      after: { name: 'GABA', findingId: finding.id },
    })
    expect(rows.find((r) => r.table === 'project_partners' && r.action === 'delete')).toMatchObject({
      recordId: project.id,
      before: { orgId: partner.id },
    })
    // A write and its audit rows share their moment (one transaction): the finding's update and the rows of
    // its metabolite results it replaced.
    const ofFinding = rows.filter((r) => r.recordId === finding.id)
    const findingUpdate = ofFinding.filter((r) => r.table === 'findings' && r.action === 'update')
    const replaced = ofFinding.filter(
      (r) =>
        r.table === 'metabolite_results' &&
        ((r.action === 'delete' && r.before?.name === 'GABA') ||
          (r.action === 'create' && r.after?.name === 'Ornithine')),
    )
    expect(findingUpdate).toHaveLength(1)
    expect(replaced).toHaveLength(2)
    expect(new Set([...findingUpdate, ...replaced].map((r) => r.at)).size).toBe(1)
  })

  it('record users without their password hashes, actor the admin', async () => {
    const start = await lastAuditId()
    const user = await send(t.admin, 'POST', '/api/users', {
      email: 'audited@example.test',
      displayName: 'Audited',
      role: 'viewer',
      password: 'a long enough password',
    })
    await send(t.admin, 'PATCH', `/api/users/${user.id}`, { version: 1, password: 'another long password' })
    await send(t.admin, 'DELETE', `/api/users/${user.id}`)
    const rows = await rowsSince(start)
    expect(summary(rows)).toEqual([
      `create users ${user.id}`,
      `update users ${user.id}`,
      `delete users ${user.id}`,
    ])
    expect(rows.every((r) => r.actor?.id === t.admin.user?.id)).toBe(true)
    expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash|password_hash/)
  })

  it('record a partner’s writes under the partner', async () => {
    const org = (
      await t.database.db
        .selectFrom('organizations')
        .select('id')
        .where('nameJa', '=', '㈱でん六')
        .executeTakeFirstOrThrow()
    ).id
    const project = (
      await t.database.db
        .selectFrom('projects')
        .select('id')
        .where('leadOrgId', '=', org)
        .executeTakeFirstOrThrow()
    ).id
    const partner = await t.as('partner', org)
    const start = await lastAuditId()
    const finding = await send(partner, 'POST', '/api/findings', {
      projectId: project,
      statementJa: 'パートナーの知見',
      evidenceLevel: 'in_vitro',
    })
    expect(finding.visibility).toBe('confidential')
    const rows = await rowsSince(start)
    expect(summary(rows)).toEqual([`create findings ${finding.id}`])
    expect(rows[0]?.actor?.id).toBe(partner.user?.id)
  })

  it('leave nothing for a refused write, and nothing that can be changed afterwards', async () => {
    const start = await lastAuditId()
    const refused = await manager.inject({
      method: 'POST',
      url: '/api/findings',
      body: { projectId: 999_999, statementJa: '存在しない', evidenceLevel: 'analytical' },
    })
    expect(refused.statusCode).toBe(422)
    const stale = await manager.inject({
      method: 'PATCH',
      url: '/api/organizations/1',
      body: { version: 99, note: 'x' },
    })
    expect(stale.statusCode).toBe(409)
    expect(await rowsSince(start)).toEqual([])

    await expect(sql`update audit_log set actor_id = null`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/)
  })

  it('name the right actor when several users write at once, with reads in between', async () => {
    const other = await t.as('manager')
    const start = await lastAuditId()
    const writers = [manager, other, manager, other, manager, other]
    const responses = await Promise.all([
      ...writers.map((client, i) =>
        client.inject({
          method: 'POST',
          url: '/api/organizations',
          body: { kind: 'agency', nameJa: `同時${i}` },
        }),
      ),
      ...writers.map(() => t.anonymous.inject('/api/projects?limit=5')),
    ])
    expect(responses.map((r) => r.statusCode)).toEqual([...writers.map(() => 201), ...writers.map(() => 200)])
    const rows = await rowsSince(start)
    expect(rows).toHaveLength(writers.length)
    for (const row of rows) {
      const i = Number(String(row.after?.nameJa).replace('同時', ''))
      expect(row.actor?.id, row.after?.nameJa as string).toBe(writers[i]?.user?.id)
    }
    // A connection hands no actor on to the next request: a system write right after is nobody's.
    await t.database.db.insertInto('organizations').values({ kind: 'agency', nameJa: '後続' }).execute()
    const [last] = (await rowsSince(start)).slice(-1)
    expect(last).toMatchObject({ table: 'organizations', actor: null, after: { nameJa: '後続' } })
  })

  it('name no actor for the system’s own writes (the dataset load)', async () => {
    const { items } = (await t.app.inject('/api/audit?table=programs')).json() as { items: AuditEntry[] }
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((e) => e.actor === null && e.action === 'create')).toBe(true)
  })
})

describe('GET /api/audit', () => {
  it('filters by table, record, actor and time, newest first, in pages', async () => {
    const org = await send(manager, 'POST', '/api/organizations', { kind: 'agency', nameJa: '頁機関' })
    for (const note of ['一', '二', '三']) {
      const { version } = (await t.app.inject(`/api/organizations/${org.id}`)).json()
      await send(manager, 'PATCH', `/api/organizations/${org.id}`, { version, note })
    }
    const page = (await t.app.inject(`/api/audit?table=organizations&recordId=${org.id}&limit=2`)).json()
    expect(page.total).toBe(4)
    expect(page.items.map((e: AuditEntry) => e.after?.note)).toEqual(['三', '二'])
    const next = (
      await t.app.inject(`/api/audit?table=organizations&recordId=${org.id}&limit=2&offset=2`)
    ).json()
    expect(next.items.map((e: AuditEntry) => e.action)).toEqual(['update', 'create'])

    const byActor = (await t.app.inject(`/api/audit?actor=${managerId}&limit=500`)).json()
    expect(byActor.items.every((e: AuditEntry) => e.actor?.id === managerId)).toBe(true)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    expect((await t.app.inject(`/api/audit?from=${future}`)).json().total).toBe(0)
    const past = new Date(Date.now() - 3_600_000).toISOString()
    const recent = (
      await t.app.inject(`/api/audit?from=${past}&to=${future}&recordId=${org.id}&table=organizations`)
    ).json()
    expect(recent.total).toBe(4)
    expect((await t.app.inject('/api/audit?table=passwords')).statusCode).toBe(400)
  })

  it('gives the history of one record, oldest first, with the rows that belong to it', async () => {
    const project = (await t.database.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id
    const finding = await send(manager, 'POST', '/api/findings', {
      projectId: project,
      statementJa: '履歴の知見',
      evidenceLevel: 'analytical',
      metaboliteResults: [{ name: 'Citrulline' }],
    })
    await send(manager, 'PATCH', `/api/findings/${finding.id}`, { version: 1, statementEn: 'History' })
    await send(manager, 'DELETE', `/api/findings/${finding.id}`)
    const history = (await manager.inject(`/api/audit/findings/${finding.id}`)).json()
    const lines = summary(history.items)
    expect(lines.slice(0, 3)).toEqual([
      `create findings ${finding.id}`,
      `create metabolite_results ${finding.id}`,
      `update findings ${finding.id}`,
    ])
    // The cascade's rows come in the trigger order the database chooses, in the same transaction.
    expect(lines.slice(3).sort()).toEqual([
      `delete findings ${finding.id}`,
      `delete metabolite_results ${finding.id}`,
    ])
  })

  it('is for managers and admins only', async () => {
    expect((await t.anonymous.inject('/api/audit')).statusCode).toBe(401)
    for (const role of ['viewer', 'partner'] as const) {
      const client = await t.as(role, role === 'partner' ? 1 : null)
      expect((await client.inject('/api/audit')).statusCode, role).toBe(403)
      expect((await client.inject('/api/audit/projects/1')).statusCode, role).toBe(403)
    }
  })
})

// Both backends run these; the PostgreSQL one also proves the triggers on real PostgreSQL.
it(`runs its triggers on ${backend}`, async () => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::integer as n from pg_trigger where tgname like '%\\_audit' and not tgisinternal
  `.execute(t.database.db)
  expect(rows[0]?.n).toBe(16)
})
