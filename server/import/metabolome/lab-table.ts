// A lab's delivery table (CE-TOFMS / LC-MS reports as labs send them, in CSV or XLSX): a few title rows,
// then a header in Japanese or English, then one row per peak with the compound, its identifiers, m/z,
// MT or RT, values per sample and group, and the comparison's ratio and p-value.

import {
  type Comparison,
  type Field,
  type GroupPlan,
  groupKey,
  headerKey,
  ImportFileError,
  originalRow,
  type ParsedItem,
  type ParseOptions,
  type RatioScale,
  type RawResult,
  toResult,
  uniqueHeaders,
} from './normalize.ts'
import { isBlankOrNote, type TableItem, type TableRow } from './table.ts'

/** Headers as labs write them, reduced by headerKey. */
const ALIASES: Record<string, Field> = Object.fromEntries(
  (
    [
      ['name', ['化合物名', '代謝物名', '物質名', '成分名', 'compound', 'compoundname', 'compounds']],
      ['name', ['metabolite', 'metabolitename', 'metabolites', 'name', 'annotation', 'identification']],
      ['hmdbId', ['hmdb', 'hmdbid', 'hmdbno', 'hmdbaccession']],
      ['keggId', ['kegg', 'keggid', 'keggno', 'keggcompound', 'keggcompoundid', 'keggcid']],
      ['chebiId', ['chebi', 'chebiid']],
      ['pubchemCid', ['pubchem', 'pubchemcid', 'pubchemid', 'cid', 'pubchemcompoundid']],
      ['inchikey', ['inchikey', 'standardinchikey']],
      ['mz', ['mz', 'moverz', 'masstocharge', 'measuredmz', 'observedmz']],
      ['migrationTime', ['mt', '泳動時間', 'migrationtime']],
      ['retentionTime', ['rt', '保持時間', 'retentiontime']],
      ['ratio', ['比', '比率', '倍率', 'ratio', 'foldchange', 'fc']],
      ['pValue', ['p値', 'p', 'pvalue', 'pval']],
    ] as const
  ).flatMap(([field, keys]) => keys.map((key) => [key, field])),
)

