// Rows of a delimited text or a worksheet, as the parsers of tabular formats read them.

import { pipeline, Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { ImportFileError, type RowError } from './normalize.ts'

/** One row of a table: the line (text) or row number (worksheet) it starts on, and its cells as text. */
export interface TableRow {
  kind: 'cells'
  line: number
  cells: string[]
}
export type TableItem = TableRow | RowError

export type Delimiter = ',' | '\t'

/** Tab-separated when one of the first lines has a tab; else comma-separated. */
export function sniffDelimiter(head: string): Delimiter {
  const lines = head.split(/\r\n|\n|\r/).slice(0, 50)
  return lines.some((line) => line.includes('\t')) ? '\t' : ','
}

const lineBreaks = (cell: string) => {
  let count = 0
  for (const _ of cell.matchAll(/\r\n|\r|\n/g)) count++
  return count
}

/**
 * The records of delimited text (any line ending, mixed too), each with the line it starts on. Quotes are
 * read leniently (`"bad"q` is the text `"bad"q`), as spreadsheets write them; what cannot be read at all (a
 * quote never closed, a record beyond 1 MB) stops the import, since the rows after it cannot be told apart.
 */
export async function* delimitedRows(
  input: AsyncIterable<string>,
  delimiter: Delimiter,
): AsyncGenerator<TableRow> {
  const parser = parse({
    bom: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    // Empty lines are records too, so that counting records' line breaks gives every record's line.
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: 1024 * 1024,
  })
  // pipeline, not pipe: a failing upload must end the iteration with its error, not leave it waiting.
  const records = pipeline(Readable.from(input), parser, () => {})
  // csv-parse's own line count takes a CRLF inside a quoted cell for two lines; this one does not.
  let line = 1
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      const start = line
      line += 1
      for (const cell of record) line += lineBreaks(cell)
      if (record.length === 1 && record[0] === '') continue
      yield { kind: 'cells', line: start, cells: record }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const kind = delimiter === '\t' ? 'tab-separated' : 'comma-separated'
      throw new ImportFileError(
        `The file cannot be read as ${kind} text after line ${line - 1}: ${error.message}`,
      )
    }
    throw error
  }
}

/** A row with nothing in it, or a note (`※ N.D.: not detected`, `# comment`) rather than data. */
export function isBlankOrNote(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell.trim() !== '')
  return first === undefined || /^[\s\u3000]*[※#]/.test(first)
}
