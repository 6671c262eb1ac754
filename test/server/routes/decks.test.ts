import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deck, DeckList } from '../../../server/schemas/decks.ts'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import { insertFinding, insertOrganization, insertOutcome, insertProject } from '../../helpers/records.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
/** A public project with a public product launched in FY2015, and a project hidden from the public. */
let shown: number
let hidden: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const company = await insertOrganization(db, 'company', 'デッキ食品㈱')
  const university = await insertOrganization(db, 'university', 'デッキ大学')
  shown = await insertProject(db, {
    visibility: 'public',
    leadOrgId: company,
    partners: [university],
    themeJa: '公開テーマ',
    adoptedFy: 2014,
  })
  const finding = await insertFinding(db, {
    visibility: 'public',
    projectId: shown,
    statementJa: '公開の知見',
  })
  await insertOutcome(db, {
    visibility: 'public',
    projectId: shown,
    titleJa: '公開の商品',
    fy: 2015,
    restsOn: [finding],
  })
  hidden = await insertProject(db, { visibility: 'program', leadOrgId: company, themeJa: '非公開テーマ' })
})
afterAll(() => t.close())

const SLIDES = [{ kind: 'title' }, { kind: 'kpis' }, { kind: 'products' }]
const post = (body: Record<string, unknown>, client: Pick<TestClient, 'inject'> = t.app) =>
  client.inject({ method: 'POST', url: '/api/decks', body })
const patch = (id: number, body: Record<string, unknown>, client: Pick<TestClient, 'inject'> = t.app) =>
  client.inject({ method: 'PATCH', url: `/api/decks/${id}`, body })
const freeze = (id: number, version: number, client: Pick<TestClient, 'inject'> = t.app) =>
  client.inject({ method: 'POST', url: `/api/decks/${id}/freeze`, body: { version } })
