import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getProjectDetail } from '../../../server/repositories/project-detail-repository.ts'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'
import { ADMIN_VIEWER } from '../../helpers/users.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
const ids = {
  org: {} as Record<string, number>,
  project: {} as Record<string, number>,
  program: {} as Record<string, number>,
}
const menuIds: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const db = t.database.db
  for (const o of await db.selectFrom('organizations').select(['id', 'nameJa']).execute())
    ids.org[o.nameJa] = o.id
  for (const p of await db.selectFrom('projects').select(['id', 'ref']).execute())
    if (p.ref) ids.project[p.ref] = p.id
  for (const p of await db.selectFrom('programs').select(['id', 'code']).execute()) ids.program[p.code] = p.id
  for (const m of await db.selectFrom('subsidyMenus').select(['id', 'code']).execute()) menuIds[m.code] = m.id
})
afterAll(() => t.close())

const IAB = '慶應義塾大学先端生命科学研究所'
const TOHOKU_HAM = '㈱東北ハム'
const org = (nameJa: string) => {
  const id = ids.org[nameJa]
  if (id === undefined) throw new Error(`no organization ${nameJa}`)
  return id
}

interface Item {
  id: number
  ref: string | null
  adoptedFy: number | null
  partnerCount: number
  company: { nameJa: string } | null
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/projects?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Item[]; total: number }
}
const total = async (query: string) => (await list(query)).total
const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/projects', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/projects/${id}`, body })
const remove = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/projects/${id}` })
const fieldsOf = (response: { json: () => { errors?: { field: string }[] } }) =>
  (response.json().errors ?? []).map((e) => e.field)

/** A described project the write tests may create and must delete again. */
const described = (overrides: Record<string, unknown> = {}) => ({
  adoptedFy: 2025,
  leadOrgId: org(TOHOKU_HAM),
  themeJa: '試験プロジェクト',
  ...overrides,
})

describe('GET /api/projects', () => {
  it('lists every adoption with a total, paged', async () => {
    const all = await list('limit=500')
    expect(all.total).toBe(51)
    expect(all.items).toHaveLength(51)
    const page = await list('limit=5&offset=5&sort=id')
    expect(page.items.map((p) => p.id)).toEqual(all.items.slice(5, 10).map((p) => p.id))
    expect(page.total).toBe(51)
  })

  it('carries what a table needs, without a query per row', async () => {
    const { items } = await list(`q=${encodeURIComponent('ピーナッツ')}`)
    expect(items).toEqual([
      {
        id: ids.project['brochure-2018/denroku'],
        ref: 'brochure-2018/denroku',
        adoptedFy: 2013,
        startFy: 2013,
        endFy: 2015,
        themeJa: 'ハイオレイックピーナッツ胚芽の高付加価値化と商品開発',
        themeEn: 'Adding value to high-oleic peanut germ and developing products from it',
        field: 'food',
        status: 'completed',
        visibility: 'public',
        detailsKnown: true,
        version: 1,
        program: {
          id: ids.program.bio_cluster,
          code: 'bio_cluster',
          nameJa: 'バイオクラスター形成促進事業',
          nameEn: 'Bio-cluster Formation Promotion Program',
        },
        menu: null,
        company: {
          id: org('㈱でん六'),
          nameJa: '㈱でん六',
          nameEn: 'Denroku Co., Ltd.',
          municipality: '山形市',
        },
        partnerCount: 4,
      },
    ])
  })

  it('filters by program, fiscal years, company, institution, municipality, field, status and detail', async () => {
    expect(await total('program=bio_cluster')).toBe(50)
    expect(await total('program=regional_innovation')).toBe(1)
    expect(await total('program=bio_industry_growth')).toBe(0)
    expect(await total('fyFrom=2013&fyTo=2013')).toBe(8)
    expect(await total('fyFrom=2016')).toBe(19)
    expect(await total('fyTo=2012')).toBe(5)
    expect(await total(`company=${org(TOHOKU_HAM)}`)).toBe(2)
    expect(await total(`institution=${org(IAB)}`)).toBe(4)
    expect(await total(`institution=${org(IAB)}&fyFrom=2014`)).toBe(2)
    expect(await total(`institution=${org('ヒューマン・メタボローム・テクノロジーズ㈱')}`)).toBe(1)
    expect(await total(`municipality=${encodeURIComponent('鶴岡市')}`)).toBe(3)
    expect(await total('field=food')).toBe(5)
    expect(await total('field=medical')).toBe(0)
    expect(await total('status=completed')).toBe(5)
    expect(await total('detailsKnown=false')).toBe(46)
    expect(await total('detailsKnown=true&fyFrom=2014&fyTo=2014')).toBe(2)
    expect(await total('menu=seed_exploration')).toBe(0)
  })

  it('searches themes and the lead company’s names, Japanese included', async () => {
    const mushroom = await list(`q=${encodeURIComponent('マッシュルーム')}`)
    expect(mushroom.items.map((p) => p.ref)).toEqual(['brochure-2018/funagata-mushroom'])
    expect(await total(`q=${encodeURIComponent('東北ハム')}`)).toBe(2)
    expect(await total('q=PROSCIUTTO')).toBe(2)
    expect(await total('q=denroku')).toBe(1)
    expect(await total('q=%25')).toBe(0)
  })

  it('sorts by an allowed field, descending with a minus, missing values last', async () => {
    const byFy = (await list('sort=-adoptedFy&limit=500')).items
    expect(byFy[0]?.adoptedFy).toBe(2017)
    expect(byFy.at(-1)?.ref).toBe('brochure-2018/regional-innovation')
    const years = byFy.slice(0, -1).map((p) => p.adoptedFy as number)
    expect(years).toEqual([...years].sort((a, b) => b - a))
    expect((await list('sort=adoptedFy&limit=500')).items.at(-1)?.ref).toBe(
      'brochure-2018/regional-innovation',
    )

    const byCompany = (await list('sort=companyNameJa&limit=6')).items
    const names = byCompany.slice(0, 5).map((p) => p.company?.nameJa as string)
    expect(names).toEqual([...names].sort())
    expect(byCompany[5]?.company).toBeNull()

    const byPartners = (await list('sort=-partnerCount&limit=3')).items
    expect(byPartners.map((p) => p.partnerCount)).toEqual([4, 3, 2])
    expect(byPartners[0]?.ref).toBe('brochure-2018/denroku')
  })

  it('refuses unknown sorts, filters and malformed values, naming each field', async () => {
    const response = await t.app.inject(
      '/api/projects?sort=password&limit=0&fyFrom=1900&field=space&detailsKnown=maybe&program=Bio!&color=red',
    )
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'querystring.sort',
        'querystring.limit',
        'querystring.fyFrom',
        'querystring.field',
        'querystring.detailsKnown',
        'querystring.program',
        'querystring.color',
      ]),
    )
  })

  it('exports the filtered list as CSV', async () => {
    const response = await t.app.inject(`/api/projects.csv?company=${org(TOHOKU_HAM)}&sort=adoptedFy`)
    expect(response.statusCode).toBe(200)
    expect(response.body.startsWith('\uFEFFid,ref,adopted_fy')).toBe(true)
    const lines = response.body.trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('brochure-2018/tohoku-ham-fy2013')
  })
})

describe('GET /api/projects/:id', () => {
  it('answers everything the project page needs in one response', async () => {
    const response = await t.app.inject(`/api/projects/${ids.project['brochure-2018/tohoku-ham-fy2016']}`)
    expect(response.statusCode).toBe(200)
    const project = response.json()
    expect(project).toMatchObject({
      ref: 'brochure-2018/tohoku-ham-fy2016',
      adoptedFy: 2016,
      startFy: 2016,
      endFy: 2017,
      detailsKnown: true,
      version: 1,
      program: { code: 'bio_cluster' },
      menu: null,
      company: {
        id: org(TOHOKU_HAM),
        kind: 'company',
        nameJa: TOHOKU_HAM,
        municipality: '鶴岡市',
        size: null,
      },
      grants: [],
      events: [],
    })
    expect(project.partners).toEqual([
      {
        org: {
          id: org(IAB),
          kind: 'university',
          nameJa: IAB,
          nameEn: 'Keio University Institute for Advanced Biosciences (IAB)',
        },
        role: null,
      },
      {
        org: {
          id: org('山形県工業技術センター庄内試験場'),
          kind: 'public_lab',
          nameJa: '山形県工業技術センター庄内試験場',
          nameEn: 'Yamagata Research Institute of Technology, Shonai branch',
        },
        role: null,
      },
    ])
    expect(project.findings).toHaveLength(1)
    expect(project.findings[0]).toMatchObject({
      ref: 'brochure-2018/tohoku-ham-fy2016/aging',
      metaboliteResults: [],
      metaboliteCount: 0,
    })
    expect(project.outcomes).toHaveLength(1)
    const [nobile] = project.outcomes
    expect(nobile).toMatchObject({
      kind: 'product',
      fy: 2017,
      occurredOn: '2018-01-01',
      datePrecision: 'month',
    })
    expect(nobile.titleJa).toContain('ノービレ')
    const findingIds = await t.database.db
      .selectFrom('findings')
      .select('id')
      .where('ref', 'in', ['brochure-2018/tohoku-ham-fy2016/aging', 'brochure-2018/tohoku-ham-fy2013/taste'])
      .orderBy('id')
      .execute()
    expect(nobile.restsOn).toEqual(findingIds.map((f) => f.id))
  })

  it('gives findings their metabolite results, and the events the project was presented at', async () => {
    const id = ids.project['brochure-2018/regional-innovation'] as number
    const event = await t.database.db
      .selectFrom('events')
      .select('id')
      .where('fy', '=', 2015)
      .executeTakeFirstOrThrow()
    await t.database.db.insertInto('eventProjects').values({ eventId: event.id, projectId: id }).execute()
    try {
      const project = (await t.app.inject(`/api/projects/${id}`)).json()
      expect(project.program.code).toBe('regional_innovation')
      expect(project.company).toBeNull()
      expect(project.outcomes).toHaveLength(9)
      const [persimmon] = project.findings
      expect(persimmon.metaboliteCount).toBe(2)
      expect(persimmon.metaboliteResults.map((m: { keggId: string }) => m.keggId)).toEqual([
        'C00334',
        'C00327',
      ])
      expect(persimmon.metaboliteResults[0]).toMatchObject({
        hmdbId: 'HMDB0000112',
        pubchemCid: 119,
        direction: 'up',
      })
      expect(project.events).toEqual([
        {
          id: event.id,
          kind: 'research_presentation',
          fy: 2015,
          date: null,
          datePrecision: null,
          titleJa: 'やまがたバイオサイエンスセミナー',
          titleEn: 'Yamagata Bioscience Seminar',
          city: '山形市',
          attendance: 180,
        },
      ])
    } finally {
      await t.database.db.deleteFrom('eventProjects').where('projectId', '=', id).execute()
    }
  })

  it('takes the same few queries whatever the project holds', async () => {
    let queries = 0
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    const db = t.database.db.withPlugin(counter)
    const counts: number[] = []
    for (const ref of ['brochure-2018/regional-innovation', 'brochure-2018/fy2012-adoption-1']) {
      queries = 0
      await getProjectDetail(db, ids.project[ref] as number, ADMIN_VIEWER)
      counts.push(queries)
    }
    expect(counts).toEqual([9, 9])
  })

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.inject('/api/projects/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, message: 'Project 999999 not found' })
    expect((await t.app.inject('/api/projects/abc')).statusCode).toBe(400)
    expect((await t.app.inject('/api/projects/0')).statusCode).toBe(400)
  })
})

describe('writes', () => {
  it('creates with a menu and partners, updates with the version read, refuses a stale one, and deletes', async () => {
    const created = await post(
      described({
        menuId: menuIds.seed_exploration,
        startFy: 2025,
        endFy: 2026,
        field: 'food',
        status: 'active',
        partners: [{ orgId: org(IAB), role: '共同研究' }, { orgId: org('山形大学農学部') }],
      }),
    )
    expect(created.statusCode, created.body).toBe(201)
    const project = created.json()
    expect(project).toMatchObject({
      version: 1,
      detailsKnown: true,
      visibility: 'public',
      program: { code: 'biotech_commercialization' },
      menu: {
        code: 'seed_exploration',
        maxYears: 2,
        rates: { sme: { numerator: 2, denominator: 3 }, large: { numerator: 1, denominator: 3 } },
        caps: [
          { projectYear: 1, capYen: 500_000 },
          { projectYear: 2, capYen: 1_000_000 },
        ],
      },
    })
    expect(
      project.partners.map((p: { org: { id: number }; role: string | null }) => [p.org.id, p.role]),
    ).toEqual([
      [org(IAB), '共同研究'],
      [org('山形大学農学部'), null],
    ])
    try {
      expect(await total('menu=seed_exploration')).toBe(1)
      expect(await total('program=bio_cluster')).toBe(51)
      expect(await total(`institution=${org(IAB)}`)).toBe(5)

      const updated = await patch(project.id, {
        version: 1,
        themeEn: 'A test project',
        partners: [{ orgId: org('ヒューマン・メタボローム・テクノロジーズ㈱'), role: '分析' }],
      })
      expect(updated.statusCode, updated.body).toBe(200)
      expect(updated.json()).toMatchObject({ themeEn: 'A test project', version: 2 })
      expect(updated.json().partners).toHaveLength(1)
      expect(await total(`institution=${org(IAB)}`)).toBe(4)

      const before = await snapshotTables(t.database.db)
      const stale = await patch(project.id, { version: 1, themeEn: 'Lost update' })
      expect(stale.statusCode).toBe(409)
      expect(stale.json().errors[0]).toMatchObject({
        field: 'body.version',
        message: 'is 1, the record is at 2',
      })
      // Stale and also invalid: the version is what the client must fix first.
      expect((await patch(project.id, { version: 1, endFy: 2020 })).statusCode).toBe(409)
      expect(await snapshotTables(t.database.db)).toEqual(before)

      const partnersOnly = await patch(project.id, { version: 2, partners: [] })
      expect(partnersOnly.json()).toMatchObject({ version: 3, partners: [] })
    } finally {
      expect((await remove(project.id)).statusCode).toBe(204)
    }
    expect((await t.app.inject(`/api/projects/${project.id}`)).statusCode).toBe(404)
    expect((await remove(project.id)).statusCode).toBe(404)
    expect(await total('program=bio_cluster')).toBe(50)
  })

  it('defaults to the bio-cluster program and a described project; other programs may lack a year', async () => {
    const plain = await post(described())
    expect(plain.statusCode, plain.body).toBe(201)
    expect(plain.json()).toMatchObject({ program: { code: 'bio_cluster' }, menu: null, detailsKnown: true })
    const earlier = await post({
      programId: ids.program.regional_innovation,
      detailsKnown: false,
      sourceNote: 'test',
    })
    expect(earlier.statusCode, earlier.body).toBe(201)
    expect(earlier.json()).toMatchObject({ adoptedFy: null, company: null, themeJa: null })
    for (const { id } of [plain.json(), earlier.json()]) expect((await remove(id)).statusCode).toBe(204)
  })

  it('moves a project to the program of a menu given without a program', async () => {
    const id = ids.project['brochure-2018/denroku'] as number
    const before = await snapshotTables(t.database.db)
    // FY2013–FY2015 is three years: no two-year menu fits it.
    const tooLong = await patch(id, { version: 1, menuId: menuIds.seed_exploration })
    expect(tooLong.statusCode).toBe(422)
    expect(tooLong.json().errors).toMatchObject([
      { field: 'body.menuId', message: 'FY2013–FY2015 is 3 years; シーズ探索型 runs at most 2' },
    ])
    expect(await snapshotTables(t.database.db)).toEqual(before)

    const created = (await post(described({ startFy: 2025, endFy: 2026 }))).json()
    expect(created.program.code).toBe('bio_cluster')
    const moved = await patch(created.id, { version: 1, menuId: menuIds.commercialization_b })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json()).toMatchObject({
      program: { code: 'biotech_commercialization' },
      menu: { code: 'commercialization_b' },
    })
    expect((await remove(created.id)).statusCode).toBe(204)
  })

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await post({
      adoptedFy: '2016',
      field: 'space',
      themeJa: '   ',
      visibility: 'secret',
      embargoUntil: '2017-02-30',
      partners: [{ orgId: 'x' }],
      ref: 'mine',
    })
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'body.adoptedFy',
        'body.field',
        'body.themeJa',
        'body.visibility',
        'body.embargoUntil',
        'body.partners.0.orgId',
        'body.ref',
      ]),
    )
    const id = ids.project['brochure-2018/denroku'] as number
    expect(fieldsOf(await patch(id, { themeEn: 'x' }))).toContain('body.version')
    expect((await patch(id, { version: 1 })).statusCode).toBe(400)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('answers 404 for writes to an unknown project', async () => {
    expect((await patch(999999, { version: 1, themeEn: 'x' })).statusCode).toBe(404)
    expect((await remove(999999)).statusCode).toBe(404)
  })

  describe('refuses what breaks a rule with 422 naming the field, and changes nothing', () => {
    const refusals: [string, () => Record<string, unknown>, { field: string; message: string | RegExp }[]][] =
      [
        [
          'an unknown company',
          () => described({ leadOrgId: 999999 }),
          [{ field: 'body.leadOrgId', message: 'organization 999999 does not exist' }],
        ],
        [
          'a lead that is no company',
          () => described({ leadOrgId: org(IAB) }),
          [{ field: 'body.leadOrgId', message: /is a university; the lead of a project is a company/ }],
        ],
        [
          'an unknown menu',
          () => described({ menuId: 999999 }),
          [{ field: 'body.menuId', message: 'subsidy menu 999999 does not exist' }],
        ],
        [
          'an unknown program',
          () => described({ programId: 999999 }),
          [{ field: 'body.programId', message: 'program 999999 does not exist' }],
        ],
        [
          'an unknown partner',
          () => described({ partners: [{ orgId: org(IAB) }, { orgId: 999999 }] }),
          [{ field: 'body.partners.1.orgId', message: 'organization 999999 does not exist' }],
        ],
        [
          'a partner listed twice',
          () => described({ partners: [{ orgId: org(IAB) }, { orgId: org(IAB) }] }),
          [{ field: 'body.partners.1.orgId', message: /^organization \d+ is listed twice$/ }],
        ],
        [
          'a menu of another program',
          () => described({ programId: ids.program.bio_cluster, menuId: menuIds.seed_exploration }),
          [
            {
              field: 'body.menuId',
              message:
                'シーズ探索型 (seed_exploration) is a menu of program biotech_commercialization, not of bio_cluster',
            },
          ],
        ],
        [
          'an end before the start',
          () => described({ startFy: 2025, endFy: 2024 }),
          [{ field: 'body.endFy', message: 'FY2024 is before the start year, FY2025' }],
        ],
        [
          'a period longer than the menu allows',
          () => described({ menuId: menuIds.market_development, startFy: 2025, endFy: 2026 }),
          [{ field: 'body.endFy', message: 'FY2025–FY2026 is 2 years; 販路開拓型 runs at most 1' }],
        ],
        [
          'a described project without company or theme',
          () => ({ adoptedFy: 2025 }),
          [
            { field: 'body.leadOrgId', message: 'is required for a described project (detailsKnown: true)' },
            { field: 'body.themeJa', message: 'is required for a described project (detailsKnown: true)' },
          ],
        ],
        [
          'a bio-cluster project without adoption year',
          () => described({ adoptedFy: null }),
          [{ field: 'body.adoptedFy', message: 'is required for a project of the bio-cluster program' }],
        ],
        [
          'a bio-cluster subsidy project without adoption year',
          () => described({ adoptedFy: undefined, menuId: menuIds.employment }),
          [{ field: 'body.adoptedFy', message: 'is required for a project of the bio-cluster program' }],
        ],
      ]

    it.each(refusals)('on create: %s', async (_, body, expected) => {
      const before = await snapshotTables(t.database.db)
      const response = await post(body())
      expect(response.statusCode, response.body).toBe(422)
      expect(response.json().errors).toMatchObject(
        expected.map((e) => ({
          field: e.field,
          message: typeof e.message === 'string' ? e.message : expect.stringMatching(e.message),
        })),
      )
      expect(await snapshotTables(t.database.db)).toEqual(before)
    })

    it('on update', async () => {
      const before = await snapshotTables(t.database.db)
      const ham = ids.project['brochure-2018/tohoku-ham-fy2016'] as number
      const undescribed = ids.project['brochure-2018/fy2015-adoption-1'] as number
      const cases: [number, Record<string, unknown>, string[]][] = [
        [ham, { endFy: 2015 }, ['body.endFy']],
        [ham, { startFy: 2018 }, ['body.startFy']],
        [ham, { leadOrgId: null }, ['body.leadOrgId']],
        [ham, { themeJa: null, leadOrgId: 999999 }, ['body.leadOrgId', 'body.themeJa']],
        [ham, { menuId: 999999 }, ['body.menuId']],
        [ham, { partners: [{ orgId: 999999 }] }, ['body.partners.0.orgId']],
        [
          ham,
          { programId: ids.program.regional_innovation, menuId: menuIds.seed_exploration },
          ['body.menuId'],
        ],
        [ham, { adoptedFy: null }, ['body.adoptedFy']],
        [undescribed, { detailsKnown: true }, ['body.leadOrgId', 'body.themeJa']],
      ]
      for (const [id, changes, fields] of cases) {
        const response = await patch(id, { version: 1, ...changes })
        expect(response.statusCode, JSON.stringify(changes)).toBe(422)
        expect(fieldsOf(response), JSON.stringify(changes)).toEqual(fields)
      }
      expect(await snapshotTables(t.database.db)).toEqual(before)
    })
  })
})
