import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

const create = (body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/organizations', body })

describe('GET /api/organizations', () => {
  it('lists with a total and pages', async () => {
    const all = (await t.app.inject('/api/organizations?limit=500')).json()
    expect(all.total).toBe(all.items.length)
    const page = (await t.app.inject('/api/organizations?limit=5&offset=5&sort=id')).json()
    expect(page.items.map((o: { id: number }) => o.id)).toEqual(
      all.items.slice(5, 10).map((o: { id: number }) => o.id),
    )
    expect(page.total).toBe(all.total)
  })

  it('filters by municipality, kind, the adopted list and text, in Japanese', async () => {
    const tsuruoka = (
      await t.app.inject(`/api/organizations?adopted=true&municipality=${encodeURIComponent('鶴岡市')}`)
    ).json()
    expect(tsuruoka.total).toBe(11)
    const ventures = (await t.app.inject('/api/organizations?kind=venture')).json()
    expect(ventures.total).toBe(6)
    const ham = (await t.app.inject(`/api/organizations?q=${encodeURIComponent('ハム')}`)).json()
    expect(ham.items.map((o: { nameJa: string }) => o.nameJa)).toEqual(['㈱東北ハム'])
    const english = (await t.app.inject('/api/organizations?q=keio')).json()
    expect(english.total).toBe(1)
  })

  it('sorts by an allowed field, descending with a minus', async () => {
    const rows = (await t.app.inject('/api/organizations?sort=-nameJa&limit=3')).json().items
    const names = rows.map((o: { nameJa: string }) => o.nameJa)
    expect([...names].sort().reverse()).toEqual(names)
  })

  it('takes a % in the search text literally', async () => {
    expect((await t.app.inject('/api/organizations?q=%25')).json().total).toBe(0)
  })

  it('refuses a sort or filter it does not know, naming the field', async () => {
    const response = await t.app.inject('/api/organizations?sort=password&limit=0&color=red')
    expect(response.statusCode).toBe(400)
    const fields = response.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(
      expect.arrayContaining(['querystring.sort', 'querystring.limit', 'querystring.color']),
    )
  })
})

describe('GET /api/organizations/:id', () => {
  it('answers one organization, 404 for an unknown id and 400 for a malformed one', async () => {
    const first = (await t.app.inject('/api/organizations?limit=1')).json().items[0]
    expect((await t.app.inject(`/api/organizations/${first.id}`)).json()).toEqual(first)
    const missing = await t.app.inject('/api/organizations/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect((await t.app.inject('/api/organizations/abc')).statusCode).toBe(400)
    expect((await t.app.inject('/api/organizations/:id')).statusCode).toBe(400)
  })
})

describe('writes', () => {
  it('creates, updates with the version read, refuses a stale version, and deletes', async () => {
    const created = await create({
      kind: 'company',
      nameJa: '㈱テスト食品',
      nameEn: 'Test Foods',
      municipality: '酒田市',
      size: 'sme',
    })
    expect(created.statusCode).toBe(201)
    const org = created.json()
    expect(org).toMatchObject({ nameJa: '㈱テスト食品', version: 1, listedAsAdopted: false })
    expect(org.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${org.id}`,
      body: { version: 1, municipality: '鶴岡市' },
    })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ municipality: '鶴岡市', version: 2 })

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${org.id}`,
      body: { version: 1, municipality: '山形市' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().errors[0].field).toBe('body.version')
    expect((await t.app.inject(`/api/organizations/${org.id}`)).json().municipality).toBe('鶴岡市')

    expect((await t.app.inject({ method: 'DELETE', url: `/api/organizations/${org.id}` })).statusCode).toBe(
      204,
    )
    expect((await t.app.inject(`/api/organizations/${org.id}`)).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/organizations/${org.id}` })).statusCode).toBe(
      404,
    )
  })

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await create({ kind: 'bank', nameJa: '', size: 'huge', extra: 1 })
    expect(response.statusCode).toBe(400)
    const fields = response.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['body.kind', 'body.nameJa', 'body.size', 'body.extra']))
    expect(JSON.stringify(response.json())).not.toMatch(/select|insert|node_modules/i)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('answers 409 for a duplicate name and 422 for an unknown parent, changing nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const duplicate = await create({ kind: 'company', nameJa: '㈱でん六' })
    expect(duplicate.statusCode).toBe(409)
    expect(duplicate.json().errors[0].field).toBe('body.nameJa')
    const orphan = await create({ kind: 'venture', nameJa: '新ベンチャー', spunOutOfId: 999999 })
    expect(orphan.statusCode).toBe(422)
    expect(orphan.json().errors[0].field).toBe('body.spunOutOfId')
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('refuses to delete an organization a project still refers to', async () => {
    const denroku = (await t.app.inject(`/api/organizations?q=${encodeURIComponent('でん六')}`)).json()
      .items[0]
    const response = await t.app.inject({ method: 'DELETE', url: `/api/organizations/${denroku.id}` })
    expect(response.statusCode).toBe(422)
  })
})

describe('GET /api/organizations.csv', () => {
  it('exports the filtered list as UTF-8 CSV with a BOM, all pages', async () => {
    const response = await t.app.inject(`/api/organizations.csv?adopted=true&limit=1&sort=id`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toContain('organizations.csv')
    expect(response.body.startsWith('\uFEFFid,kind,name_ja')).toBe(true)
    const lines = response.body.trim().split('\r\n')
    expect(lines).toHaveLength(1 + 24)
    expect(response.body).toContain('㈱でん六')
  })

  it('neutralizes cells that a spreadsheet would run as formulas', async () => {
    const created = await create({ kind: 'company', nameJa: '=HYPERLINK("http://x","y")', note: '+1' })
    expect(created.statusCode).toBe(201)
    const body = (await t.app.inject(`/api/organizations.csv?q=HYPERLINK`)).body
    expect(body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(body).toContain(`'+1`)
    await t.app.inject({ method: 'DELETE', url: `/api/organizations/${created.json().id}` })
  })

  it('refuses bad filters like the list does', async () => {
    expect((await t.app.inject('/api/organizations.csv?kind=bank')).statusCode).toBe(400)
  })
})
