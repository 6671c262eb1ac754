// Which parser reads a metabolome result file: the request may say (`format`, `encoding`), else the file's
// first bytes do. Pure: no database, no HTTP; the caller hands in the first bytes and a way to read them all.

import { decodeText, sniffEncoding } from './encoding.ts'
import type { FileLayout, MetaboliteFormat, TextEncoding } from './formats.ts'
import { parseLabDelimited } from './lab-csv.ts'
import { parseLabXlsx } from './lab-xlsx.ts'
import { parseMaf } from './maf.ts'
import { parseMwtabJson, parseMwtabText } from './mwtab.ts'
import { ImportFileError, type ParsedItem, type ParseOptions } from './normalize.ts'
import { sniffDelimiter } from './table.ts'

export type { FileLayout, MetaboliteFormat, TextEncoding } from './formats.ts'
export type { ParsedItem, ParsedResult, RowError } from './normalize.ts'
export { ImportFileError } from './normalize.ts'

export interface ReadOptions extends ParseOptions {
  format?: MetaboliteFormat | undefined
  /** The text encoding the request states (a parameter or the Content-Type's charset). */
  encoding?: TextEncoding | undefined
}

export interface OpenedFile {
  format: MetaboliteFormat
  layout: FileLayout
  /** null for XLSX and JSON, which say their own encoding. */
  encoding: TextEncoding | null
  /** The file gives each metabolite in two parts, to be joined by name (mwTab: values and annotation). */
  joinsParts: boolean
  items: AsyncGenerator<ParsedItem>
}

/** How many first bytes `readMetaboliteFile` wants to see. */
export const HEAD_BYTES = 64 * 1024

/** An XLSX workbook (a ZIP archive) rather than text. */
export const isZip = (head: Buffer) =>
  head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04

/**
 * A parser for the file whose first bytes are `head`; `open` reads the whole file from its start (it is
 * called once). Throws ImportFileError when the file is none of the formats, or not the one requested.
 */
export function readMetaboliteFile(
  head: Buffer,
  open: () => AsyncIterable<Buffer>,
  options: ReadOptions = {},
): OpenedFile {
  const { format, encoding: stated, ...parse } = options
  if (head.length === 0) throw new ImportFileError('The file is empty')

  if (isZip(head)) {
    if (format !== undefined && format !== 'lab')
      throw new ImportFileError(`The file is an XLSX workbook; ${format} files are text`)
    return {
      format: 'lab',
      layout: 'xlsx',
      encoding: null,
      joinsParts: false,
      items: parseLabXlsx(open(), parse),
    }
  }

  const encoding = stated ?? sniffEncoding(head)
  if (encoding === undefined)
    throw new ImportFileError('The file is neither UTF-8 nor Shift_JIS text, nor an XLSX workbook')
  const start = new TextDecoder(encoding).decode(head, { stream: true }).replace(/^\uFEFF/, '')
  const text = () => decodeText(open(), encoding)

  const json = /^\s*[{[]/.test(start)
  const mwtab =
    /^#METABOLOMICS WORKBENCH/.test(start) || /^((MS|NMR)_METABOLITE_DATA|METABOLITES)_START\s*$/m.test(start)
  const firstLine = start.split(/\r\n|\n|\r/, 1)[0]?.toLowerCase() ?? ''
  const maf = firstLine.includes('database_identifier') && firstLine.includes('metabolite_identification')
  const detected: MetaboliteFormat = json || mwtab ? 'mwtab' : maf ? 'maf' : 'lab'
  const chosen = format ?? detected

  if (chosen === 'mwtab') {
    if (json) {
      if (encoding !== 'utf-8') throw new ImportFileError('A JSON file must be UTF-8')
      const items = parseMwtabJson(text(), parse)
      return { format: 'mwtab', layout: 'mwtab-json', encoding: null, joinsParts: true, items }
    }
    const items = parseMwtabText(text(), parse)
    return { format: 'mwtab', layout: 'mwtab-text', encoding, joinsParts: true, items }
  }
  if (json) throw new ImportFileError(`The file is JSON, which only mwTab files are; not ${chosen}`)
  if (chosen === 'maf')
    return { format: 'maf', layout: 'tsv', encoding, joinsParts: false, items: parseMaf(text(), parse) }
  const delimiter = sniffDelimiter(start)
  return {
    format: 'lab',
    layout: delimiter === '\t' ? 'tsv' : 'csv',
    encoding,
    joinsParts: false,
    items: parseLabDelimited(text(), delimiter, parse),
  }
}