function fieldOf(header: string): { field: Field; scale?: RatioScale } | undefined {
  const key = headerKey(header)
  // `log2FC`, `Fold change (log2)`, `log10 ratio`: a ratio given as its logarithm.
  const log = /log\s*_?\(?\s*(2|10)(?!\d)/i.exec(header.normalize('NFKC'))?.[1]
  if (log && /fc|fold|ratio|比/i.test(header))
    return { field: 'ratio', scale: log === '2' ? 'log2' : 'log10' }
  if (key.includes('log')) return undefined
  const alias = ALIASES[key]
  if (alias) return { field: alias }
  if (/(pvalue|p値)$/.test(key)) return { field: 'pValue' }
  if (/(ratio|比|foldchange)$/.test(key)) return { field: 'ratio' }
  return undefined
}

type GroupStat = 'replicate' | 'mean' | 'sd' | 'se' | 'cv'
interface GroupColumn {
  group: string
  kind: GroupStat
}

const STATS: [RegExp, GroupStat][] = [
  [/^(mean|average|ave|avg|平均|平均値)$/i, 'mean'],
  [/^(sd|s\.d\.|stdev|std|標準偏差)$/i, 'sd'],
  [/^(se|sem|s\.e\.|s\.e\.m\.|標準誤差)$/i, 'se'],
  [/^(cv|rsd|%rsd|cv%)$/i, 'cv'],
]
const statOf = (word: string) => STATS.find(([pattern]) => pattern.test(word))?.[1]

/** `Heated_1`, `加熱_平均`, `Raw mean`, `Heated (SD)`, `Mean_Heated`: a group's replicate or statistic. */
export function groupColumnOf(header: string): GroupColumn | undefined {
  const text = header
    .normalize('NFKC')
    .trim()
    .replace(/\s*\(\s*([^()]+?)\s*\)$/, '_$1')
  const suffixed = /^(.*?\S)[\s_-]+([^\s_-]+)$/.exec(text)
  if (suffixed) {
    const [, group = '', suffix = ''] = suffixed
    if (/^\d+$/.test(suffix)) return { group, kind: 'replicate' }
    const stat = statOf(suffix)
    if (stat) return { group, kind: stat }
  }
  const prefixed = /^([^\s_-]+)[\s_-]+(.*\S)$/.exec(text)
  const stat = prefixed && statOf(prefixed[1] ?? '')
  if (prefixed && stat) return { group: prefixed[2] ?? '', kind: stat }
  return undefined
}

export interface LabColumns {
  headers: string[]
  fields: Map<number, Field>
  groups: Map<number, GroupColumn>
  unknown: number[]
  ratioScale: RatioScale
}

/** A header row's columns, or undefined when the row is not a header (no name or identifier column). */
export function labColumnsOf(cells: readonly string[]): LabColumns | undefined {
  const headers = uniqueHeaders(cells)
  const fields = new Map<number, Field>()
  const groups = new Map<number, GroupColumn>()
  const unknown: number[] = []
  const taken = new Set<Field>()
  let ratioScale: RatioScale = 'linear'
  cells.forEach((cell, index) => {
    if (cell.trim() === '') return
    const found = fieldOf(cell)
    if (found && !taken.has(found.field)) {
      fields.set(index, found.field)
      taken.add(found.field)
      if (found.scale) ratioScale = found.scale
      return
    }
    const group = found ? undefined : groupColumnOf(cell)
    if (group) groups.set(index, group)
    else unknown.push(index)
  })
  const identifying = ['name', 'hmdbId', 'keggId', 'chebiId', 'pubchemCid', 'inchikey'] as const
  if (!identifying.some((field) => taken.has(field)) || fields.size + groups.size < 2) return undefined

  // `Heated/Raw`, `Heated vs Raw`: a ratio column named after two of the file's groups.
  if (!taken.has('ratio')) {
    const labels = new Set([...groups.values()].map((g) => groupKey(g.group)))
    const index = unknown.find((i) => {
      const parts = /^(.+?)\s*(?:\/|vs\.?|対)\s*(.+?)$/i.exec((cells[i] ?? '').normalize('NFKC').trim())
      return parts && labels.has(groupKey(parts[1] ?? '')) && labels.has(groupKey(parts[2] ?? ''))
    })
    if (index !== undefined) {
      fields.set(index, 'ratio')
      unknown.splice(unknown.indexOf(index), 1)
    }
  }
  return { headers, fields, groups, unknown, ratioScale }
}

/** The columns of the request's case and control groups; a group the file lacks stops the import. */
export function groupPlan(
  columns: { headers: string[]; groups: Map<number, GroupColumn> },
  comparison: Comparison,
): GroupPlan {
  if (groupKey(comparison.case) === groupKey(comparison.control))
    throw new ImportFileError('The case and control groups must differ')
  const side = (label: string) => {
    const mine = [...columns.groups].filter(([, g]) => groupKey(g.group) === groupKey(label))
    const mean = mine.find(([, g]) => g.kind === 'mean')?.[0]
    const replicates = mine.filter(([, g]) => g.kind === 'replicate').map(([i]) => columns.headers[i] ?? '')
    if (mean === undefined && replicates.length === 0) {
      const all = [...new Set([...columns.groups.values()].map((g) => g.group))]
      throw new ImportFileError(
        `The file has no column of group "${label}" (its groups: ${all.length > 0 ? all.join(', ') : 'none'})`,
      )
    }
    return mean === undefined ? { replicates } : { mean: columns.headers[mean] ?? '', replicates }
  }
  return { case: side(comparison.case), control: side(comparison.control) }
}

export function labRawResult(row: TableRow, columns: LabColumns, plan: GroupPlan | undefined): RawResult {
  const { headers } = columns
  const cells: RawResult['cells'] = {}
  const fieldHeaders: RawResult['headers'] = {}
  for (const [index, field] of columns.fields) {
    const cell = row.cells[index]
    fieldHeaders[field] = headers[index]
    if (cell !== undefined && cell.trim() !== '') cells[field] = cell
  }
  const groupValues: Record<string, string> = {}
  for (const index of columns.groups.keys()) {
    const cell = row.cells[index]
    if (cell !== undefined && cell.trim() !== '') groupValues[headers[index] ?? ''] = cell
  }
  const unknown: Record<string, string> = {}
  for (const index of columns.unknown) {
    const cell = row.cells[index]
    if (cell !== undefined && cell.trim() !== '') unknown[headers[index] ?? ''] = cell
  }
  // Cells beyond the header's last column are kept too.
  for (let index = headers.length; index < row.cells.length; index++) {
    const cell = row.cells[index]
    if (cell !== undefined && cell.trim() !== '') unknown[`column ${index + 1}`] = cell
  }
  return {
    line: row.line,
    cells,
    headers: fieldHeaders,
    ratioScale: columns.ratioScale,
    groupValues: columns.groups.size > 0 ? groupValues : undefined,
    plan,
    original: originalRow(headers, row.cells),
    unknown,
  }
}

export const HEADER_SEARCH_ROWS = 30

export const NO_HEADER =
  'No header row found in the first rows: expected columns such as 化合物名 / Compound name, HMDB ID, ' +
  'KEGG ID, m/z, MT / 泳動時間 or RT / 保持時間, 比 / Ratio, p値 / p-value'

/**
 * The results of one table: title rows before the header skipped, blank rows and notes after it too.
 * Returns false, having read only the first rows, when the table has no header.
 */
export async function* labResults(
  rows: AsyncIterator<TableItem>,
  options: ParseOptions,
): AsyncGenerator<ParsedItem, boolean> {
  let columns: LabColumns | undefined
  for (let searched = 0; columns === undefined && searched < HEADER_SEARCH_ROWS; ) {
    const next = await rows.next()
    if (next.done) return false
    if (next.value.kind === 'error') {
      yield next.value
      continue
    }
    if (isBlankOrNote(next.value.cells)) continue
    searched++
    columns = labColumnsOf(next.value.cells)
  }
  if (columns === undefined) return false
  const plan = options.comparison ? groupPlan(columns, options.comparison) : undefined
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value
    if (row.kind === 'error') yield row
    else if (!isBlankOrNote(row.cells)) yield toResult(labRawResult(row, columns, plan))
  }
  return true
}
