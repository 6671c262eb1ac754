// A MetaboLights metabolite assignment file (`m_*_maf.tsv`): tab-separated, usually every cell quoted; the
// standard columns first, then one column of abundances per sample (named as in the study's assay).

import { groupColumnOf, groupPlan } from './lab-table.ts'
import {
  type Field,
  ImportFileError,
  originalRow,
  type ParsedItem,
  type ParseOptions,
  type RawResult,
  toResult,
  uniqueHeaders,
} from './normalize.ts'
import { delimitedRows } from './table.ts'

const FIELDS: Record<string, Field> = {
  database_identifier: 'anyId',
  metabolite_identification: 'name',
  mass_to_charge: 'mz',
  retention_time: 'retentionTime',
}

/** The standard columns of MS and NMR assignment files: every other column is a sample. */
const STANDARD = new Set([
  ...Object.keys(FIELDS),
  'chemical_formula',
  'smiles',
  'inchi',
  'fragmentation',
  'modifications',
  'charge',
  'retention_index',
  'chemical_shift',
  'multiplicity',
  'taxid',
  'species',
  'database',
  'database_version',
  'reliability',
  'uri',
  'search_engine',
  'search_engine_score',
  'smallmolecule_abundance_sub',
  'smallmolecule_abundance_stdev_sub',
  'smallmolecule_abundance_std_error_sub',
])
const LAST_STANDARD = 'smallmolecule_abundance_std_error_sub'

/**
 * Rows of a MAF, streamed. Sample columns become the group values (a sample `Heated_1` belongs to group
 * `Heated`, any other sample is a group of its own), so a comparison of two groups gives the fold change.
 */
export async function* parseMaf(
  text: AsyncIterable<string>,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  const rows = delimitedRows(text, '\t')
  let header: string[] | undefined
  while (header === undefined) {
    const next = await rows.next()
    if (next.done) throw new ImportFileError('The file is empty')
    if (next.value.cells.some((cell) => cell.trim() !== ''))
      header = next.value.cells.map((cell) => cell.trim())
  }
  const keys = header.map((cell) => cell.toLowerCase())
  if (!keys.includes('database_identifier') || !keys.includes('metabolite_identification')) {
    throw new ImportFileError(
      'Not a MetaboLights assignment file: its header lacks database_identifier and metabolite_identification',
    )
  }
  const headers = uniqueHeaders(header)
  const lastStandard = keys.indexOf(LAST_STANDARD)
  const isSample = (index: number) =>
    lastStandard >= 0 ? index > lastStandard : !STANDARD.has(keys[index] ?? '')
  const samples = headers.map((_, index) => index).filter(isSample)
  const groups = new Map(
    samples.map((index) => {
      const sample = headers[index] ?? ''
      const group = groupColumnOf(sample)
      return [index, group?.kind === 'replicate' ? group : { group: sample, kind: 'replicate' as const }]
    }),
  )
  const plan = options.comparison ? groupPlan({ headers, groups }, options.comparison) : undefined
  const fieldHeaders: RawResult['headers'] = {}
  keys.forEach((key, index) => {
    const field = FIELDS[key]
    if (field) fieldHeaders[field] = headers[index]
  })

  for await (const row of rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue
    const cells: RawResult['cells'] = {}
    const groupValues: Record<string, string> = {}
    const unknown: Record<string, string> = {}
    row.cells.forEach((raw, index) => {
      const cell = raw.trim()
      if (cell === '') return
      const field = FIELDS[keys[index] ?? '']
      if (field) cells[field] = cell
      else if (index < headers.length && isSample(index)) groupValues[headers[index] ?? ''] = cell
      else unknown[headers[index] ?? `column ${index + 1}`] = cell
    })
    yield toResult({
      line: row.line,
      cells,
      headers: fieldHeaders,
      groupValues: samples.length > 0 ? groupValues : undefined,
      plan,
      original: originalRow(headers, row.cells),
      unknown,
    })
  }
}