const get = async (id: number) => {
  const response = await t.anonymous.inject(`/api/decks/${id}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as Deck
}
const fieldsOf = (response: { json: () => { errors?: { field: string }[] } }) => [
  ...new Set((response.json().errors ?? []).map((e) => e.field)),
]

async function created(body: Record<string, unknown>): Promise<Deck> {
  const response = await post(body)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

describe('POST and GET /api/decks', () => {
  it('saves a deck with its defaults, and lists it without kept figures', async () => {
    const deck = await created({ name: '第5回セミナー', slides: SLIDES })
    expect(deck).toMatchObject({
      name: '第5回セミナー',
      subtitle: null,
      slides: SLIDES,
      filters: {},
      locale: 'ja',
      autoAdvanceSeconds: null,
      frozenAt: null,
      snapshot: null,
      version: 1,
    })
    expect(await get(deck.id)).toEqual(deck)
    const list = (await t.anonymous.inject('/api/decks')).json() as DeckList
    const item = list.items.find((d) => d.id === deck.id)
    expect(item).toMatchObject({ name: '第5回セミナー', slides: SLIDES })
    expect(item).not.toHaveProperty('snapshot')
  })

  it('keeps the slides in the order given, the filters, the language and the timer', async () => {
    const slides = [{ kind: 'project', projectId: shown }, { kind: 'attendance' }, { kind: 'title' }]
    const deck = await created({
      name: 'International seminar',
      subtitle: 'Tsuruoka, 2026',
      slides,
      filters: { fyFrom: 2013, fyTo: 2016, field: 'food' },
      locale: 'en',
      autoAdvanceSeconds: 20,
    })
    expect(await get(deck.id)).toMatchObject({
      subtitle: 'Tsuruoka, 2026',
      slides,
      filters: { fyFrom: 2013, fyTo: 2016, field: 'food' },
      locale: 'en',
      autoAdvanceSeconds: 20,
    })
  })

  it('refuses malformed decks with 400, naming each field, and saves nothing', async () => {
    const before = (await t.app.inject('/api/decks')).json().total
    const cases: [Record<string, unknown>, string[]][] = [
      [{ slides: SLIDES }, ['body.name']],
      [{ name: ' ', slides: SLIDES }, ['body.name']],
      [{ name: 'x', slides: [] }, ['body.slides']],
      [{ name: 'x', slides: [{ kind: 'chart' }] }, ['body.slides.0.kind']],
      [{ name: 'x', slides: [{ kind: 'title', color: 'red' }] }, ['body.slides.0.color']],
      [{ name: 'x', slides: SLIDES, filters: { fyFrom: 3000 } }, ['body.filters.fyFrom']],
      [
        { name: 'x', slides: SLIDES, locale: 'fr', autoAdvanceSeconds: 1 },
        ['body.locale', 'body.autoAdvanceSeconds'],
      ],
      [{ name: 'x', slides: SLIDES, snapshot: {} }, ['body.snapshot']],
    ]
    for (const [body, fields] of cases) {
      const response = await post(body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(fieldsOf(response), JSON.stringify(body)).toEqual(fields)
    }
    expect((await t.app.inject('/api/decks')).json().total).toBe(before)
  })

  it('refuses with 422 a project slide without its project, a project on another slide, and a project that is not public', async () => {
    const response = await post({
      name: 'x',
      slides: [
        { kind: 'project' },
        { kind: 'kpis', projectId: shown },
        { kind: 'project', projectId: hidden },
        { kind: 'project', projectId: 2_147_483_646 },
      ],
    })
    expect(response.statusCode).toBe(422)
    expect(fieldsOf(response)).toEqual([
      'body.slides.0.projectId',
      'body.slides.1.projectId',
      'body.slides.2.projectId',
      'body.slides.3.projectId',
    ])
    // A hidden project is refused exactly as one that does not exist.
    const [, , hiddenOne, missing] = response.json().errors.map((e: { message: string }) => e.message)
    expect(hiddenOne.replace(/\d+/g, 'N')).toBe(missing.replace(/\d+/g, 'N'))
    expect(response.body).not.toContain('非公開テーマ')
  })

  it('answers 404 for a deck that does not exist', async () => {
    expect((await t.anonymous.inject('/api/decks/2147483646')).statusCode).toBe(404)
    expect((await patch(2_147_483_646, { version: 1, name: 'x' })).statusCode).toBe(404)
    expect((await freeze(2_147_483_646, 1)).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'DELETE', url: '/api/decks/2147483646' })).statusCode).toBe(404)
  })
})

describe('PATCH and DELETE /api/decks/:id', () => {
  it('changes a deck with the version read, and answers 409 to a stale one', async () => {
    const deck = await created({ name: '旧名', slides: SLIDES })
    const changed = await patch(deck.id, {
      version: 1,
      name: '新名',
      slides: [{ kind: 'kpis' }, { kind: 'title' }],
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({
      name: '新名',
      slides: [{ kind: 'kpis' }, { kind: 'title' }],
      version: 2,
    })
    const stale = await patch(deck.id, { version: 1, name: '古い版から' })
    expect(stale.statusCode).toBe(409)
    expect(fieldsOf(stale)).toEqual(['body.version'])
    expect((await get(deck.id)).name).toBe('新名')
    expect((await patch(deck.id, { version: 2 })).statusCode).toBe(400)
  })

  it('deletes a deck', async () => {
    const deck = await created({ name: '消す', slides: SLIDES })
    expect((await t.app.inject({ method: 'DELETE', url: `/api/decks/${deck.id}` })).statusCode).toBe(204)
    expect((await t.anonymous.inject(`/api/decks/${deck.id}`)).statusCode).toBe(404)
  })
})

describe('who may do what', () => {
  it('lets anyone read and present a deck, and only managers and admins change one', async () => {
    const deck = await created({ name: '公開の資料', slides: SLIDES })
    expect((await t.anonymous.inject('/api/decks')).statusCode).toBe(200)
    expect((await t.anonymous.inject(`/api/decks/${deck.id}`)).statusCode).toBe(200)

    const anonymous = t.anonymous
    const viewer = await t.as('viewer')
    for (const [client, status] of [
      [anonymous, 401],
      [viewer, 403],
    ] as const) {
      expect((await post({ name: 'x', slides: SLIDES }, client)).statusCode).toBe(status)
      expect((await patch(deck.id, { version: 1, name: 'x' }, client)).statusCode).toBe(status)
      expect((await freeze(deck.id, 1, client)).statusCode).toBe(status)
      expect((await client.inject({ method: 'DELETE', url: `/api/decks/${deck.id}` })).statusCode).toBe(
        status,
      )
    }
    expect(await get(deck.id)).toEqual(deck)

    const manager = await t.as('manager')
    const renamed = await patch(deck.id, { version: 1, name: '事務局が直した' }, manager)
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect((await freeze(deck.id, 2, manager)).statusCode).toBe(200)
  })

  it('records who made and changed a deck in the audit trail', async () => {
    const deck = await created({ name: '監査', slides: SLIDES })
    await patch(deck.id, { version: 1, name: '監査済み' })
    const history = (await t.app.inject(`/api/audit/decks/${deck.id}`)).json()
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['create', 'update'])
    expect(history.items[1].actor.id).toBe(t.admin.user?.id)
  })
})

describe('freezing', () => {
  it('keeps the figures as they were, after the records change, until the deck is thawed', async () => {
    const deck = await created({
      name: '固定する資料',
      slides: [{ kind: 'kpis' }, { kind: 'products' }, { kind: 'project', projectId: shown }],
    })
    const frozen = await freeze(deck.id, 1)
    expect(frozen.statusCode, frozen.body).toBe(200)
    const kept = frozen.json() as Deck
    expect(kept.version).toBe(2)
    expect(kept.frozenAt).toEqual(kept.snapshot?.asOf)
    const figures = kept.snapshot
    if (!figures) throw new Error('no snapshot')
    expect(figures.overview.kpis.products.total).toBe(1)
    expect(figures.products.years.flatMap((y) => y.products.map((p) => p.title.ja))).toEqual(['公開の商品'])
    expect(figures.projects.map((p) => [p.id, p.themeJa])).toEqual([[shown, '公開テーマ']])

    // The records move on: a new product, the project's theme rewritten.
    await insertOutcome(t.database.db, {
      visibility: 'public',
      projectId: shown,
      titleJa: '新しい商品',
      fy: 2016,
    })
    await t.database.db
      .updateTable('projects')
      .set({ themeJa: '書き換えたテーマ' })
      .where('id', '=', shown)
      .execute()
    const live = (await t.anonymous.inject('/api/stats/overview')).json()
    expect(live.kpis.products.total).toBe(2)

    const later = await get(deck.id)
    expect(later.snapshot).toEqual(figures)
    expect(later.frozenAt).toBe(kept.frozenAt)
    expect(JSON.stringify(later)).not.toContain('新しい商品')

    // Frozen slides and filters do not change under the figures kept for them; the name may.
    const locked = await patch(deck.id, { version: 2, filters: { fyFrom: 2016 } })
    expect(locked.statusCode).toBe(409)
    expect(fieldsOf(locked)).toEqual(['body.filters'])
    expect((await patch(deck.id, { version: 2, name: '改名' })).statusCode).toBe(200)

    // Freezing again takes today's figures; thawing drops them.
    const again = (await freeze(deck.id, 3)).json() as Deck
    expect(again.snapshot?.overview.kpis.products.total).toBe(2)
    expect(again.snapshot?.projects[0]?.themeJa).toBe('書き換えたテーマ')
    const thawed = await patch(deck.id, { version: 4, frozen: false, filters: { fyFrom: 2016 } })
    expect(thawed.statusCode, thawed.body).toBe(200)
    expect(thawed.json()).toMatchObject({
      snapshot: null,
      frozenAt: null,
      filters: { fyFrom: 2016 },
      version: 5,
    })

    expect((await freeze(deck.id, 4)).statusCode).toBe(409)
    await t.database.db
      .updateTable('projects')
      .set({ themeJa: '公開テーマ' })
      .where('id', '=', shown)
      .execute()
  })

  it('keeps what an anonymous visitor sees, whoever freezes: hidden products are counted, never named', async () => {
    const db = t.database.db
    const company = await insertOrganization(db, 'company')
    const project = await insertProject(db, { visibility: 'public', leadOrgId: company })
    await insertOutcome(db, {
      visibility: 'program',
      projectId: project,
      titleJa: '事務局だけの商品',
      fy: 2017,
    })
    const deck = await created({
      name: '匿名の目で',
      slides: [{ kind: 'products' }],
      filters: { fyFrom: 2017 },
    })
    // The admin sees the product by name on the live API …
    expect((await t.app.inject('/api/stats/products?fyFrom=2017')).body).toContain('事務局だけの商品')
    // … but the frozen deck, which anyone may open, only counts it.
    const frozen = await freeze(deck.id, 1)
    expect(frozen.statusCode).toBe(200)
    expect(frozen.body).not.toContain('事務局だけの商品')
    const year = (frozen.json() as Deck).snapshot?.products.years.find((y) => y.fy === 2017)
    expect(year).toMatchObject({ count: 1, hiddenCount: 1, products: [] })
  })
})
