import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settleEventDating } from '../../../server/repositories/events-repository.ts'
import { createTestApp } from '../../helpers/app.ts'
import { insertOrganization, insertProject } from '../../helpers/records.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
const project: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  for (const p of await t.database.db.selectFrom('projects').select(['id', 'ref']).execute())
    if (p.ref) project[p.ref] = p.id
})
afterAll(() => t.close())

const idOf = (ref: string) => {
  const id = project[ref]
  if (id === undefined) throw new Error(`no project ${ref}`)
  return id
}

interface Item {
  id: number
  ref: string | null
  kind: string
  fy: number
  heldOn: string | null
  titleJa: string
  city: string | null
  attendance: number | null
  projectIds: number[]
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/events?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Item[]; total: number }
}
const attendanceOf = (items: Item[]) => items.reduce((sum, e) => sum + (e.attendance ?? 0), 0)
const q = (text: string) => `q=${encodeURIComponent(text)}`
const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/events', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/events/${id}`, body })
const remove = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/events/${id}` })
const fieldsOf = (response: { json: () => { errors?: { field: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.field)
const draft = (overrides: Record<string, unknown> = {}) => ({
  kind: 'seminar',
  titleJa: 'メタボローム試験セミナー',
  heldOn: '2017-02-10',
  city: '酒田市',
  attendance: 40,
  ...overrides,
})

describe('GET /api/events', () => {
  it('lists the brochure’s 8 events, 1,204 attendees in all', async () => {
    const all = await list('limit=500')
    expect(all.total).toBe(8)
    expect(all.items).toHaveLength(8)
    expect(attendanceOf(all.items)).toBe(1204)
    expect(all.items.every((e) => e.heldOn === null && e.projectIds.length === 0)).toBe(true)
  })

  it('filters by fiscal years, kind and city', async () => {
    const middle = await list('fyFrom=2014&fyTo=2016')
    expect(middle.total).toBe(5)
    expect(attendanceOf(middle.items)).toBe(134 + 120 + 180 + 87 + 250)
    const technology = await list('kind=technology_seminar')
    expect(technology.items.map((e) => [e.fy, e.city, e.attendance])).toEqual([
      [2014, '米沢市', 120],
      [2016, '新庄市', 87],
    ])
    expect((await list('kind=technology_seminar&kind=research_presentation')).total).toBe(8)
    const tsuruoka = await list(`city=${encodeURIComponent('鶴岡市')}`)
    expect(tsuruoka.total).toBe(4)
    expect(attendanceOf(tsuruoka.items)).toBe(679)
  })

  it('searches titles, venue and city, in Japanese and English', async () => {
    const bioscience = await list(q('バイオサイエンス'))
    expect(bioscience.items.map((e) => e.fy)).toEqual([2015, 2016, 2017])
    expect(attendanceOf(bioscience.items)).toBe(568)
    expect((await list(q('bioscience'))).total).toBe(3)
    expect((await list(q('米沢'))).items.map((e) => e.attendance)).toEqual([120])
    expect((await list(q('%'))).total).toBe(0)
  })

  it('pages and sorts by an allowed field, descending with a minus', async () => {
    const all = await list('sort=id&limit=500')
    const page = await list('sort=id&limit=3&offset=3')
    expect(page.total).toBe(8)
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(3, 6).map((e) => e.id))
    const biggest = await list('sort=-attendance&limit=2')
    expect(biggest.items.map((e) => [e.fy, e.city, e.attendance])).toEqual([
      [2016, '鶴岡市', 250],
      [2015, '山形市', 180],
    ])
    const byFy = (await list('sort=fy')).items.map((e) => e.fy)
    expect(byFy).toEqual([...byFy].sort())
  })

  it('refuses an unknown sort, filter or kind, naming each field', async () => {
    const response = await t.app.inject('/api/events?sort=password&kind=party&fyFrom=1900&color=red')
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'querystring.sort',
        'querystring.kind.0',
        'querystring.fyFrom',
        'querystring.color',
      ]),
    )
  })
})

describe('GET /api/events/:id', () => {
  it('answers one event, 404 for an unknown id and 400 for a malformed one', async () => {
    const first = (await list('sort=id&limit=1')).items[0] as Item
    const response = await t.app.inject(`/api/events/${first.id}`)
    expect(response.statusCode).toBe(200)
    const { projectIds, ...fields } = first
    expect(response.json()).toEqual({ ...fields, projects: [] })
    expect(projectIds).toEqual([])
    const missing = await t.app.inject('/api/events/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect((await t.app.inject('/api/events/abc')).statusCode).toBe(400)
  })
})

describe('writes', () => {
  it('creates an event with its projects, its FY from the date, and lists it by project', async () => {
    const denroku = idOf('brochure-2018/denroku')
    const kushibiki = idOf('brochure-2018/ja-kushibiki')
    const created = await post(draft({ venue: '東京第一ホテル鶴岡', projectIds: [kushibiki, denroku] }))
    expect(created.statusCode, created.body).toBe(201)
    const event = created.json()
    expect(event).toMatchObject({
      kind: 'seminar',
      fy: 2016,
      heldOn: '2017-02-10',
      datePrecision: 'day',
      attendance: 40,
      version: 1,
      ref: null,
    })
    expect(event.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(event.projects.map((p: { id: number }) => p.id)).toEqual(
      [denroku, kushibiki].sort((a, b) => a - b),
    )
    expect(event.projects.find((p: { id: number }) => p.id === denroku)).toMatchObject({
      themeJa: 'ハイオレイックピーナッツ胚芽の高付加価値化と商品開発',
      company: { nameJa: '㈱でん六' },
    })

    const presented = await list(`project=${denroku}`)
    expect(presented.items.map((e) => e.id)).toEqual([event.id])
    expect(presented.items[0]?.projectIds).toHaveLength(2)
    expect((await list(q('東京第一ホテル'))).items.map((e) => e.id)).toEqual([event.id])
    expect((await list('limit=500')).total).toBe(9)

    expect((await remove(event.id)).statusCode).toBe(204)
    expect((await t.app.inject(`/api/events/${event.id}`)).statusCode).toBe(404)
    expect((await remove(event.id)).statusCode).toBe(404)
    expect((await list(`project=${denroku}`)).total).toBe(0)
    expect(await t.database.db.selectFrom('eventProjects').selectAll().execute()).toEqual([])
  })

  it('updates with the version read, replaces the projects, moves the FY with the date, refuses a stale version', async () => {
    const denroku = idOf('brochure-2018/denroku')
    const ham = idOf('brochure-2018/tohoku-ham-fy2016')
    const event = (await post(draft({ titleJa: '更新テスト', projectIds: [denroku] }))).json()

    const moved = await patch(event.id, { version: 1, heldOn: '2017-04-01', projectIds: [ham] })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json()).toMatchObject({ fy: 2017, heldOn: '2017-04-01', version: 2 })
    expect(moved.json().projects.map((p: { id: number }) => p.id)).toEqual([ham])

    const renamed = await patch(event.id, { version: 2, attendance: null, venue: '酒田市総合文化センター' })
    expect(renamed.json()).toMatchObject({ attendance: null, venue: '酒田市総合文化センター', version: 3 })
    expect(renamed.json().projects).toHaveLength(1)

    const cleared = await patch(event.id, { version: 3, projectIds: [] })
    expect(cleared.json()).toMatchObject({ version: 4, projects: [] })

    const before = await snapshotTables(t.database.db)
    const stale = await patch(event.id, { version: 1, attendance: 99 })
    expect(stale.statusCode).toBe(409)
    expect(fieldsOf(stale)).toEqual(['body.version'])
    // A stale version answers 409 even when the change also breaks a rule: reload first.
    expect((await patch(event.id, { version: 1, projectIds: [999999] })).statusCode).toBe(409)
    expect(await snapshotTables(t.database.db)).toEqual(before)

    expect((await patch(999999, { version: 1, attendance: 1 })).statusCode).toBe(404)
    await remove(event.id)
  })

  it('derives the FY from the date and refuses a fy that disagrees with it', async () => {
    const before = await snapshotTables(t.database.db)
    const disagreeing = await post(draft({ heldOn: '2016-03-31', fy: 2016 }))
    expect(disagreeing.statusCode).toBe(422)
    expect(fieldsOf(disagreeing)).toEqual(['body.fy'])
    expect(disagreeing.json().errors[0].message).toContain('FY2015')
    const undated = await post(draft({ heldOn: undefined }))
    expect(undated.statusCode).toBe(422)
    expect(fieldsOf(undated)).toEqual(['body.fy'])
    const precisionAlone = await post(draft({ heldOn: undefined, fy: 2016, datePrecision: 'month' }))
    expect(fieldsOf(precisionAlone)).toEqual(['body.datePrecision'])
    expect((await post(draft({ heldOn: '1970-05-01' }))).statusCode).toBe(422)
    expect(await snapshotTables(t.database.db)).toEqual(before)

    const agreeing = await post(draft({ titleJa: 'FY一致', heldOn: '2016-03-31', fy: 2015 }))
    expect(agreeing.statusCode).toBe(201)
    expect(agreeing.json().fy).toBe(2015)
    const monthly = await post(draft({ titleJa: '月のみ', heldOn: '2016-07-01', datePrecision: 'month' }))
    expect(monthly.json()).toMatchObject({ fy: 2016, datePrecision: 'month' })
    const noDate = await post(draft({ titleJa: '日付なし', heldOn: undefined, fy: 2013 }))
    expect(noDate.json()).toMatchObject({ fy: 2013, heldOn: null, datePrecision: null })

    // A dated event's FY cannot be moved apart from its date; an undated one's can.
    const moveDated = await patch(agreeing.json().id, { version: 1, fy: 2016 })
    expect(moveDated.statusCode).toBe(422)
    expect(fieldsOf(moveDated)).toEqual(['body.fy'])
    const moveUndated = await patch(noDate.json().id, { version: 1, fy: 2014 })
    expect(moveUndated.json()).toMatchObject({ fy: 2014, version: 2 })
    const dateIt = await patch(noDate.json().id, { version: 2, heldOn: '2015-01-20' })
    expect(dateIt.json()).toMatchObject({ fy: 2014, heldOn: '2015-01-20', datePrecision: 'day' })
    const undate = await patch(noDate.json().id, { version: 3, heldOn: null })
    expect(undate.json()).toMatchObject({ fy: 2014, heldOn: null, datePrecision: null })

    for (const e of [agreeing, monthly, noDate]) await remove(e.json().id)
  })

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await post({
      kind: 'party',
      titleJa: ' ',
      attendance: -1,
      heldOn: '2017-02-30',
      projectIds: ['x'],
      extra: 1,
    })
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'body.kind',
        'body.titleJa',
        'body.attendance',
        'body.heldOn',
        'body.projectIds.0',
        'body.extra',
      ]),
    )
    expect(JSON.stringify(response.json())).not.toMatch(/select|insert|node_modules/i)
    expect(fieldsOf(await post({ titleJa: 'x' }))).toEqual(['body.kind'])
    const negative = await post(draft({ attendance: -5 }))
    expect(negative.statusCode).toBe(400)
    expect(new Set(fieldsOf(negative))).toEqual(new Set(['body.attendance']))
    expect(negative.json().message).toContain('>= 0')

    const first = (await list('sort=id&limit=1')).items[0] as Item
    const versionOnly = await patch(first.id, { version: 1 })
    expect(versionOnly.statusCode).toBe(400)
    expect((await patch(first.id, { attendance: 3 })).statusCode).toBe(400)
    expect(new Set(fieldsOf(await patch(first.id, { version: 1, attendance: -1 })))).toEqual(
      new Set(['body.attendance']),
    )
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('answers 422 for unknown or repeated project ids, naming each, and changes nothing', async () => {
    const denroku = idOf('brochure-2018/denroku')
    const before = await snapshotTables(t.database.db)
    const unknown = await post(draft({ projectIds: [denroku, 999999, denroku] }))
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().errors).toMatchObject([
      { field: 'body.projectIds.1', message: 'project 999999 does not exist' },
      { field: 'body.projectIds.2', message: `project ${denroku} is listed twice` },
    ])
    const first = (await list('sort=id&limit=1')).items[0] as Item
    const onUpdate = await patch(first.id, { version: 1, attendance: 1, projectIds: [999999] })
    expect(onUpdate.statusCode).toBe(422)
    expect(fieldsOf(onUpdate)).toEqual(['body.projectIds.0'])
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('answers 409 for an event already recorded (kind, title, FY, city), and changes nothing', async () => {
    const yonezawa = (await list('kind=technology_seminar&fyTo=2014')).items[0] as Item
    const before = await snapshotTables(t.database.db)
    const duplicate = await post({
      kind: 'technology_seminar',
      titleJa: yonezawa.titleJa,
      fy: 2014,
      city: '米沢市',
      attendance: 1,
    })
    expect(duplicate.statusCode).toBe(409)
    expect(fieldsOf(duplicate)).toEqual(['body.titleJa'])
    // The same title held elsewhere, or in another year, is another event; moving one onto it is refused.
    const shinjo = (await list('kind=technology_seminar&fyFrom=2016')).items[0] as Item
    const onto = await patch(shinjo.id, { version: 1, city: '米沢市', heldOn: '2014-10-01' })
    expect(onto.statusCode).toBe(409)
    expect(fieldsOf(onto)).toEqual(['body.titleJa'])
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })
})

describe('projects presented at an event, as each viewer may see them', () => {
  it('names a confidential project to the program office only; to others the event shows without it', async () => {
    const db = t.database.db
    const hidden = await insertProject(db, {
      leadOrgId: await insertOrganization(db, 'company', '非公開社'),
      visibility: 'confidential',
      themeJa: '未発表の研究',
    })
    const created = await post({
      kind: 'seminar',
      titleJa: '非公開案件を含む報告会',
      heldOn: '2017-02-01',
      projectIds: [hidden, idOf('brochure-2018/denroku')],
    })
    expect(created.statusCode, created.body).toBe(201)
    const { id } = created.json()

    const manager = await t.app.inject(`/api/events/${id}`)
    expect(manager.json().projects.map((p: { id: number }) => p.id)).toEqual(
      [idOf('brochure-2018/denroku'), hidden].sort((a, b) => a - b),
    )

    for (const [who, client] of [
      ['anonymous', t.anonymous],
      ['viewer', await t.as('viewer')],
    ] as const) {
      const detail = await client.inject(`/api/events/${id}`)
      expect(detail.statusCode, who).toBe(200)
      expect(detail.body, who).not.toContain('未発表の研究')
      expect(detail.body, who).not.toContain('非公開社')
      expect(
        detail.json().projects.map((p: { id: number }) => p.id),
        who,
      ).toEqual([idOf('brochure-2018/denroku')])
      const listed = (await client.inject(`/api/events?q=${encodeURIComponent('非公開案件')}`)).json()
      expect(listed.items[0].projectIds, who).toEqual([idOf('brochure-2018/denroku')])
      expect((await client.inject(`/api/events?project=${hidden}`)).json().total, who).toBe(0)
      const csv = await client.inject(`/api/events.csv?q=${encodeURIComponent('非公開案件')}`)
      const [, row] = csv.body.trim().split('\n')
      expect(row?.split(',').at(-1), who).toBe(String(idOf('brochure-2018/denroku')))
    }
    expect((await t.app.inject({ method: 'DELETE', url: `/api/events/${id}` })).statusCode).toBe(204)
  })
})

describe('GET /api/events.csv', () => {
  it('exports the filtered list as UTF-8 CSV with a BOM, all pages', async () => {
    const response = await t.app.inject(
      `/api/events.csv?limit=1&sort=fy&city=${encodeURIComponent('鶴岡市')}`,
    )
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toContain('events.csv')
    expect(response.body.startsWith('\uFEFFid,kind,fy,held_on,title_ja')).toBe(true)
    const lines = response.body.trim().split('\r\n')
    expect(lines).toHaveLength(1 + 4)
    expect(lines[1]).toContain('山形から発信する最先端のバイオ研究')
    expect((await t.app.inject('/api/events.csv?kind=party')).statusCode).toBe(400)
  })
})

describe('settleEventDating', () => {
  const today = new Date('2026-06-01')
  const none = { fy: null, heldOn: null, datePrecision: null }
  it('takes the FY of the date, a sent FY only without one', () => {
    expect(settleEventDating(none, { heldOn: '2019-04-01' }, today)).toEqual({
      dating: { fy: 2019, heldOn: '2019-04-01', datePrecision: 'day' },
      problems: [],
    })
    expect(settleEventDating(none, { fy: 2016 }, today).dating.fy).toBe(2016)
    expect(settleEventDating(none, { fy: 2028 }, today).problems[0]?.field).toBe('body.fy')
    expect(settleEventDating(none, { heldOn: '2027-07-01' }, today).problems[0]?.field).toBe('body.heldOn')
  })
})
