import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { labResults, NO_HEADER } from './lab-table.ts'
import { ImportFileError, type ParsedItem, type ParseOptions } from './normalize.ts'
import type { TableItem } from './table.ts'

/** A cell's value as the text a person sees (formulas give their result, rich text its characters). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>
    if (Array.isArray(cell.richText))
      return cell.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('')
    if ('result' in cell) return cellText(cell.result)
    if ('formula' in cell || 'sharedFormula' in cell) return ''
    if ('text' in cell) return cellText(cell.text)
    if ('error' in cell) return String(cell.error)
  }
  return String(value)
}

/** A worksheet's rows as cells of text, each with its row number. */
export async function* worksheetRows(worksheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<TableItem> {
  for await (const row of worksheet) {
    const values = row.values as unknown[]
    const cells: string[] = []
    // ExcelJS numbers columns from 1; the gaps are empty cells.
    for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]).trim())
    yield { kind: 'cells', line: row.number, cells }
  }
}

/**
 * A lab's delivery workbook, streamed: the first worksheet with a recognizable header is read (title
 * sheets before it are passed over); the row numbers are the sheet's own.
 */
export async function* parseLabXlsx(
  input: AsyncIterable<Buffer | string>,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  })
  let found = false
  try {
    for await (const worksheet of reader) {
      const rows = worksheetRows(worksheet)
      if (!found) found = yield* labResults(rows[Symbol.asyncIterator](), options)
      // The rest of the workbook still has to be read through for the stream to end.
      for await (const _ of rows) {
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError(`The file cannot be read as an XLSX workbook: ${(error as Error).message}`)
  }
  if (!found) throw new ImportFileError(NO_HEADER)
}
