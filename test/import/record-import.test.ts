import type { InjectOptions } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportMapping, RecordImportReport } from '../../server/schemas/record-import.ts'
import { createTestApp, type TestClient } from '../helpers/app.ts'
import { bioCluster, insertOrganization, insertProject } from '../helpers/records.ts'
import { snapshotTables } from '../helpers/snapshot.ts'
import { type Cell, CSV, shiftJis, utf8, utf8Bom, XLSX, xlsx } from './record-files.ts'

// POST /api/imports/:kind and /api/import-mappings, on the backend the suite runs on: CSV in UTF-8 with and
// without a BOM and in Shift_JIS, XLSX, Japanese headers and era years; dry runs and refused files that write
// nothing; re-imports that change nothing; updates by id; saved mappings; who may import what.

let t: Awaited<ReturnType<typeof createTestApp>>
const org = {} as Record<'foods' | 'brewery' | 'university' | 'lab' | 'elsewhere', number>
let menu: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  org.foods = await insertOrganization(db, 'company', '株式会社山形取込食品')
  org.brewery = await insertOrganization(db, 'company', '取込醸造')
  await db
    .updateTable('organizations')
    .set({ nameEn: 'Torikomi Brewery' })
    .where('id', '=', org.brewery)
    .execute()
  org.university = await insertOrganization(db, 'university', '山形取込大学')
  org.lab = await insertOrganization(db, 'public_lab', '取込工業技術センター')
  org.elsewhere = await insertOrganization(db, 'university', '別の取込大学')
  const { id } = await db
    .insertInto('subsidyMenus')
    .values({
      code: 'torikomi_menu',
      programId: await bioCluster(db),
      nameJa: '取込実用化メニュー',
      nameEn: 'Import menu',
      maxYears: 3,
      rateSmeNumerator: 2,
      rateSmeDenominator: 3,
      rateLargeNumerator: 1,
      rateLargeDenominator: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  menu = id
})
afterAll(() => t.close())

type Kind = 'projects' | 'outcomes' | 'events' | 'findings'

function upload(
  kind: Kind,
  file: Buffer,
  {
    query = '',
    contentType = CSV,
    client = t.app,
  }: { query?: string; contentType?: string; client?: Pick<TestClient, 'inject'> } = {},
) {
  const request: InjectOptions = {
    method: 'POST',
    url: `/api/imports/${kind}${query ? `?${query}` : ''}`,
    headers: { 'content-type': contentType },
    payload: file,
  }
  return client.inject(request)
}

const report = (response: { json(): unknown }) => response.json() as RecordImportReport
const refusedReport = (response: { json(): unknown }) =>
  (response.json() as { report: RecordImportReport }).report
const actions = (r: RecordImportReport) => r.rows.map((row) => [row.line, row.action])

/** What a write leaves behind besides the records: the audit trail and the data version the caches follow. */
async function traces() {
  const { rows } = await sql<{ audit: string; version: string }>`
    select (select count(*) from audit_log)::text as audit,
      (select string_agg(version::text, ',' order by version) from data_version) as version
  `.execute(t.database.db)
  return rows[0]
}

const projectsOf = (themes: string[]) =>
  t.database.db.selectFrom('projects').selectAll().where('themeJa', 'in', themes).orderBy('id').execute()

