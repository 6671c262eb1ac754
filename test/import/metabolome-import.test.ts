import type { InjectOptions } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MetaboliteResult as MetaboliteResultRow } from '../../db/tables/findings.ts'
import type { MetaboliteImportReport } from '../../server/schemas/metabolite-import.ts'
import { createTestApp, type TestClient } from '../helpers/app.ts'
import { insertFinding, insertOrganization, insertProject } from '../helpers/records.ts'
import { snapshotTables } from '../helpers/snapshot.ts'
import { englishLabCsv, japaneseLabCsv, labXlsx, mafTsv, mwtabJson, mwtabText } from './metabolome-files.ts'

// POST /api/findings/:id/metabolites/import, on the backend the suite runs on: each format from a file in
// its real layout, all or nothing, dry runs, re-imports, and who may import where.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let t: Awaited<ReturnType<typeof createTestApp>>
let lab: number
let project: number

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  lab = await insertOrganization(db, 'public_lab', '取込研究所')
  const lead = await insertOrganization(db, 'company', '取込主導社')
  project = await insertProject(db, { visibility: 'public', leadOrgId: lead, partners: [lab] })
})
afterAll(() => t.close())

const newFinding = (projectId = project) =>
  insertFinding(t.database.db, { projectId, visibility: 'public', metabolite: '手入力の代謝物' })

function upload(
  findingId: number,
  file: Buffer,
  contentType: string,
  query = '',
  client: Pick<TestClient, 'inject'> = t.app,
) {
  const request: InjectOptions = {
    method: 'POST',
    url: `/api/findings/${findingId}/metabolites/import${query ? `?${query}` : ''}`,
    headers: { 'content-type': contentType },
    payload: file,
  }
  return client.inject(request)
}

/**
 * A finding's results as stored. Read without the CamelCasePlugin, which would rename the keys inside the
 * JSON columns too (`Heated_mean` → `HeatedMean`); only the column names are made camelCase here.
 */
