import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActors, AuditEntry } from '../../../server/schemas/audit.ts'
import { createTestApp, type TestApp, type TestClient } from '../../helpers/app.ts'

// What the list of changes filters by beyond table, record and time: the action, and the people who changed
// something (the choices of its "who" filter, which managers cannot read from /api/users).

let t: TestApp
let alice: TestClient
let bob: TestClient
let org: number

beforeAll(async () => {
  t = await createTestApp()
  alice = await t.as('manager')
  bob = await t.as('manager')
  const created = await alice.inject({
    method: 'POST',
    url: '/api/organizations',
    body: { kind: 'agency', nameJa: '絞込機関' },
  })
  org = created.json().id
  for (const [client, version] of [
    [bob, 1],
    [alice, 2],
  ] as const) {
    const changed = await client.inject({
      method: 'PATCH',
      url: `/api/organizations/${org}`,
      body: { version, note: `v${version}` },
    })
    if (changed.statusCode !== 200) throw new Error(changed.body)
  }
  const removed = await bob.inject({ method: 'DELETE', url: `/api/organizations/${org}` })
  if (removed.statusCode !== 204) throw new Error(removed.body)
})
afterAll(() => t.close())

const list = async (query: string) =>
  (await t.app.inject(`/api/audit?table=organizations&recordId=${org}&${query}`)).json() as {
    items: AuditEntry[]
    total: number
  }
const lines = (entries: AuditEntry[]) => entries.map((e) => `${e.action} ${e.actor?.id}`)

describe('GET /api/audit', () => {
  it('filters by action, alone and with the actor', async () => {
    const updates = await list('action=update')
    expect(updates.total).toBe(2)
    expect(lines(updates.items)).toEqual([`update ${alice.user?.id}`, `update ${bob.user?.id}`])
    expect(lines((await list(`action=update&actor=${bob.user?.id}`)).items)).toEqual([
      `update ${bob.user?.id}`,
    ])
    expect(lines((await list('action=delete')).items)).toEqual([`delete ${bob.user?.id}`])
    expect((await t.app.inject('/api/audit?action=rename')).statusCode).toBe(400)
  })

  it('takes a day in Japan time as the range, with its offset', async () => {
    const [latest] = (await list('limit=1')).items
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(
      new Date(latest?.at ?? ''),
    )
    const next = new Date(`${day}T00:00:00+09:00`)
    next.setUTCDate(next.getUTCDate() + 1)
    const range = `from=${encodeURIComponent(`${day}T00:00:00+09:00`)}&to=${encodeURIComponent(next.toISOString())}`
    expect((await list(range)).total).toBe(4)
    expect((await list(`to=${encodeURIComponent(`${day}T00:00:00+09:00`)}`)).total).toBe(0)
  })
})

describe('GET /api/audit/actors', () => {
  it('lists everyone who changed a record, with how many rows, for managers and admins only', async () => {
    const { items } = (await alice.inject('/api/audit/actors')).json() as AuditActors
    const mine = (client: TestClient) => items.find((a) => a.id === client.user?.id)
    expect(mine(alice)).toEqual({
      id: alice.user?.id,
      email: alice.user?.email,
      displayName: expect.any(String),
      changes: 2,
    })
    expect(mine(bob)?.changes).toBe(2)
    // The admin of the test app has written nothing.
    expect(items.some((a) => a.id === t.admin.user?.id)).toBe(false)
    expect((await t.anonymous.inject('/api/audit/actors')).statusCode).toBe(401)
    const viewer = await t.as('viewer')
    expect((await viewer.inject('/api/audit/actors')).statusCode).toBe(403)
  })
})