describe('projects from a CSV with Japanese headers', () => {
  const themes = ['取込テーマ甲', '取込テーマ乙', '取込テーマ丙']
  const rows: Cell[][] = [
    [
      'テーマ名',
      '採択年度',
      '企業名',
      '事業メニュー',
      '開始年度',
      '終了年度',
      '連携機関',
      '研究分野',
      '公開範囲',
    ],
    [
      themes[0] ?? '',
      'H27',
      '(株)山形取込食品',
      'torikomi_menu',
      '平成27年度',
      'H28',
      '山形取込大学、取込工業技術センター',
      '食品',
      '公開',
    ],
    [
      themes[1] ?? '',
      '平成28年度',
      'Torikomi Brewery',
      '取込実用化メニュー',
      '２０１６',
      'FY2018 (H30)',
      '',
      '農業',
      '事業関係者のみ',
    ],
    [themes[2] ?? '', '令和元年度', '取込醸造', '', '', '', '山形取込大学', 'medical', 'confidential'],
  ]

  it('a dry run reports each row as a creation and writes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const tracesBefore = await traces()
    const response = await upload('projects', utf8Bom(rows), { query: 'dryRun=true' })
    expect(response.statusCode, response.body).toBe(200)
    const r = report(response)
    expect(r).toMatchObject({
      dryRun: true,
      committed: false,
      layout: 'csv',
      encoding: 'utf-8',
      headerLine: 1,
    })
    expect(r.columns.map((c) => c.field)).toEqual([
      'themeJa',
      'adoptedFy',
      'leadOrgId',
      'menuId',
      'startFy',
      'endFy',
      'partners',
      'field',
      'visibility',
    ])
    expect(r.counts).toEqual({ create: 3, update: 0, unchanged: 0, refused: 0 })
    expect(r.rows.map((row) => row.id)).toEqual([null, null, null])
    expect(await snapshotTables(t.database.db)).toEqual(before)
    expect(await traces()).toEqual(tracesBefore)
  })

  it('commits the rows, era years converted and companies, menus and partners found by name', async () => {
    const response = await upload('projects', utf8Bom(rows))
    expect(response.statusCode, response.body).toBe(200)
    const r = report(response)
    expect(r.committed).toBe(true)
    expect(actions(r)).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
    ])
    const stored = await projectsOf(themes)
    expect(stored.map((p) => r.rows.find((row) => row.id === p.id)?.line)).toEqual([2, 3, 4])
    expect(
      stored.map((p) => [p.adoptedFy, p.startFy, p.endFy, p.leadOrgId, p.menuId, p.field, p.visibility]),
    ).toEqual([
      [2015, 2015, 2016, org.foods, menu, 'food', 'public'],
      [2016, 2016, 2018, org.brewery, menu, 'agriculture', 'program'],
      [2019, null, null, org.brewery, null, 'medical', 'confidential'],
    ])
    const partners = await t.database.db
      .selectFrom('projectPartners')
      .select(['projectId', 'orgId'])
      .where(
        'projectId',
        'in',
        stored.map((p) => p.id),
      )
      .orderBy('projectId')
      .orderBy('orgId')
      .execute()
    expect(partners).toEqual([
      { projectId: stored[0]?.id, orgId: org.university },
      { projectId: stored[0]?.id, orgId: org.lab },
      { projectId: stored[2]?.id, orgId: org.university },
    ])
    // Written as the admin who imported, in the audit trail.
    const audited = await t.database.db
      .selectFrom('auditLog')
      .select('actorId')
      .where('tableName', '=', 'projects')
      .where(
        'recordId',
        'in',
        stored.map((p) => p.id),
      )
      .execute()
    expect(audited.map((a) => a.actorId)).toEqual(stored.map(() => t.admin.user?.id))
  })

  it('re-imported, in Shift_JIS and as XLSX, changes nothing: no write, no audit entry, same data version', async () => {
    const before = await snapshotTables(t.database.db)
    const tracesBefore = await traces()
    for (const [file, type] of [
      [utf8Bom(rows), CSV],
      [shiftJis(rows), CSV],
      [utf8(rows), 'application/vnd.ms-excel'],
      [await xlsx(rows), XLSX],
    ] as const) {
      const response = await upload('projects', file, { contentType: type })
      expect(response.statusCode, response.body).toBe(200)
      expect(report(response).counts).toEqual({ create: 0, update: 0, unchanged: 3, refused: 0 })
    }
    expect(await snapshotTables(t.database.db)).toEqual(before)
    expect(await traces()).toEqual(tracesBefore)
  })

  it('reads the Shift_JIS encoding it detects', async () => {
    const response = await upload('projects', shiftJis(rows), { query: 'dryRun=true' })
    expect(report(response)).toMatchObject({ encoding: 'shift_jis', layout: 'csv' })
  })
})