async function resultsOf(findingId: number): Promise<MetaboliteResultRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select * from metabolite_results where finding_id = ${findingId} order by source_line, id
  `.execute(t.database.db.withoutPlugins())
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])) as never)
}

describe('a lab delivery table', () => {
  it('in Shift_JIS with Japanese headers: identifiers normalized, values kept, N.D. and the unnamed peak read', async () => {
    const finding = await newFinding()
    const response = await upload(finding, japaneseLabCsv(), 'text/csv')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      findingId: finding,
      dryRun: false,
      committed: true,
      format: 'lab',
      layout: 'csv',
      encoding: 'shift_jis',
      rows: 5,
      results: 5,
      unidentified: 1,
      added: 5,
      removed: 1, // the result entered by hand: an import replaces the finding's results
      unchanged: 0,
      rejected: [],
      rejectedTotal: 0,
    } satisfies MetaboliteImportReport)

    const [gaba, citrate, tyr, unknown, sorbitol] = await resultsOf(finding)
    expect(gaba).toMatchObject({
      name: 'GABA',
      hmdbId: 'HMDB0000112',
      keggId: 'C00334',
      pubchemCid: 119,
      mz: 104.0706,
      migrationTime: 5.12,
      retentionTime: null,
      foldChange: 2.6,
      direction: 'up',
      pValue: 0.004,
      groupValues: { 加熱_1: 120, 加熱_2: 140, 生_1: 50, 生_2: 50 },
      unidentified: false,
      sourceLine: 5,
      extra: { columns: { ID: 'C_0001' } },
    })
    expect(gaba?.sourceRow).toMatchObject({ 化合物名: 'GABA', 'HMDB ID': 'HMDB00112', 'MT(分)': '5.12' })
    // Two spellings of one HMDB id in a cell are one id; PubChem's 0 is "none"; `<0.001` keeps its bound.
    expect(citrate).toMatchObject({
      name: 'クエン酸',
      hmdbId: 'HMDB0000094',
      pubchemCid: null,
      pValue: 0.001,
    })
    expect(citrate?.extra).toEqual({ columns: { ID: 'C_0002', 備考: '二重登録' } })
    // N.D. in a group: the value is null; a ratio of 0 is "down" without a fold change.
    expect(tyr).toMatchObject({
      keggId: 'C00082',
      direction: 'down',
      foldChange: null,
      pValue: null,
      groupValues: { 加熱_1: null, 加熱_2: null, 生_1: 8, 生_2: 9 },
      extra: { columns: { ID: 'C_0003' }, identifiers: { keggId: ['C01536'] } },
    })
    expect(unknown).toMatchObject({
      name: 'Unknown (m/z 146.0461, MT 10.01)',
      unidentified: true,
      groupValues: { 加熱_1: 1234, 加熱_2: 1300, 生_1: 1000, 生_2: 1100 },
      foldChange: 1.15,
    })
    expect(sorbitol).toMatchObject({
      name: 'ソルビトール',
      keggId: 'C00794',
      groupValues: null,
      foldChange: null,
    })
  })

  it('in UTF-8 with a BOM and English headers, a cell spanning two lines keeping the lines of the rest', async () => {
    const finding = await newFinding()
    const response = await upload(finding, englishLabCsv(), 'text/csv; charset=utf-8')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ encoding: 'utf-8', results: 4, unidentified: 1 })
    const results = await resultsOf(finding)
    expect(results.map((r) => [r.sourceLine, r.name])).toEqual([
      [2, 'GABA'],
      [3, 'Citric acid'],
      [4, 'Multi-line\nname'],
      [6, 'Unknown (m/z 146.0461, RT 4.4)'],
    ])
    expect(results[0]).toMatchObject({
      chebiId: 'CHEBI:16865',
      inchikey: 'BTCSSZJGUNDROE-UHFFFAOYSA-N',
      retentionTime: 1.2,
      groupValues: { Heated_mean: 130, Raw_mean: 50 },
    })
    expect(results[1]).toMatchObject({ chebiId: 'CHEBI:30769', pValue: 0.0001, direction: 'down' })
  })

  it('as an XLSX workbook: the results sheet after a cover sheet, formulas by their result', async () => {
    const finding = await newFinding()
    const response = await upload(finding, await labXlsx(), XLSX)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ layout: 'xlsx', encoding: null, results: 3 })
    const results = await resultsOf(finding)
    expect(results.map((r) => [r.sourceLine, r.name, r.foldChange])).toEqual([
      [4, 'GABA', 2.6],
      [5, 'クエン酸', 0.5],
      [6, 'Tyrosine', null],
    ])
    expect(results[2]).toMatchObject({ hmdbId: 'HMDB0000158', direction: 'down' })
  })

  it('computes the fold change from the groups the request names', async () => {
    const finding = await newFinding()
    const response = await upload(finding, japaneseLabCsv(), 'text/csv', 'caseGroup=加熱&controlGroup=生')
    expect(response.statusCode, response.body).toBe(200)
    const [gaba, citrate] = await resultsOf(finding)
    expect(gaba?.foldChange).toBeCloseTo(130 / 50)
    expect(citrate?.foldChange).toBeCloseTo(305 / 605)
    const missing = await upload(finding, japaneseLabCsv(), 'text/csv', 'caseGroup=加熱&controlGroup=冷凍')
    expect(missing.statusCode).toBe(422)
    expect(missing.json().message).toMatch(/no column of group "冷凍".*加熱, 生/)
    const alone = await upload(finding, japaneseLabCsv(), 'text/csv', 'caseGroup=加熱')
    expect(alone.statusCode).toBe(400)
  })
})

describe('a MetaboLights MAF', () => {
  it('reads database_identifier of any kind and the sample columns', async () => {
    const finding = await newFinding()
    const response = await upload(
      finding,
      mafTsv(),
      'text/tab-separated-values',
      'caseGroup=Heated&controlGroup=Raw',
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ format: 'maf', layout: 'tsv', results: 3, unidentified: 1 })
    const [gaba, citrate, unknown] = await resultsOf(finding)
    expect(gaba).toMatchObject({ chebiId: 'CHEBI:16865', mz: 104.0706, retentionTime: 1.23, direction: 'up' })
    expect(gaba?.foldChange).toBeCloseTo(130 / 50)
    expect(citrate).toMatchObject({ hmdbId: 'HMDB0000094', chebiId: 'CHEBI:30769' })
    expect(citrate?.extra?.columns).toMatchObject({ chemical_formula: 'C6H8O7', species: 'Diospyros kaki' })
    // Detected in the case group only: up, without a ratio.
    expect(unknown).toMatchObject({
      name: 'Unknown (m/z 146.0461, RT 4.4)',
      direction: 'up',
      foldChange: null,
      groupValues: { Heated_1: 10, Heated_2: 12 },
    })
  })
})

describe('an mwTab file', () => {
  it('as text: the data block and METABOLITES joined by name, fold changes by factor', async () => {
    const finding = await newFinding()
    const response = await upload(
      finding,
      mwtabText(),
      'text/plain',
      'caseGroup=Heated&controlGroup=Treatment:Raw',
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ format: 'mwtab', layout: 'mwtab-text', rows: 6, results: 4 })
    const results = await resultsOf(finding)
    expect(results.map((r) => r.name)).toEqual(['GABA', 'citric acid', 'tyrosine', 'sucrose'])
    const [gaba, citrate, tyrosine, sucrose] = results
    expect(gaba).toMatchObject({
      hmdbId: 'HMDB0000112',
      keggId: 'C00334',
      pubchemCid: 119,
      inchikey: 'BTCSSZJGUNDROE-UHFFFAOYSA-N',
      mz: 104.0706,
      groupValues: { S1: 120, S2: 140, S3: 50, S4: 50 },
      extra: { columns: { ri: '522741', ri_type: 'Fiehn', other_id: '205673', other_id_type: 'BinBase' } },
    })
    expect(gaba?.foldChange).toBeCloseTo(2.6)
    expect(gaba?.sourceRow).toMatchObject({ Samples: 'GABA', S1: '120', metabolite_name: 'GABA' })
    expect(citrate).toMatchObject({ keggId: 'C00158', pubchemCid: 311, direction: 'down' })
    expect(tyrosine).toMatchObject({ keggId: null, direction: 'down', foldChange: null })
    expect(sucrose).toMatchObject({ keggId: 'C00089', groupValues: null, mz: 271 })
  })

  it('as JSON, streamed', async () => {
    const finding = await newFinding()
    const response = await upload(
      finding,
      mwtabJson(),
      'application/json',
      'caseGroup=Heated&controlGroup=Raw',
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      format: 'mwtab',
      layout: 'mwtab-json',
      encoding: null,
      results: 4,
    })
    const results = await resultsOf(finding)
    expect(results.map((r) => [r.name, r.keggId])).toEqual([
      ['GABA', 'C00334'],
      ['citric acid', 'C00158'],
      ['tyrosine', null],
      ['sucrose', 'C00089'],
    ])
    expect(results[0]?.foldChange).toBeCloseTo(2.6)
    expect(results[1]?.groupValues).toEqual({ S1: 300, S2: 310, S3: 610, S4: 600 })
  })
})

describe('all or nothing', () => {
  it('refuses the whole file for one bad row, naming every bad row with its line, and writes nothing', async () => {
    const finding = await newFinding()
    await upload(finding, japaneseLabCsv(), 'text/csv')
    const before = await snapshotTables(t.database.db)
    const response = await upload(finding, englishLabCsv({ badRow: true }), 'text/csv')
    expect(response.statusCode, response.body).toBe(422)
    const body = response.json()
    expect(body.message).toMatch(/1 row of the file cannot be read; nothing was imported/)
    expect(body.report).toMatchObject({ committed: false, rows: 5, results: 4, rejectedTotal: 1 })
    expect(body.report.rejected).toHaveLength(1)
    const [bad] = body.report.rejected
    expect(bad.line).toBe(6)
    for (const part of [
      'HMDB: HMDB12 is not an HMDB id',
      'KEGG: C0001',
      'm/z: -5 is not positive',
      'Fold change: x is not a number',
      'p-value: 2 is not between 0 and 1',
    ])
      expect(bad.reason).toContain(part)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('reports a metabolite listed twice, at its second line', async () => {
    const finding = await newFinding()
    const file = Buffer.from('Compound,KEGG\nGABA,C00334\nAlanine,C00041\ngaba,C00334\n')
    const response = await upload(finding, file, 'text/csv')
    expect(response.statusCode).toBe(422)
    expect(response.json().report.rejected).toEqual([
      { line: 4, reason: 'gaba is already on line 2: a finding lists each metabolite once' },
    ])
  })

  it('refuses files it cannot read at all', async () => {
    const finding = await newFinding()
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.alloc(0), 'text/csv', /empty/],
      [Buffer.from('Compound,KEGG,m/z\n'), 'text/csv', /no result rows/],
      [Buffer.from('just,some\nnumbers,here\n'), 'text/csv', /No header row found/],
      [Buffer.from([0x82, 0xa0, 0xff, 0xfe, 0x00]), 'text/csv', /neither UTF-8 nor Shift_JIS/],
      [Buffer.from('PK\u0003\u0004 not really a workbook'), XLSX, /cannot be read as an XLSX workbook/],
      [
        Buffer.from('{"MS_METABOLITE_DATA": {"Data": [ {"Metabolite": "x"'),
        'application/json',
        /not valid JSON/,
      ],
      [Buffer.from('Compound,KEGG\n"GABA,C00334\n'), 'text/csv', /cannot be read as comma-separated text/],
    ]
    const before = await snapshotTables(t.database.db)
    for (const [file, type, message] of cases) {
      const response = await upload(finding, file, type)
      expect(response.statusCode, `${message}: ${response.body}`).toBe(422)
      expect(response.json().errors).toEqual([{ field: 'body', message: expect.stringMatching(message) }])
    }
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('answers 415 for a type it does not read, and 413 past its size limit before reading', async () => {
    const finding = await newFinding()
    const pdf = await upload(finding, Buffer.from('%PDF-1.4'), 'application/pdf')
    expect(pdf.statusCode).toBe(415)
    const huge = await t.app.inject({
      method: 'POST',
      url: `/api/findings/${finding}/metabolites/import`,
      headers: { 'content-type': 'text/csv', 'content-length': String(1024 * 1024 * 1024) },
      payload: 'Compound\nGABA\n',
    })
    expect(huge.statusCode, huge.body).toBe(413)
  })
})

describe('a dry run', () => {
  it('reports what an import would do and writes nothing', async () => {
    const finding = await newFinding()
    await upload(finding, japaneseLabCsv(), 'text/csv')
    const before = await snapshotTables(t.database.db)
    const response = await upload(finding, englishLabCsv(), 'text/csv', 'dryRun=true')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      dryRun: true,
      committed: false,
      results: 4,
      added: 4,
      removed: 5,
    })
    const bad = await upload(finding, englishLabCsv({ badRow: true }), 'text/csv', 'dryRun=true')
    expect(bad.statusCode).toBe(422)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })
})

describe('importing again', () => {
  it('the same file changes nothing; a corrected file changes only its corrected rows', async () => {
    const finding = await newFinding()
    expect((await upload(finding, mwtabText(), 'text/plain')).statusCode).toBe(200)
    const version = async () =>
      (
        await t.database.db
          .selectFrom('findings')
          .select('version')
          .where('id', '=', finding)
          .executeTakeFirstOrThrow()
      ).version
    const first = await version()
    const before = await snapshotTables(t.database.db)
    const again = await upload(finding, mwtabText(), 'text/plain')
    expect(again.json()).toMatchObject({ added: 0, removed: 0, unchanged: 4 })
    expect(await snapshotTables(t.database.db)).toEqual(before)
    expect(await version()).toBe(first)

    const ids = new Map((await resultsOf(finding)).map((r) => [r.name, r.id]))
    const audited = await auditOf(finding)
    const corrected = Buffer.from(mwtabText().toString().replace('sucrose\t271\t', 'sucrose\t342.1162\t'))
    const response = await upload(finding, corrected, 'text/plain')
    expect(response.json()).toMatchObject({ added: 1, removed: 1, unchanged: 3 })
    // The audit trail has the one row replaced, before and after, and nothing for the rows left alone.
    const entries = (await auditOf(finding)).slice(audited.length)
    expect(entries.map((e) => [e.action, e.before?.mz ?? null, e.after?.mz ?? null])).toEqual([
      ['delete', 271, null],
      ['create', null, 342.1162],
    ])
    const after = await resultsOf(finding)
    expect(after.find((r) => r.name === 'GABA')?.id).toBe(ids.get('GABA'))
    expect(after.find((r) => r.name === 'sucrose')?.mz).toBe(342.1162)
    expect(await version()).toBe(first + 1)
  })
})

const auditOf = (findingId: number) =>
  t.database.db
    .selectFrom('auditLog')
    .select(['action', 'before', 'after', 'actorId'])
    .where('tableName', '=', 'metabolite_results')
    .where('recordId', '=', findingId)
    .orderBy('id')
    .execute()

describe('who may import', () => {
  it('a partner into findings of its own projects; elsewhere 404 when hidden, 403 when visible', async () => {
    const partner = await t.as('partner', lab)
    const viewer = await t.as('viewer')
    const own = await newFinding()
    expect((await upload(own, mafTsv(), 'text/tab-separated-values', '', partner)).statusCode).toBe(200)

    const db = t.database.db
    const other = await insertOrganization(db, 'company', '他社')
    const visible = await newFinding(await insertProject(db, { visibility: 'public', leadOrgId: other }))
    const hidden = await insertFinding(db, {
      projectId: await insertProject(db, { visibility: 'confidential', leadOrgId: other }),
      visibility: 'confidential',
    })
    const before = await snapshotTables(db)
    const refused = await upload(visible, mafTsv(), 'text/tab-separated-values', '', partner)
    expect(refused.statusCode).toBe(403)
    const missing = await upload(hidden, mafTsv(), 'text/tab-separated-values', '', partner)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toBe(`Finding ${hidden} not found`)
    expect((await upload(2147483646, mafTsv(), 'text/tab-separated-values')).statusCode).toBe(404)

    expect((await upload(own, mafTsv(), 'text/tab-separated-values', '', viewer)).statusCode).toBe(403)
    expect((await upload(own, mafTsv(), 'text/tab-separated-values', '', t.anonymous)).statusCode).toBe(401)
    expect(await snapshotTables(db)).toEqual(before)
  })

  it('records the importer in the audit trail', async () => {
    const manager = await t.as('manager')
    const finding = await newFinding()
    expect((await upload(finding, mwtabJson(), 'application/json', '', manager)).statusCode).toBe(200)
    const entries = await auditOf(finding)
    expect(entries.filter((e) => e.action === 'create' && e.actorId === manager.user?.id)).toHaveLength(4)
  })
})
