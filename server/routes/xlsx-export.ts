import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ExportColumn } from './list-export.ts'

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const DATE = /^\d{4}-\d{2}-\d{2}$/
// Characters a spreadsheet draws two columns wide: CJK, kana, Hangul, full-width forms.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/gu
const MIN_WIDTH = 6
const MAX_WIDTH = 60

type Cell = string | number | boolean | Date | null

/** A cell as its type: numbers stay numbers, dates become dates. Text is never a formula in XLSX. */
function cellOf<T>(column: ExportColumn<T>, item: T): Cell {
  const value = column.value(item) ?? null
  if (column.type === 'date' && typeof value === 'string' && DATE.test(value))
    return new Date(`${value}T00:00:00Z`)
  return value
}

const textWidth = (text: string) => text.length + (text.match(WIDE)?.length ?? 0)

/** Each column as wide as its widest value (within bounds), as a person would set it by hand. */
function widthsOf<T>(items: T[], columns: ExportColumn<T>[]): number[] {
  return columns.map((column) => {
    let widest = textWidth(column.header)
    for (const item of items) {
      const value = column.value(item)
      if (value !== null && value !== undefined) widest = Math.max(widest, textWidth(String(value)))
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2))
  })
}

/**
 * The rows as one worksheet, streamed to `output` row by row (ExcelJS's WorkbookWriter): the header row
 * bold and frozen, numbers and dates as typed cells, the columns sized to their contents.
 */
export async function writeXlsx<T>(
  output: Writable,
  sheetName: string,
  items: T[],
  columns: ExportColumn<T>[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  const widths = widthsOf(items, columns)
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    width: widths[index],
    ...(column.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.commit()
  for (const item of items) sheet.addRow(columns.map((column) => cellOf(column, item))).commit()
  sheet.commit()
  await workbook.commit()
}