describe('a refused row anywhere', () => {
  const rows: Cell[][] = [
    ['テーマ名', '採択年度', '企業名', '研究分野'],
    ['拒否テーマ一', 'H27', '取込醸造', '食品'],
    ['拒否テーマ二', 'H27', '存在しない株式会社', '食品'],
    ['拒否テーマ三', '平成四十年度', '取込醸造', '宇宙'],
    ['拒否テーマ四', 'H28', '取込醸造', '農業'],
  ]

  it('refuses the whole file (422) with every refused row, its line, column and reason; nothing is written', async () => {
    const before = await snapshotTables(t.database.db)
    const tracesBefore = await traces()
    const response = await upload('projects', utf8(rows))
    expect(response.statusCode, response.body).toBe(422)
    const r = refusedReport(response)
    expect(r.committed).toBe(false)
    expect(r.counts).toEqual({ create: 2, update: 0, unchanged: 0, refused: 2 })
    expect(actions(r)).toEqual([
      [2, 'create'],
      [3, 'refused'],
      [4, 'refused'],
      [5, 'create'],
    ])
    // Rolled back: the rows that would have been created have no id.
    expect(r.rows.filter((row) => row.action === 'create').map((row) => row.id)).toEqual([null, null])
    expect(r.rows[1]?.problems).toEqual([
      expect.objectContaining({
        field: 'body.leadOrgId',
        column: '企業名',
        keyword: 'unknownName',
        params: { record: 'organization', name: '存在しない株式会社' },
      }),
    ])
    // The API's own schema says what is wrong with the values it cannot read.
    expect(r.rows[2]?.problems.map((p) => [p.column, p.keyword, p.message])).toEqual([
      ['採択年度', 'type', 'must be integer'],
      ['研究分野', 'enum', 'must be equal to one of the allowed values'],
    ])
    expect(await snapshotTables(t.database.db)).toEqual(before)
    expect(await traces()).toEqual(tracesBefore)
  })

  it('refuses a row the repository refuses (a university as lead company), as the API would', async () => {
    const response = await upload(
      'projects',
      utf8([
        ['テーマ名', '採択年度', '企業名'],
        ['大学主導のテーマ', 'H29', '山形取込大学'],
      ]),
    )
    expect(response.statusCode).toBe(422)
    expect(refusedReport(response).rows[0]?.problems).toEqual([
      expect.objectContaining({
        field: 'body.leadOrgId',
        column: '企業名',
        message: expect.stringMatching(/university/),
      }),
    ])
  })

  it('refuses a file that cannot be read, naming why', async () => {
    for (const [file, reason] of [
      [Buffer.alloc(0), /empty/],
      [Buffer.from([0x82, 0xa0, 0xff, 0xfe, 0x00, 0x81]), /neither UTF-8 nor Shift_JIS/],
      [utf8([['テーマ名', '採択年度']]), /no rows under its header/],
      [Buffer.from('PK\u0003\u0004 not a workbook'), /XLSX/],
    ] as const) {
      const response = await upload('projects', file)
      expect(response.statusCode, response.body).toBe(422)
      expect(response.json().errors[0]).toMatchObject({
        field: 'body',
        message: expect.stringMatching(reason),
      })
    }
  })
})

describe('updates', () => {
  it('by the id column: only the fields that differ, with the version bumped; then unchanged', async () => {
    const id = await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.foods,
      themeJa: '更新前のテーマ',
      adoptedFy: 2014,
    })
    const file = utf8([
      ['id', 'theme_ja', 'theme_en', 'adopted_fy', 'status'],
      [id, '更新前のテーマ', 'Updated theme', '2014', '完了'],
    ])
    const response = await upload('projects', file)
    expect(response.statusCode, response.body).toBe(200)
    expect(report(response).rows).toEqual([
      { line: 2, action: 'update', id, changes: ['themeEn', 'status'], problems: [] },
    ])
    const [stored] = await projectsOf(['更新前のテーマ'])
    expect(stored).toMatchObject({ themeEn: 'Updated theme', status: 'completed', version: 2 })
    const again = await upload('projects', file)
    expect(report(again).rows[0]).toMatchObject({ action: 'unchanged', id })
  })

  it('by natural key when there is no id: the theme, adopted FY and company of a record there', async () => {
    await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.brewery,
      themeJa: '鍵で探すテーマ',
      adoptedFy: 2013,
    })
    const response = await upload(
      'projects',
      utf8([
        ['テーマ名', '採択年度', '企業名', '状況'],
        ['鍵で探すテーマ', 'H25', '取込醸造', '中止'],
        ['鍵で探すテーマ', 'H26', '取込醸造', '中止'],
      ]),
      { query: 'dryRun=true' },
    )
    expect(actions(report(response))).toEqual([
      [2, 'update'],
      [3, 'create'],
    ])
  })

  it('refuses an id that does not exist, and two rows for one record', async () => {
    const id = await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.foods,
      themeJa: '二重のテーマ',
      adoptedFy: 2014,
    })
    const response = await upload(
      'projects',
      utf8([
        ['id', 'テーマ名', '採択年度'],
        ['2147483000', 'ない', 'H26'],
        [id, '二重のテーマ', 'H26'],
        [id, '二重のテーマ', 'H26'],
        ['abc', '二重のテーマ', 'H26'],
      ]),
    )
    expect(response.statusCode).toBe(422)
    const r = refusedReport(response)
    expect(r.rows.map((row) => [row.action, row.problems.map((p) => [p.column, p.keyword])])).toEqual([
      ['refused', [['id', 'unknownRecord']]],
      ['unchanged', []],
      ['refused', [['id', 'sameRecord']]],
      ['refused', [['id', 'type']]],
    ])
  })
})

