import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorResponse } from '../../../server/schemas/common.ts'
import type { FindingMetaboliteList } from '../../../server/schemas/finding-metabolites.ts'
import { type Finding, NAMED_METABOLITE_RESULTS } from '../../../server/schemas/findings.ts'
import type { ProjectDetail } from '../../../server/schemas/projects.ts'
import { createTestApp, type TestApp, type TestClient } from '../../helpers/app.ts'
import { insertFinding, insertOrganization, insertProject } from '../../helpers/records.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'

// A finding of many imported results: the finding and its project page name a bounded set with the total,
// the paged endpoint gives them all with the file's columns, and a PATCH never silently drops them.

const IMPORTED = NAMED_METABOLITE_RESULTS + 50

let t: TestApp
let project: number
let imported: number
let confidential: number

/** Result `i` of the big set: every 4th has no p-value; the others are the more significant the later. */
const pValueOf = (i: number) => (i % 4 === 0 ? null : (IMPORTED + 1 - i) / 1000)

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  const lead = await insertOrganization(db, 'company', '大量取込社')
  project = await insertProject(db, { visibility: 'public', leadOrgId: lead })
  imported = await insertFinding(db, { projectId: project, visibility: 'public' })
  confidential = await insertFinding(db, { projectId: project, visibility: 'confidential' })
  await insertImported(imported, IMPORTED)
  await insertImported(confidential, 3)
})
afterAll(() => t.close())

/** Rows as an import writes them, with the file's line, row and columns (keys an ORM would rename). */
async function insertImported(findingId: number, count: number) {
  const rows = Array.from({ length: count }, (_, n) => {
    const i = n + 1
    return {
      findingId,
      name: `Compound ${i}`,
      direction: 'up' as const,
      foldChange: 1 + i / 100,
      pValue: pValueOf(i),
      mz: 100 + i / 10,
      migrationTime: 5 + i / 100,
      groupValues: JSON.stringify({ Heated_1: i, Raw_1: null }),
      sourceLine: i + 1,
      sourceRow: JSON.stringify({ Compound_name: `Compound ${i}`, Heated_1: String(i) }),
      extra: JSON.stringify({ columns: { Lab_ID: `C_${i}` } }),
    }
  })
  await t.database.db.insertInto('metaboliteResults').values(rows).execute()
}

/** The names of the big set in the bounded order: by p-value, those without one last, then by id. */
const significanceOrder = () =>
  Array.from({ length: IMPORTED }, (_, n) => n + 1)
    .sort((a, b) => (pValueOf(a) ?? 2) - (pValueOf(b) ?? 2) || a - b)
    .map((i) => `Compound ${i}`)

