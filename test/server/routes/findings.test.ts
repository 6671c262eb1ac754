import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFinding, listFindings } from '../../../server/repositories/findings-repository.ts'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'
import { ADMIN_VIEWER } from '../../helpers/users.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
const finding: Record<string, number> = {}
const project: Record<string, number> = {}
const outcome: Record<string, number> = {}
const org: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const db = t.database.db
  for (const f of await db.selectFrom('findings').select(['id', 'ref']).execute())
    if (f.ref) finding[f.ref] = f.id
  for (const p of await db.selectFrom('projects').select(['id', 'ref']).execute())
    if (p.ref) project[p.ref] = p.id
  for (const o of await db.selectFrom('outcomes').select(['id', 'ref']).execute())
    if (o.ref) outcome[o.ref] = o.id
  for (const o of await db.selectFrom('organizations').select(['id', 'nameJa']).execute())
    org[o.nameJa] = o.id
})
afterAll(() => t.close())

const PERSIMMON = 'brochure-2018/regional-innovation/heated-persimmon'
const idOf = (ids: Record<string, number>, key: string) => {
  const id = ids[key]
  if (id === undefined) throw new Error(`no record ${key}`)
  return id
}

interface Item {
  id: number
  ref: string | null
  evidenceLevel: string
  metaboliteCount: number
  project: { id: number; adoptedFy: number | null; company: { nameJa: string } | null }
}
const list = async (query: string) => {
  const response = await t.app.inject(`/api/findings?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Item[]; total: number }
}
const total = async (query: string) => (await list(query)).total
const refs = async (query: string) => (await list(query)).items.map((f) => f.ref)
const q = (text: string) => `q=${encodeURIComponent(text)}`
const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/findings', body })
const patch = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/findings/${id}`, body })
const remove = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/findings/${id}` })
const problemsOf = (response: { json: () => { errors?: { field: string; message: string }[] } }) =>
  response.json().errors ?? []
const fieldsOf = (response: { json: () => { errors?: { field: string; message: string }[] } }) =>
  problemsOf(response).map((e) => e.field)
const draft = (overrides: Record<string, unknown> = {}) => ({
  projectId: idOf(project, 'brochure-2018/denroku'),
  statementJa: '試験の知見',
  evidenceLevel: 'in_vitro',
  ...overrides,
})
const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe('GET /api/findings', () => {
  it('lists the brochure’s 7 findings with their project, company and metabolite count', async () => {
    const all = await list('limit=500')
    expect(all.total).toBe(7)
    expect(all.items).toHaveLength(7)
    const persimmon = all.items.find((f) => f.ref === PERSIMMON)
    expect(persimmon?.metaboliteCount).toBe(2)
    expect(persimmon?.project).toEqual({
      id: idOf(project, 'brochure-2018/regional-innovation'),
      themeJa: null,
      themeEn: null,
      adoptedFy: null,
      company: null,
    })
    const taste = all.items.find((f) => f.ref === 'brochure-2018/tohoku-ham-fy2013/taste')
    expect(taste?.project).toMatchObject({
      adoptedFy: 2013,
      company: { id: idOf(org, '㈱東北ハム'), nameJa: '㈱東北ハム', nameEn: 'Tohoku Ham Co., Ltd.' },
    })
    expect(all.items.map((f) => f.metaboliteCount).reduce((a, b) => a + b)).toBe(2)
    const page = await list('limit=2&offset=2&sort=id')
    expect(page.items.map((f) => f.id)).toEqual(all.items.slice(2, 4).map((f) => f.id))
    expect(page.total).toBe(7)
  })

  it('finds the heated-persimmon finding by metabolite name, identifier in any form, and Japanese text', async () => {
    for (const text of [
      'GABA',
      'citrulline',
      'C00334',
      'cpd:c00327',
      'HMDB00112',
      'CHEBI:16349',
      '16865',
      'シトルリン',
      '柿',
    ]) {
      expect(await refs(q(text)), text).toEqual([PERSIMMON])
    }
    expect(await total(q('C0033'))).toBe(0)
    expect(await total(q('%'))).toBe(0)
  })

  it('searches statements and materials in Japanese and English', async () => {
    expect(await refs(`${q('生ハム')}&sort=id`)).toEqual([
      'brochure-2018/tohoku-ham-fy2013/taste',
      'brochure-2018/tohoku-ham-fy2016/aging',
    ])
    expect(await total(q('PROSCIUTTO'))).toBe(2)
    expect(await total(q('ベジスープ'))).toBe(2)
    expect(await total(q('anti-diabetic'))).toBe(1)
  })

  it('filters by the project’s adoption FY, company, institution, municipality, field, menu, project and evidence', async () => {
    expect(await total('fyFrom=2014')).toBe(4)
    expect(await total('fyTo=2013')).toBe(2)
    expect(await total('fyFrom=2014&fyTo=2014')).toBe(3)
    expect(await total(`company=${idOf(org, '㈱東北ハム')}`)).toBe(2)
    expect(await total(`institution=${idOf(org, '慶應義塾大学先端生命科学研究所')}`)).toBe(4)
    expect(await total(`institution=${idOf(org, 'ヒューマン・メタボローム・テクノロジーズ㈱')}`)).toBe(2)
    expect(await total(`municipality=${encodeURIComponent('鶴岡市')}`)).toBe(4)
    expect(await total('field=food')).toBe(6)
    expect(await total('menu=seed_exploration')).toBe(0)
    expect(await total(`projectId=${idOf(project, 'brochure-2018/ja-kushibiki')}`)).toBe(2)
    expect(await refs('evidenceLevel=animal')).toEqual(['brochure-2018/ja-kushibiki/anti-diabetic'])
    expect(await total('evidenceLevel=human')).toBe(0)
    expect(await total(`fyFrom=2014&${q('GABA')}`)).toBe(0)
  })

  it('sorts by metabolite count, evidence strength and adoption FY, descending with a minus', async () => {
    expect((await refs('sort=-metaboliteCount&limit=1'))[0]).toBe(PERSIMMON)
    expect((await refs('sort=-evidenceLevel&limit=1'))[0]).toBe('brochure-2018/ja-kushibiki/anti-diabetic')
    const byFy = (await list('sort=-adoptedFy')).items.map((f) => f.project.adoptedFy)
    expect(byFy).toEqual([2016, 2014, 2014, 2014, 2013, 2013, null])
  })

  it('takes as many queries for a page of seven as for one, and for a detail whatever it holds', async () => {
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
    for (const limit of [1, 7]) {
      queries = 0
      await listFindings(db, { limit, q: 'a' }, ADMIN_VIEWER)
      counts.push(queries)
    }
    for (const ref of [PERSIMMON, 'brochure-2018/denroku/peanut-germ']) {
      queries = 0
      await getFinding(db, idOf(finding, ref), ADMIN_VIEWER)
      counts.push(queries)
    }
    expect(counts).toEqual([3, 3, 3, 3])
  })

  it('refuses unknown filters, sorts and malformed values, naming each', async () => {
    const response = await t.app.inject(
      '/api/findings?sort=secret&evidenceLevel=rumor&fyFrom=1900&limit=0&color=red',
    )
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'querystring.sort',
        'querystring.evidenceLevel',
        'querystring.fyFrom',
        'querystring.limit',
        'querystring.color',
      ]),
    )
  })
})

describe('GET /api/findings/:id', () => {
  it('answers the finding with its metabolite results and the outcomes resting on it', async () => {
    const response = await t.app.inject(`/api/findings/${idOf(finding, PERSIMMON)}`)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({
      comparisonJa: '加熱 vs 生',
      evidenceLevel: 'analytical',
      version: 1,
      metaboliteCount: 2,
      importedCount: 0,
    })
    expect(body.metaboliteResults).toEqual([
      {
        id: expect.any(Number),
        name: 'GABA (γ-aminobutyric acid)',
        hmdbId: 'HMDB0000112',
        keggId: 'C00334',
        chebiId: 'CHEBI:16865',
        pubchemCid: 119,
        inchikey: 'BTCSSZJGUNDROE-UHFFFAOYSA-N',
        direction: 'up',
        foldChange: null,
        pValue: null,
      },
      {
        id: expect.any(Number),
        name: 'L-Citrulline',
        hmdbId: 'HMDB0000904',
        keggId: 'C00327',
        chebiId: 'CHEBI:16349',
        pubchemCid: 9750,
        inchikey: 'RHGKLRLOHDJJDR-BYPYZUCNSA-N',
        direction: 'up',
        foldChange: null,
        pValue: null,
      },
    ])
    expect(body.outcomes).toEqual([
      {
        id: idOf(outcome, 'brochure-2018/regional-innovation/heated-persimmon-press-release'),
        kind: 'press_release',
        titleJa: expect.stringContaining('柿は加熱調理すると'),
        titleEn: expect.stringContaining('Cooking persimmon'),
        fy: null,
      },
    ])
    const taste = (
      await t.app.inject(`/api/findings/${idOf(finding, 'brochure-2018/tohoku-ham-fy2013/taste')}`)
    ).json()
    expect(taste.outcomes.map((o: { id: number; fy: number }) => [o.id, o.fy])).toEqual([
      [idOf(outcome, 'brochure-2018/tohoku-ham/nobile'), 2017],
    ])
  })

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.inject('/api/findings/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ statusCode: 404, message: 'Finding 999999 not found' })
    expect((await t.app.inject('/api/findings/abc')).statusCode).toBe(400)
    expect((await t.app.inject('/api/findings/0')).statusCode).toBe(400)
  })
})

describe('GET /api/metabolites', () => {
  interface Hit {
    name: string
    keggId: string
    finding: { id: number; projectId: number; statementJa: string }
  }
  const search = async (query: string) => {
    const response = await t.app.inject(`/api/metabolites?${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as { items: Hit[]; total: number }
  }
  const names = async (query: string) => (await search(query)).items.map((m) => m.name)
  const GABA = 'GABA (γ-aminobutyric acid)'

  it('finds metabolite results by name or by any identifier, with their finding', async () => {
    const gaba = await search('q=gaba')
    expect(gaba.total).toBe(1)
    expect(gaba.items[0]).toMatchObject({
      name: GABA,
      keggId: 'C00334',
      pubchemCid: 119,
      direction: 'up',
      finding: {
        id: idOf(finding, PERSIMMON),
        projectId: idOf(project, 'brochure-2018/regional-innovation'),
      },
    })
    expect(gaba.items[0]?.finding.statementJa).toContain('GABA')
    for (const text of [
      'C00334',
      'cpd:c00334',
      'HMDB00112',
      'hmdb0000112',
      'chebi:16865',
      '119',
      'CID 119',
    ]) {
      expect(await names(q(text)), text).toEqual([GABA])
    }
    expect(await names(q('BTCSSZJGUNDROE-UHFFFAOYSA-N'))).toEqual([GABA])
    expect(await names(q('citrul'))).toEqual(['L-Citrulline'])
    expect(await names(q('C00327'))).toEqual(['L-Citrulline'])
    expect(await total(q('C0032'))).toBe(0)
  })

  it('lists all, filters by direction, finding, project and FY, and sorts', async () => {
    expect((await search('')).total).toBe(2)
    expect((await search('direction=up')).total).toBe(2)
    expect((await search('direction=down')).total).toBe(0)
    expect((await search(`findingId=${idOf(finding, PERSIMMON)}`)).total).toBe(2)
    expect((await search(`projectId=${idOf(project, 'brochure-2018/denroku')}`)).total).toBe(0)
    expect((await search('fyFrom=2013')).total).toBe(0)
    expect(await names('sort=-name')).toEqual(['L-Citrulline', GABA])
    expect(await names('sort=name&limit=1&offset=1')).toEqual(['L-Citrulline'])
  })

  it('refuses bad filters naming them', async () => {
    const response = await t.app.inject('/api/metabolites?direction=sideways&sort=mass')
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(['querystring.sort', 'querystring.direction'])
  })
})

