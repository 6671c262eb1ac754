import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../helpers/app.ts'
import { insertOrganization } from '../../helpers/records.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
let lab: number

beforeAll(async () => {
  t = await createTestApp()
  lab = await insertOrganization(t.database.db, 'university', 'ユーザー大学')
})
afterAll(() => t.close())

const create = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/users', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, body })
const problems = (response: { json: () => { errors?: { field: string; message: string }[] } }) =>
  response.json().errors ?? []
const user = (overrides: Record<string, unknown> = {}) => ({
  email: `u${Math.random().toString(36).slice(2)}@example.test`,
  displayName: '利用者',
  role: 'viewer',
  password: 'a long enough password',
  ...overrides,
})

describe('/api/users (admins)', () => {
  it('creates, lists, reads, changes and deletes users, never showing a password hash', async () => {
    const created = await create(
      user({ email: 'Partner@Example.test', role: 'partner', organizationId: lab }),
    )
    expect(created.statusCode, created.body).toBe(201)
    const { id } = created.json()
    expect(created.json()).toMatchObject({
      email: 'Partner@Example.test',
      role: 'partner',
      organizationId: lab,
    })
    const list = await t.app.inject('/api/users?role=partner')
    expect(list.json().items.map((u: { id: number }) => u.id)).toEqual([id])
    expect((await t.app.inject(`/api/users/${id}`)).json().disabled).toBe(false)
    const changed = await patch(id, { version: 1, role: 'manager' })
    expect(changed.statusCode, changed.body).toBe(200)
    // A manager belongs to no organization: the partner's is dropped with the role.
    expect(changed.json()).toMatchObject({ role: 'manager', organizationId: null, version: 2 })
    expect(JSON.stringify([created.json(), list.json(), changed.json()])).not.toMatch(/argon2|password/i)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/${id}` })).statusCode).toBe(204)
    expect((await t.app.inject(`/api/users/${id}`)).statusCode).toBe(404)
  })

  it('binds partners, and only partners, to an organization that exists', async () => {
    const lonely = await create(user({ role: 'partner' }))
    expect(lonely.statusCode).toBe(422)
    expect(problems(lonely)).toMatchObject([
      { field: 'body.organizationId', message: 'is required for a partner: its institution' },
    ])
    const unknown = await create(user({ role: 'partner', organizationId: 999_999 }))
    expect(problems(unknown)).toMatchObject([
      { field: 'body.organizationId', message: 'organization 999999 does not exist' },
    ])
    const bound = await create(user({ role: 'viewer', organizationId: lab }))
    expect(bound.statusCode).toBe(422)
    expect(problems(bound)[0]?.field).toBe('body.organizationId')
  })

  it('refuses an email already used, whatever its case, and a short password', async () => {
    expect((await create(user({ email: 'same@example.test' }))).statusCode).toBe(201)
    const again = await create(user({ email: 'SAME@example.TEST' }))
    expect(again.statusCode).toBe(409)
    expect(problems(again)[0]?.field).toBe('body.email')
    const short = await create(user({ password: 'short' }))
    expect(short.statusCode).toBe(400)
    expect(problems(short)[0]?.field).toBe('body.password')
  })

  it('will not let admins disable, demote or delete themselves', async () => {
    const me = t.admin.user?.id as number
    const { version } = (await t.app.inject(`/api/users/${me}`)).json()
    const disabled = await patch(me, { version, disabled: true })
    expect(disabled.statusCode).toBe(422)
    const demoted = await patch(me, { version, role: 'viewer' })
    expect(problems(demoted)).toMatchObject([
      { field: 'body.role', message: 'cannot be taken from your own account' },
    ])
    expect((await t.app.inject({ method: 'DELETE', url: `/api/users/${me}` })).statusCode).toBe(422)
  })

  it('is for admins only', async () => {
    const manager = await t.as('manager')
    expect((await manager.inject('/api/users')).statusCode).toBe(403)
    expect((await manager.inject({ method: 'POST', url: '/api/users', body: user() })).statusCode).toBe(403)
    expect((await t.anonymous.inject('/api/users')).statusCode).toBe(401)
  })
})
