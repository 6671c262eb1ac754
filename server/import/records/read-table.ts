import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { decodeText, sniffEncoding } from '../metabolome/encoding.ts'
import type { TextEncoding } from '../metabolome/formats.ts'
import { isZip } from '../metabolome/index.ts'
import { worksheetRows } from '../metabolome/lab-xlsx.ts'
import { ImportFileError } from '../metabolome/normalize.ts'
import {
  delimitedRows,
  isBlankOrNote,
  sniffDelimiter,
  type TableItem,
  type TableRow,
} from '../metabolome/table.ts'

// A spreadsheet of records as rows of text cells: CSV or TSV in UTF-8 (with or without BOM) or Shift_JIS, or
// the first worksheet of an XLSX workbook that has anything in it. Blank rows and notes (`※ …`) are left out.
// The readers are the metabolite import's (server/import/metabolome); a file of records is small enough to be
// held as rows, which the dry-run report lists one by one anyway.

export type TableLayout = 'csv' | 'tsv' | 'xlsx'

export interface RecordTable {
  layout: TableLayout
  /** null for XLSX, which says its own encoding. */
  encoding: TextEncoding | null
  rows: TableRow[]
}

/** The most rows an import reads: a program's records, not a data dump. */
export const MAX_TABLE_ROWS = 20_000

async function collect(rows: AsyncIterable<TableItem>): Promise<TableRow[]> {
  const kept: TableRow[] = []
  for await (const row of rows) {
    if (row.kind !== 'cells') continue
    const cells = row.cells.map((cell) => cell.trim())
    if (isBlankOrNote(cells)) continue
    if (kept.length === MAX_TABLE_ROWS)
      throw new ImportFileError(
        `The file has more than ${MAX_TABLE_ROWS.toLocaleString('en')} rows; split it`,
      )
    kept.push({ kind: 'cells', line: row.line, cells })
  }
  return kept
}

async function workbookRows(input: AsyncIterable<Buffer>): Promise<TableRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // A date is a number with a date format: the styles tell them apart.
    styles: 'cache',
    entries: 'ignore',
  })
  let rows: TableRow[] = []
  try {
    for await (const worksheet of reader) {
      const read = await collect(worksheetRows(worksheet))
      if (rows.length === 0) rows = read
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError(`The file cannot be read as an XLSX workbook: ${(error as Error).message}`)
  }
  return rows
}

/**
 * The rows of the file whose first bytes are `head`; `open` reads it all from its start. `stated`: the text
 * encoding the request gives, else it is detected. Throws ImportFileError for a file that cannot be read.
 */
export async function readRecordTable(
  head: Buffer,
  open: () => AsyncIterable<Buffer>,
  stated?: TextEncoding,
): Promise<RecordTable> {
  if (head.length === 0) throw new ImportFileError('The file is empty')
  if (isZip(head)) return { layout: 'xlsx', encoding: null, rows: await workbookRows(open()) }
  const encoding = stated ?? sniffEncoding(head)
  if (encoding === undefined)
    throw new ImportFileError('The file is neither UTF-8 nor Shift_JIS text, nor an XLSX workbook')
  const start = new TextDecoder(encoding).decode(head, { stream: true })
  const delimiter = sniffDelimiter(start)
  const rows = await collect(delimitedRows(decodeText(open(), encoding), delimiter))
  return { layout: delimiter === '\t' ? 'tsv' : 'csv', encoding, rows }
}