describe('outcomes, events and findings', () => {
  let project: number

  beforeAll(async () => {
    project = await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.foods,
      partners: [org.university],
      themeJa: '成果のあるテーマ',
      adoptedFy: 2015,
    })
  })

  it('outcomes from XLSX: project by theme, kind by its Japanese name, dates as cells, a month alone', async () => {
    const rows: Cell[][] = [
      ['テーマ名', '成果の種類', '成果名', '日付', '説明'],
      ['成果のあるテーマ', '商品化', '取込ドレッシング', new Date('2016-10-01T00:00:00Z'), '県内で発売'],
      [String(project), 'テスト販売', '取込ジュース', '2017年3月', null],
    ]
    const file = await xlsx(rows)
    const response = await upload('outcomes', file, { contentType: XLSX })
    expect(response.statusCode, response.body).toBe(200)
    const r = report(response)
    expect(r).toMatchObject({ layout: 'xlsx', encoding: null, headerLine: 3 })
    expect(actions(r)).toEqual([
      [4, 'create'],
      [5, 'create'],
    ])
    const stored = await t.database.db
      .selectFrom('outcomes')
      .select(['projectId', 'kind', 'titleJa', 'occurredOn', 'datePrecision', 'fy', 'descriptionJa'])
      .where('projectId', '=', project)
      .orderBy('id')
      .execute()
    expect(stored).toEqual([
      {
        projectId: project,
        kind: 'product',
        titleJa: '取込ドレッシング',
        occurredOn: '2016-10-01',
        datePrecision: 'day',
        fy: 2016,
        descriptionJa: '県内で発売',
      },
      {
        projectId: project,
        kind: 'test_sale',
        titleJa: '取込ジュース',
        occurredOn: '2017-03-01',
        datePrecision: 'month',
        fy: 2016,
        descriptionJa: null,
      },
    ])
    const again = await upload('outcomes', file, { contentType: XLSX })
    expect(report(again).counts).toMatchObject({ unchanged: 2 })
  })

  it('events in Shift_JIS: the FY from the date, attendance as written, projects presented by theme', async () => {
    const rows: Cell[][] = [
      ['種類', '名称', '開催日', '開催地', '会場', '参加者数', '発表したプロジェクト'],
      ['セミナー', '取込バイオセミナー', 'H28.11.2', '鶴岡市', '取込会館', '1,204名', '成果のあるテーマ'],
      ['技術セミナー', '取込技術セミナー', '2017/2/14', '山形市', null, null, null],
    ]
    const response = await upload('events', shiftJis(rows))
    expect(response.statusCode, response.body).toBe(200)
    const stored = await t.database.db
      .selectFrom('events')
      .select(['id', 'kind', 'fy', 'heldOn', 'city', 'venue', 'attendance'])
      .where('titleJa', 'in', ['取込バイオセミナー', '取込技術セミナー'])
      .orderBy('id')
      .execute()
    expect(stored.map(({ id: _, ...e }) => e)).toEqual([
      {
        kind: 'seminar',
        fy: 2016,
        heldOn: '2016-11-02',
        city: '鶴岡市',
        venue: '取込会館',
        attendance: 1204,
      },
      {
        kind: 'technology_seminar',
        fy: 2016,
        heldOn: '2017-02-14',
        city: '山形市',
        venue: null,
        attendance: null,
      },
    ])
    const links = await t.database.db
      .selectFrom('eventProjects')
      .select('projectId')
      .where('eventId', '=', stored[0]?.id ?? 0)
      .execute()
    expect(links).toEqual([{ projectId: project }])
    const again = await upload('events', shiftJis(rows))
    expect(report(again).counts).toMatchObject({ unchanged: 2 })
  })

  it('findings from a CSV without BOM, English headers; an unknown project is refused', async () => {
    const rows: Cell[][] = [
      ['project', 'statement_ja', 'material_ja', 'platform', 'evidence_level', 'reported_on'],
      ['成果のあるテーマ', '加熱でGABAが増えた', 'だだちゃ豆', 'CE-TOFMS', '成分分析', '2016/5/20'],
      ['ないテーマ', '別の知見', null, null, 'analytical', null],
    ]
    const refused = await upload('findings', utf8(rows))
    expect(refused.statusCode).toBe(422)
    expect(refusedReport(refused).rows[1]?.problems.map((p) => [p.column, p.keyword])).toEqual([
      ['project', 'unknownName'],
    ])
    const response = await upload('findings', utf8(rows.slice(0, 2)))
    expect(response.statusCode, response.body).toBe(200)
    const [stored] = await t.database.db
      .selectFrom('findings')
      .selectAll()
      .where('statementJa', '=', '加熱でGABAが増えた')
      .execute()
    expect(stored).toMatchObject({
      projectId: project,
      materialJa: 'だだちゃ豆',
      evidenceLevel: 'analytical',
      reportedOn: '2016-05-20',
    })
  })
})

