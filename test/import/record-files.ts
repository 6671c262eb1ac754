import ExcelJS from 'exceljs'
import { encodeShiftJis } from '../helpers/shift-jis.ts'

// Spreadsheets of records as the program office saves them: CSV from Excel (CRLF, quoted where needed) in
// UTF-8 with or without a BOM or in Shift_JIS, and XLSX workbooks written with ExcelJS.

export type Cell = string | number | Date | null

const quoted = (cell: Cell) => {
  const text = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvText = (rows: readonly Cell[][]) =>
  `${rows.map((row) => row.map(quoted).join(',')).join('\r\n')}\r\n`

export const utf8Bom = (rows: readonly Cell[][]) => Buffer.from(`\uFEFF${csvText(rows)}`, 'utf8')
export const utf8 = (rows: readonly Cell[][]) => Buffer.from(csvText(rows), 'utf8')
export const shiftJis = (rows: readonly Cell[][]) => encodeShiftJis(csvText(rows))

/** A workbook whose first sheet is `rows`, after a title row and a blank one as office sheets have. */
export async function xlsx(rows: readonly Cell[][], title = '取込用一覧'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('一覧')
  sheet.addRow([title])
  sheet.addRow([])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export const CSV = 'text/csv'
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