describe('writes', () => {
  it('creates a finding with metabolite results given in loose forms, stored normalized', async () => {
    const response = await post(
      draft({
        statementEn: 'A test finding',
        platform: 'CE-TOFMS',
        reportedOn: '2016-03-15',
        metaboliteResults: [
          { name: 'GABA', hmdbId: 'hmdb00112', keggId: 'cpd:c00334', chebiId: '16865', pubchemCid: '119' },
          { keggId: 'C00327', direction: 'down', foldChange: 0.4, pValue: 0.003 },
          {
            name: 'Oleic acid',
            inchikey: 'zqpphqcknvqoxd-kthzvmdssa-n',
            pubchemCid: 445639,
            direction: 'unchanged',
          },
        ],
      }),
    )
    expect(response.statusCode, response.body).toBe(201)
    const created = response.json()
    expect(created).toMatchObject({
      statementJa: '試験の知見',
      platform: 'CE-TOFMS',
      reportedOn: '2016-03-15',
      version: 1,
    })
    expect(created.project.company.nameJa).toBe('㈱でん六')
    expect(created.outcomes).toEqual([])
    expect(created).toMatchObject({ metaboliteCount: 3, importedCount: 0 })
    // The most significant first (by p-value, those without one last), then in the order entered.
    expect(created.metaboliteResults.map(({ id: _, ...m }: { id: number }) => m)).toEqual([
      {
        name: null,
        hmdbId: null,
        keggId: 'C00327',
        chebiId: null,
        pubchemCid: null,
        inchikey: null,
        direction: 'down',
        foldChange: 0.4,
        pValue: 0.003,
      },
      {
        name: 'GABA',
        hmdbId: 'HMDB0000112',
        keggId: 'C00334',
        chebiId: 'CHEBI:16865',
        pubchemCid: 119,
        inchikey: null,
        direction: null,
        foldChange: null,
        pValue: null,
      },
      {
        name: 'Oleic acid',
        hmdbId: null,
        keggId: null,
        chebiId: null,
        pubchemCid: 445639,
        inchikey: 'ZQPPHQCKNVQOXD-KTHZVMDSSA-N',
        direction: 'unchanged',
        foldChange: null,
        pValue: null,
      },
    ])
    expect((await t.app.inject(`/api/findings/${created.id}`)).json()).toEqual(created)
    expect(await total(q('C00334'))).toBe(2)
    expect(await total(`projectId=${idOf(project, 'brochure-2018/denroku')}`)).toBe(2)
    expect((await remove(created.id)).statusCode).toBe(204)
    expect(await total(q('C00334'))).toBe(1)
  })

  it('updates with the version read, replaces the metabolite set only when sent, and refuses a stale version', async () => {
    const created = (await post(draft({ metaboliteResults: [{ name: 'A' }, { name: 'B' }] }))).json()
    const renamed = await patch(created.id, { version: 1, statementEn: 'Renamed', evidenceLevel: 'animal' })
    expect(renamed.statusCode, renamed.body).toBe(200)
    expect(renamed.json()).toMatchObject({ statementEn: 'Renamed', evidenceLevel: 'animal', version: 2 })
    expect(renamed.json().metaboliteResults.map((m: { name: string }) => m.name)).toEqual(['A', 'B'])

    const replaced = await patch(created.id, {
      version: 2,
      metaboliteResults: [{ name: 'C', keggId: 'c00001' }],
    })
    expect(replaced.statusCode, replaced.body).toBe(200)
    expect(replaced.json().version).toBe(3)
    expect(replaced.json().metaboliteResults).toMatchObject([{ name: 'C', keggId: 'C00001' }])
    const moved = await patch(created.id, {
      version: 3,
      projectId: idOf(project, 'brochure-2018/funagata-mushroom'),
      metaboliteResults: [],
    })
    expect(moved.json()).toMatchObject({ version: 4, metaboliteResults: [], project: { adoptedFy: 2014 } })

    const before = await snapshotTables(t.database.db)
    const stale = await patch(created.id, { version: 3, statementJa: '古い' })
    expect(stale.statusCode).toBe(409)
    expect(fieldsOf(stale)).toEqual(['body.version'])
    // A stale request that also breaks a rule still answers 409: the client must reload first.
    const staleAndBad = await patch(created.id, { version: 1, metaboliteResults: [{ keggId: 'X' }] })
    expect(staleAndBad.statusCode).toBe(409)
    expect(await snapshotTables(t.database.db)).toEqual(before)

    expect((await patch(999999, { version: 1, statementJa: 'x' })).statusCode).toBe(404)
    expect((await remove(created.id)).statusCode).toBe(204)
    expect((await t.app.inject(`/api/findings/${created.id}`)).statusCode).toBe(404)
    expect((await remove(created.id)).statusCode).toBe(404)
  })

  it('answers 422 for every broken rule, naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const badIds = await post(
      draft({
        metaboliteResults: [
          { name: 'a', hmdbId: 'HMDB12' },
          { name: 'b', chebiId: 'CHEBI:x' },
          { name: 'c', pubchemCid: -3 },
          { name: 'd', keggId: 'K00001' },
          { name: 'e', inchikey: 'ABC' },
        ],
      }),
    )
    expect(badIds.statusCode).toBe(422)
    expect(badIds.json().error).toBe('Unprocessable Entity')
    expect(problemsOf(badIds)).toMatchObject([
      { field: 'body.metaboliteResults.0.hmdbId', message: 'is not an HMDB id (HMDB + 7 digits)' },
      { field: 'body.metaboliteResults.1.chebiId', message: 'is not a ChEBI id (CHEBI: + digits)' },
      { field: 'body.metaboliteResults.2.pubchemCid', message: 'is not a PubChem CID (a positive integer)' },
      { field: 'body.metaboliteResults.3.keggId', message: 'is not a KEGG compound id (C + 5 digits)' },
      {
        field: 'body.metaboliteResults.4.inchikey',
        message: 'is not an InChIKey (14 letters, hyphen, 10 letters, hyphen, 1 letter)',
      },
    ])

    const values = await post(
      draft({
        metaboliteResults: [
          { name: 'GABA', foldChange: 0 },
          { name: 'gaba' },
          { name: 'x', foldChange: 0.5, direction: 'up' },
          { name: 'y', foldChange: 3, direction: 'down' },
          { name: 'z', pValue: 1.01 },
          { direction: 'up' },
        ],
      }),
    )
    expect(values.statusCode).toBe(422)
    expect(fieldsOf(values)).toEqual([
      'body.metaboliteResults.0.foldChange',
      'body.metaboliteResults.1.name',
      'body.metaboliteResults.2.direction',
      'body.metaboliteResults.3.direction',
      'body.metaboliteResults.4.pValue',
      'body.metaboliteResults.5.name',
    ])

    const unknownProject = await post(draft({ projectId: 999999 }))
    expect(unknownProject.statusCode).toBe(422)
    expect(problemsOf(unknownProject)).toMatchObject([
      { field: 'body.projectId', message: 'project 999999 does not exist' },
    ])

    for (const reportedOn of ['1979-12-31', isoDaysFromToday(400)]) {
      const response = await post(draft({ reportedOn }))
      expect(response.statusCode, reportedOn).toBe(422)
      expect(fieldsOf(response)).toEqual(['body.reportedOn'])
    }
    expect((await post(draft({ reportedOn: '1980-01-01' }))).statusCode).toBe(201)
    const latest = await post(draft({ reportedOn: isoDaysFromToday(300) }))
    expect(latest.statusCode).toBe(201)
    await remove(latest.json().id)
    const early = (await list(q('試験の知見'))).items[0]
    await remove(early?.id as number)

    const existing = idOf(finding, 'brochure-2018/denroku/peanut-germ')
    const patched = await patch(existing, {
      version: 1,
      projectId: 999999,
      reportedOn: '1900-01-01',
      metaboliteResults: [{ keggId: 'cpd:X' }],
    })
    expect(patched.statusCode).toBe(422)
    expect(fieldsOf(patched)).toEqual([
      'body.projectId',
      'body.reportedOn',
      'body.metaboliteResults.0.keggId',
    ])
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('refuses malformed input with 400 naming each field, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await post({
      projectId: 'one',
      statementJa: '   ',
      evidenceLevel: 'rumor',
      reportedOn: '2017-02-30',
      color: 'red',
      metaboliteResults: [{ name: 'a', foldChange: 'big', keggId: 'x'.repeat(41), mass: 1 }],
    })
    expect(response.statusCode).toBe(400)
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining([
        'body.projectId',
        'body.statementJa',
        'body.evidenceLevel',
        'body.reportedOn',
        'body.color',
        'body.metaboliteResults.0.foldChange',
        'body.metaboliteResults.0.keggId',
        'body.metaboliteResults.0.mass',
      ]),
    )
    expect(fieldsOf(await post({ statementJa: 'x' }))).toEqual(
      expect.arrayContaining(['body.projectId', 'body.evidenceLevel']),
    )
    const noChange = await patch(idOf(finding, PERSIMMON), { version: 1 })
    expect(noChange.statusCode).toBe(400)
    expect(JSON.stringify(response.json())).not.toMatch(/select|insert|node_modules/i)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('deletes a finding with its metabolite results, and the outcomes resting on it forget it', async () => {
    const created = (await post(draft({ metaboliteResults: [{ name: 'Q', keggId: 'C09999' }] }))).json()
    const outcomeId = idOf(outcome, 'brochure-2018/denroku/peanut-germ-chocolate')
    const before = (await t.app.inject(`/api/outcomes/${outcomeId}`)).json()
    const linked = await t.app.inject({
      method: 'PATCH',
      url: `/api/outcomes/${outcomeId}`,
      body: {
        version: before.version,
        restsOn: [...before.restsOn.map((f: { id: number }) => f.id), created.id],
      },
    })
    expect(linked.json().restsOn).toHaveLength(2)
    expect(
      (await t.app.inject(`/api/findings/${created.id}`)).json().outcomes.map((o: { id: number }) => o.id),
    ).toEqual([outcomeId])
    expect((await remove(created.id)).statusCode).toBe(204)
    expect((await t.app.inject(`/api/metabolites?${q('C09999')}`)).json().total).toBe(0)
    expect((await t.app.inject(`/api/outcomes/${outcomeId}`)).json().restsOn).toEqual(before.restsOn)
  })
})

describe('GET /api/findings.csv', () => {
  it('exports the filtered list as UTF-8 CSV with a BOM', async () => {
    const response = await t.app.inject(`/api/findings.csv?${q('ハム')}&limit=1`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.body.startsWith('\uFEFFid,project_id,company_ja,statement_ja')).toBe(true)
    expect(response.body.trim().split('\r\n')).toHaveLength(3)
    expect(response.body).toContain('㈱東北ハム')
  })
})