describe('mappings', () => {
  const rows: Cell[][] = [
    ['A列', 'B列', 'C列'],
    ['対応表のテーマ', 'H29', '取込醸造'],
  ]

  it('unknown headers map to nothing until a mapping says; it is saved by name and reused', async () => {
    const suggested = report(await upload('projects', utf8(rows), { query: 'dryRun=true' }))
    expect(suggested.columns.map((c) => c.field)).toEqual([null, null, null])

    const columns = { A列: 'themeJa', B列: 'adoptedFy', C列: 'leadOrgId' }
    const saved = await t.app.inject({
      method: 'POST',
      url: '/api/import-mappings',
      body: { kind: 'projects', name: '古い台帳', columns },
    })
    expect(saved.statusCode, saved.body).toBe(201)
    const mapping = saved.json() as ImportMapping
    expect(mapping).toMatchObject({
      kind: 'projects',
      name: '古い台帳',
      columns,
      createdBy: t.admin.user?.id,
      version: 1,
    })

    const inline = report(
      await upload('projects', utf8(rows), {
        query: `dryRun=true&mapping=${encodeURIComponent(JSON.stringify(columns))}`,
      }),
    )
    expect(inline.columns.map((c) => c.field)).toEqual(['themeJa', 'adoptedFy', 'leadOrgId'])
    expect(inline.counts.create).toBe(1)

    const reused = await upload('projects', utf8(rows), { query: `mappingId=${mapping.id}` })
    expect(reused.statusCode, reused.body).toBe(200)
    expect(report(reused).counts).toMatchObject({ create: 1 })
    expect(await projectsOf(['対応表のテーマ'])).toEqual([
      expect.objectContaining({ adoptedFy: 2017, leadOrgId: org.brewery }),
    ])

    const list = await t.app.inject('/api/import-mappings?kind=projects')
    expect(list.json().items.map((m: ImportMapping) => m.name)).toContain('古い台帳')
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/import-mappings/${mapping.id}`,
      body: { version: 1, name: '旧台帳' },
    })
    expect(renamed.json()).toMatchObject({ name: '旧台帳', version: 2 })
    const wrongKind = await upload('events', utf8(rows), { query: `mappingId=${mapping.id}` })
    expect(wrongKind.statusCode).toBe(422)
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/import-mappings/${mapping.id}` })).statusCode,
    ).toBe(204)
    expect((await upload('projects', utf8(rows), { query: `mappingId=${mapping.id}` })).statusCode).toBe(404)
  })

  it('refuses a field the kind does not have, a field fed twice, a name taken, and bad JSON', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/import-mappings',
      body: { kind: 'events', name: '誤り', columns: { A: 'themeJa', B: 'titleJa', C: 'titleJa' } },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors.map((e: { field: string; keyword: string }) => [e.field, e.keyword])).toEqual([
      ['body.columns.A', 'enum'],
      ['body.columns', 'fieldTwice'],
    ])
    const body = { kind: 'events', name: '同じ名前', columns: { 名称: 'titleJa' } }
    expect((await t.app.inject({ method: 'POST', url: '/api/import-mappings', body })).statusCode).toBe(201)
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/import-mappings',
      body: { ...body, name: '同じ名前 '.trim() },
    })
    expect(taken.statusCode).toBe(409)
    const json = await upload('projects', utf8(rows), { query: 'mapping=%7Bnot-json' })
    expect(json.statusCode).toBe(400)
    expect(json.json().errors[0].field).toBe('querystring.mapping')
  })
})

