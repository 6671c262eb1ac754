import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { neutralize } from '../../../server/routes/csv-export.ts'
import { createTestApp, type TestClient } from '../../helpers/app.ts'
import { insertFinding, insertOrganization, insertOutcome, insertProject } from '../../helpers/records.ts'

// Every list as XLSX beside its CSV: the same rows and values (both read from one list call), typed cells,
// and nothing the viewer may not see.

const LISTS = ['organizations', 'projects', 'findings', 'outcomes', 'events', 'targets', 'menus']

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const db = t.database.db
  await db.insertInto('kpiTargets').values({ metric: 'adoptions', fy: 2017, target: 12.5 }).execute()
  const lead = await insertOrganization(db, 'company', '=XLSX主導社')
  const project = await insertProject(db, {
    visibility: 'confidential',
    leadOrgId: lead,
    themeJa: 'HIDDEN-P',
  })
  const finding = await insertFinding(db, {
    visibility: 'confidential',
    projectId: project,
    statementJa: 'HIDDEN-F',
  })
  await insertOutcome(db, {
    visibility: 'confidential',
    projectId: project,
    titleJa: 'HIDDEN-O',
    restsOn: [finding],
  })
})
afterAll(() => t.close())

async function workbookOf(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('no worksheet')
  return sheet
}

/** A sheet's rows, each cell as its values (ExcelJS numbers columns from 1). */
const rowsOf = (sheet: ExcelJS.Worksheet, width: number) =>
  sheet
    .getSheetValues()
    .slice(1)
    .map((row) => Array.from({ length: width }, (_, i) => (row as unknown[])[i + 1] ?? null))

/** What the CSV writes for a typed cell (csv-stringify writes true as 1 and false as nothing). */
function asCsv(cell: unknown): string {
  if (cell === null) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  if (typeof cell === 'boolean') return cell ? '1' : ''
  if (typeof cell === 'string') return neutralize(cell)
  return String(cell)
}

async function both(client: TestClient | undefined, path: string) {
  const get = (url: string) => (client ? client.inject(url) : t.app.inject(url))
  const [csv, xlsx] = await Promise.all([
    get(`/api/${path.replace('?', '.csv?')}`),
    get(`/api/${path.replace('?', '.xlsx?')}`),
  ])
  expect(csv.statusCode).toBe(200)
  expect(xlsx.statusCode).toBe(200)
  const csvRows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { relax_column_count: false })
  const width = csvRows[0]?.length ?? 0
  return { csvRows, xlsx, sheet: await workbookOf(xlsx), width }
}

describe('GET /api/<list>.xlsx', () => {
  it.each(LISTS)('%s: the same rows and values as the CSV', async (list) => {
    const { csvRows, xlsx, sheet, width } = await both(undefined, `${list}?`)
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${list}.xlsx"`)
    const rows = rowsOf(sheet, width)
    expect(csvRows.length).toBeGreaterThan(1)
    expect(rows.map((row) => row.map(asCsv))).toEqual(csvRows)
    // Typed: ids are numbers, and the header row stays in view.
    expect(rows.slice(1).every((row) => typeof row[0] === 'number')).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).font?.bold).toBe(true)
  })

  it('keeps the filters and sort of the list', async () => {
    const { csvRows, sheet, width } = await both(undefined, 'projects?fyFrom=2014&fyTo=2015&sort=-adoptedFy&')
    const rows = rowsOf(sheet, width)
    expect(rows.map((row) => row.map(asCsv))).toEqual(csvRows)
    const fy = rows.slice(1).map((row) => row[2] as number)
    expect(fy.length).toBeGreaterThan(0)
    expect(fy.every((year) => year >= 2014 && year <= 2015)).toBe(true)
    expect(fy).toEqual([...fy].sort((a, b) => b - a))
  })

  it('writes dates as dates, numbers as numbers, text as text and never as a formula', async () => {
    const outcomes = await workbookOf(await t.app.inject('/api/outcomes.xlsx?sort=fy'))
    const occurredOn = outcomes.getColumn(4)
    expect(outcomes.getCell(1, 4).value).toBe('occurred_on')
    const dates = occurredOn.values.slice(2).filter((value) => value !== null && value !== undefined)
    expect(dates.length).toBeGreaterThan(0)
    expect(dates.every((value) => value instanceof Date)).toBe(true)
    expect(dates.map((date) => (date as Date).toISOString().slice(0, 10))).toContain('2016-02-01')
    expect(occurredOn.numFmt).toBe('yyyy-mm-dd')

    const targets = await workbookOf(
      await t.app.inject('/api/targets.xlsx?metric=adoptions&fyFrom=2017&fyTo=2017'),
    )
    expect(targets.getCell(2, 4).value).toBe(12.5)

    const organizations = await workbookOf(await t.app.inject(`/api/organizations.xlsx?q=XLSX`))
    const name = organizations.getCell(2, 3)
    expect(name.value).toBe('=XLSX主導社')
    expect(name.type).toBe(ExcelJS.ValueType.String)
  })

  it('sizes the columns to their contents, counting Japanese as double width', async () => {
    const sheet = await workbookOf(await t.app.inject('/api/projects.xlsx'))
    const header = sheet.getRow(1).values as unknown[]
    const width = (name: string) => sheet.getColumn(header.indexOf(name)).width ?? 0
    expect(width('id')).toBeLessThan(10)
    expect(width('theme_ja')).toBeGreaterThan(30)
    expect(width('theme_ja')).toBeLessThanOrEqual(60)
  })

  it('leaves out what the viewer may not see, as the CSV does', async () => {
    for (const [list, marker] of [
      ['projects', 'HIDDEN-P'],
      ['findings', 'HIDDEN-F'],
      ['outcomes', 'HIDDEN-O'],
    ] as const) {
      const anonymous = await both(t.anonymous, `${list}?`)
      const cells = (rows: unknown[][]) => rows.flat().map(String)
      expect(cells(rowsOf(anonymous.sheet, anonymous.width))).not.toContain(marker)
      expect(anonymous.csvRows.flat()).not.toContain(marker)
      const admin = await both(undefined, `${list}?`)
      expect(cells(rowsOf(admin.sheet, admin.width)), list).toContain(marker)
      expect(rowsOf(admin.sheet, admin.width)).toHaveLength(
        rowsOf(anonymous.sheet, anonymous.width).length + 1,
      )
    }
  })

  it('refuses bad filters like the list does', async () => {
    expect((await t.app.inject('/api/organizations.xlsx?kind=bank')).statusCode).toBe(400)
  })
})