const page = async (findingId: number, query = '', client: Pick<TestClient, 'inject'> = t.app) => {
  const response = await client.inject(`/api/findings/${findingId}/metabolites${query}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as FindingMetaboliteList
}

describe('a finding with more results than an answer names', () => {
  it('names the most significant, and counts them all and those imported', async () => {
    const response = await t.app.inject(`/api/findings/${imported}`)
    expect(response.statusCode, response.body).toBe(200)
    const finding = response.json() as Finding
    expect(finding.metaboliteCount).toBe(IMPORTED)
    expect(finding.importedCount).toBe(IMPORTED)
    expect(finding.metaboliteResults.map((m) => m.name)).toEqual(
      significanceOrder().slice(0, NAMED_METABOLITE_RESULTS),
    )
  })

  it('on the project page too, beside its other findings', async () => {
    const response = await t.app.inject(`/api/projects/${project}`)
    expect(response.statusCode, response.body).toBe(200)
    const { findings } = response.json() as ProjectDetail
    expect(findings.map((f) => [f.id, f.metaboliteCount, f.metaboliteResults.length])).toEqual([
      [imported, IMPORTED, NAMED_METABOLITE_RESULTS],
      [confidential, 3, 3],
    ])
    expect(findings[0]?.metaboliteResults.map((m) => m.name)).toEqual(
      significanceOrder().slice(0, NAMED_METABOLITE_RESULTS),
    )
    const anonymous = (await t.anonymous.inject(`/api/projects/${project}`)).json() as ProjectDetail
    expect(anonymous.findings.map((f) => f.id)).toEqual([imported])
  })
})

describe('GET /api/findings/:id/metabolites', () => {
  it('pages through every result in the same order, with the columns of the file', async () => {
    const first = await page(imported, '?limit=100')
    expect(first.total).toBe(IMPORTED)
    const rest = await page(imported, '?limit=500&offset=100')
    const all = [...first.items, ...rest.items]
    expect(all.map((m) => m.name)).toEqual(significanceOrder())
    expect(all.find((m) => m.name === `Compound ${IMPORTED}`)).toMatchObject({
      pValue: pValueOf(IMPORTED),
      mz: 100 + IMPORTED / 10,
      migrationTime: 5 + IMPORTED / 100,
      retentionTime: null,
      unidentified: false,
      sourceLine: IMPORTED + 1,
      // The keys as the file wrote them, not renamed on the way out.
      groupValues: { Heated_1: IMPORTED, Raw_1: null },
      sourceRow: { Compound_name: `Compound ${IMPORTED}`, Heated_1: String(IMPORTED) },
      extra: { columns: { Lab_ID: `C_${IMPORTED}` } },
    })
  })

  it('sorts by the fields it names, descending with a minus', async () => {
    const names = async (query: string) => (await page(imported, query)).items.map((m) => m.name)
    expect(await names('?sort=sourceLine&limit=2')).toEqual(['Compound 1', 'Compound 2'])
    expect(await names('?sort=-mz&limit=2')).toEqual([`Compound ${IMPORTED}`, `Compound ${IMPORTED - 1}`])
    expect(await names('?sort=-foldChange&limit=1')).toEqual([`Compound ${IMPORTED}`])
    expect(await names('?sort=name&limit=2')).toEqual(['Compound 1', 'Compound 10'])
    expect(await names('?sort=-id&limit=1')).toEqual([`Compound ${IMPORTED}`])
    // Those without a p-value stay last either way.
    const descending = await page(imported, '?sort=-pValue&limit=500')
    const values = descending.items.map((m) => m.pValue)
    expect(values.slice(0, 2)).toEqual([pValueOf(1), pValueOf(2)])
    expect(values.at(-1)).toBeNull()
  })

  it('answers 404 to whoever may not see the finding, exactly as for a missing one', async () => {
    const hidden = await t.anonymous.inject(`/api/findings/${confidential}/metabolites`)
    expect(hidden.statusCode).toBe(404)
    const missing = await t.anonymous.inject('/api/findings/2147483646/metabolites')
    expect(missing.statusCode).toBe(404)
    expect(hidden.body.replace(/\d+/g, 'N')).toBe(missing.body.replace(/\d+/g, 'N'))
    expect((await page(confidential)).total).toBe(3)
    expect((await page(imported, '', t.anonymous)).total).toBe(IMPORTED)
  })

  it('refuses unknown sorts and limits past a page', async () => {
    const response = await t.app.inject(`/api/findings/${imported}/metabolites?sort=secret&limit=501`)
    expect(response.statusCode).toBe(400)
    expect((response.json() as ErrorResponse).errors?.map((e) => e.field)).toEqual([
      'querystring.limit',
      'querystring.sort',
    ])
  })
})

describe('PATCH /api/findings/:id with metaboliteResults', () => {
  const patch = (id: number, body: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/findings/${id}`, body })

  it('refuses to replace imported results, naming how many, and changes nothing', async () => {
    const { version } = (await t.app.inject(`/api/findings/${imported}`)).json() as Finding
    const before = await snapshotTables(t.database.db)
    const response = await patch(imported, {
      version,
      statementEn: 'Edited',
      metaboliteResults: [{ name: 'Compound 1', direction: 'down' }],
    })
    expect(response.statusCode, response.body).toBe(422)
    expect((response.json() as ErrorResponse).errors).toEqual([
      {
        field: 'body.metaboliteResults',
        message: `holds ${IMPORTED} results imported from a file, with columns this request cannot carry: import a file to replace them`,
        keyword: 'importedResults',
        params: { count: IMPORTED },
      },
    ])
    expect(await snapshotTables(t.database.db)).toEqual(before)

    // The finding's other fields still change; its results stay as imported.
    const edited = await patch(imported, { version, statementEn: 'Edited' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect((await page(imported, '?sort=sourceLine&limit=1')).items[0]).toMatchObject({
      name: 'Compound 1',
      sourceRow: { Compound_name: 'Compound 1', Heated_1: '1' },
    })
  })

  it('still replaces a set entered by hand', async () => {
    const handEntered = await insertFinding(t.database.db, {
      projectId: project,
      visibility: 'public',
      metabolite: 'GABA',
    })
    const response = await patch(handEntered, {
      version: 1,
      metaboliteResults: [{ name: 'Ornithine', direction: 'up', foldChange: 1.8, pValue: 0.02 }],
    })
    expect(response.statusCode, response.body).toBe(200)
    const finding = response.json() as Finding
    expect(finding).toMatchObject({ metaboliteCount: 1, importedCount: 0, version: 2 })
    expect(finding.metaboliteResults.map((m) => m.name)).toEqual(['Ornithine'])
  })
})