describe('who may import', () => {
  it('a partner imports findings of its own projects (kept confidential), never of others, nor projects', async () => {
    const own = await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.foods,
      partners: [org.lab],
      themeJa: '連携先のテーマ',
    })
    const other = await insertProject(t.database.db, {
      visibility: 'public',
      leadOrgId: org.foods,
      partners: [org.elsewhere],
      themeJa: 'よそのテーマ',
    })
    const partner = await t.as('partner', org.lab)
    const rows: Cell[][] = [
      ['プロジェクト', '解析結果', 'エビデンスの段階'],
      [own, '連携先の知見', '成分分析'],
      [other, 'よその知見', '成分分析'],
    ]
    const refused = await upload('findings', utf8(rows), { client: partner })
    expect(refused.statusCode).toBe(422)
    expect(refusedReport(refused).rows[1]?.problems).toEqual([
      expect.objectContaining({ field: 'body.projectId', column: 'プロジェクト', keyword: 'notParticipant' }),
    ])
    const accepted = await upload('findings', utf8(rows.slice(0, 2)), { client: partner })
    expect(accepted.statusCode, accepted.body).toBe(200)
    const [finding] = await t.database.db
      .selectFrom('findings')
      .selectAll()
      .where('projectId', '=', own)
      .execute()
    expect(finding).toMatchObject({ statementJa: '連携先の知見', visibility: 'confidential' })
    // Publishing is the program office's: a visibility column is refused, as the API refuses the field.
    const publishing = await upload(
      'findings',
      utf8([
        ['プロジェクト', '解析結果', 'エビデンスの段階', '公開範囲'],
        [own, '公開したい知見', '成分分析', '公開'],
      ]),
      { client: partner },
    )
    expect(refusedReport(publishing).rows[0]?.problems).toEqual([
      expect.objectContaining({ column: '公開範囲', keyword: 'editorsOnly' }),
    ])
    expect((await upload('projects', utf8(rows), { client: partner })).statusCode).toBe(403)
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/import-mappings',
          body: { kind: 'projects', name: 'p', columns: {} },
          headers: { cookie: partner.cookie ?? '', 'x-csrf-token': partner.csrfToken ?? '' },
        })
      ).statusCode,
    ).toBe(403)
  })

  it('a viewer and an anonymous visitor may not import, nor read the mappings', async () => {
    const viewer = await t.as('viewer')
    const file = utf8([['テーマ名'], ['見るだけ']])
    expect((await upload('findings', file, { client: viewer })).statusCode).toBe(403)
    expect((await upload('projects', file, { client: t.anonymous })).statusCode).toBe(401)
    expect((await viewer.inject('/api/import-mappings')).statusCode).toBe(403)
  })
})

describe("the app's own exports", () => {
  it('re-import as they are: every row unchanged, whatever the format', async () => {
    const db = t.database.db
    const project = await insertProject(db, {
      visibility: 'program',
      leadOrgId: org.brewery,
      themeJa: '書き出しのテーマ',
    })
    await db
      .insertInto('outcomes')
      .values({
        projectId: project,
        kind: 'award',
        titleJa: '月までの受賞',
        fy: 2017,
        occurredOn: '2017-06-01',
        datePrecision: 'month',
      })
      .execute()
    await db
      .insertInto('events')
      .values({
        kind: 'seminar',
        titleJa: '書き出しセミナー',
        fy: 2017,
        heldOn: '2017-07-01',
        datePrecision: 'month',
        city: '酒田市',
      })
      .execute()
    const before = await snapshotTables(db)
    for (const kind of ['projects', 'outcomes', 'events', 'findings'] as const) {
      for (const [format, type] of [
        ['csv', CSV],
        ['xlsx', XLSX],
      ] as const) {
        const exported = await t.app.inject(`/api/${kind}.${format}`)
        expect(exported.statusCode).toBe(200)
        const response = await upload(kind, exported.rawPayload, { contentType: type })
        expect(response.statusCode, `${kind}.${format}: ${response.body.slice(0, 300)}`).toBe(200)
        const r = report(response)
        expect(r.columns.find((c) => c.header === 'id')?.field, kind).toBe('id')
        expect(r.counts, `${kind}.${format}`).toEqual({
          create: 0,
          update: 0,
          unchanged: r.rows.length,
          refused: 0,
        })
        expect(r.rows.length, kind).toBeGreaterThan(0)
      }
    }
    expect(await snapshotTables(db)).toEqual(before)
  })
})
