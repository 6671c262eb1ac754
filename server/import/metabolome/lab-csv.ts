import { labResults, NO_HEADER } from './lab-table.ts'
import { ImportFileError, type ParsedItem, type ParseOptions } from './normalize.ts'
import { type Delimiter, delimitedRows } from './table.ts'

/**
 * A lab's delivery table as CSV or TSV text, streamed row by row. A file without a recognizable header in its
 * first rows is refused as a whole.
 */
export async function* parseLabDelimited(
  text: AsyncIterable<string>,
  delimiter: Delimiter,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  let sawRow = false
  const rows = (async function* () {
    for await (const row of delimitedRows(text, delimiter)) {
      sawRow = true
      yield row
    }
  })()
  const found = yield* labResults(rows, options)
  if (!found) throw new ImportFileError(sawRow ? NO_HEADER : 'The file is empty')
}
