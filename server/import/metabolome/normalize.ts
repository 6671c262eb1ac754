// The shared half of every metabolome result parser: a row's cells, as a format's parser found them, become
// one normalized result or the reason it cannot be read. Identifier rules live in the domain
// (server/domain/metabolite-identifiers.ts); what is here is how delivered tables write numbers and gaps.

import type { GroupValues, MetaboliteExtra } from '../../../db/tables/findings.ts'
import {
  classifyIdentifier,
  type Direction,
  IDENTIFIER_FIELDS,
  type IdentifierField,
  readIdentifierCell,
  splitIdentifiers,
} from '../../domain/metabolite-identifiers.ts'

export interface RowError {
  kind: 'error'
  line: number
  reason: string
}

export interface ParsedResult {
  kind: 'row'
  /** Where the row is in the file: its line (text), its row number (spreadsheet). */
  line: number
  /**
   * Half of a metabolite that the file describes in two places (mwTab: the values in the data block, the
   * identifiers in METABOLITES), joined by name; undefined for a row that is the whole result.
   */
  part?: ResultPart
  /** null when the file names the metabolite only by identifiers. */
  name: string | null
  /** The file gives neither name nor identifier: `name` was made from the peak's m/z and time. */
  unidentified: boolean
  hmdbId: string | null
  keggId: string | null
  chebiId: string | null
  pubchemCid: number | null
  inchikey: string | null
  direction: Direction | null
  foldChange: number | null
  pValue: number | null
  mz: number | null
  migrationTime: number | null
  retentionTime: number | null
  groupValues: GroupValues | null
  /** The row as delivered, header → cell (empty cells left out). */
  original: Record<string, string>
  extra: MetaboliteExtra | null
}

export type ParsedItem = ParsedResult | RowError

export type ResultPart = 'values' | 'annotation'

/** Which groups of the file to compare: fold change = mean of `case` / mean of `control`. */
export interface Comparison {
  case: string
  control: string
}

export interface ParseOptions {
  comparison?: Comparison | undefined
}

/** A file that cannot be read at all (no header, a group the request names is missing, broken XLSX). */
export class ImportFileError extends Error {}

/** What a cell can stand for in any format. */
export type Field =
  | 'name'
  | IdentifierField
  /** Any kind of identifier, told apart by its form (MetaboLights' `database_identifier`). */
  | 'anyId'
  | 'mz'
  | 'migrationTime'
  | 'retentionTime'
  | 'ratio'
  | 'pValue'

export type RatioScale = 'linear' | 'log2' | 'log10'

/** One row as a format's parser found it; `toResult` does the rest. */
export interface RawResult {
  line: number
  cells: Partial<Record<Field, string>>
  /** The header each field came from, to name it in a reason. */
  headers: Partial<Record<Field, string>>
  ratioScale?: RatioScale
  /** Group or sample columns: raw cells, or values a parser already computed. */
  groupValues?: Record<string, string | number | null>
  /** Which of `groupValues` make the case and the control (their mean, or the replicates to average). */
  plan?: GroupPlan | undefined
  /** Means a parser computed itself (mwTab: samples grouped by their factors). */
  means?: { case: number | null; control: number | null }
  original: Record<string, string>
  unknown: Record<string, string>
  part?: ResultPart
}

export interface GroupSide {
  /** A column that already holds the group's mean (`加熱_平均`, `Heated_mean`). */
  mean?: string
  /** Replicate columns, averaged when there is no mean column. */
  replicates: string[]
}
export interface GroupPlan {
  case: GroupSide
  control: GroupSide
}

// Cells

const NFKC = (text: string) => text.normalize('NFKC').trim()

/** Not detected: the metabolite was looked for and is below the detection limit. */
const NOT_DETECTED = new Set([
  'n.d.',
  'n.d',
  'nd',
  'not detected',
  'below lod',
  '<lod',
  'lod',
  'bdl',
  'tr',
  'tr.',
  '不検出',
  '検出せず',
  '検出限界以下',
])
/** No value at all. */
const MISSING = new Set([
  '',
  '-',
  '--',
  '—',
  '―',
  'n.a.',
  'na',
  'n/a',
  'nan',
  'null',
  'none',
  '#n/a',
  '#div/0!',
])
/** Not significant, where a p-value would be. */
const NOT_SIGNIFICANT = new Set(['n.s.', 'ns', 'n.s'])

export type NumberCell = { ok: true; value: number | null } | { ok: false; problem: string }

/** A number as spreadsheets write it: full-width digits, `1,234.5`, `1.2E-05`; N.D. and blanks are null. */
export function readNumber(cell: string | undefined): NumberCell {
  if (cell === undefined) return { ok: true, value: null }
  const text = NFKC(cell)
  const lower = text.toLowerCase()
  if (MISSING.has(lower) || NOT_DETECTED.has(lower)) return { ok: true, value: null }
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replaceAll(',', '') : text
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(plain))
    return { ok: false, problem: `${cell} is not a number` }
  const value = Number(plain)
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, problem: `${cell} is not a finite number` }
}

type Ratio = { foldChange: number | null; direction: Direction | null }

export function directionOf(foldChange: number): Direction {
  return foldChange > 1 ? 'up' : foldChange < 1 ? 'down' : 'unchanged'
}

/** A ratio cell: a positive number; 0 (case not detected) is down and ∞ up, without a fold change. */
export function readRatio(cell: string, scale: RatioScale = 'linear'): Ratio | { problem: string } {
  const text = NFKC(cell).toLowerCase()
  if (['inf', 'infinity', '∞', '+inf'].includes(text)) return { foldChange: null, direction: 'up' }
  const number = readNumber(cell)
  if (!number.ok) return { problem: number.problem }
  if (number.value === null) return { foldChange: null, direction: null }
  const value = scale === 'log2' ? 2 ** number.value : scale === 'log10' ? 10 ** number.value : number.value
  if (scale === 'linear' && value === 0) return { foldChange: null, direction: 'down' }
  if (!(value > 0) || !Number.isFinite(value)) return { problem: `${cell} is not a positive ratio` }
  return { foldChange: value, direction: directionOf(value) }
}

/**
 * case / control. Detected in one group only: up or down without a fold change. Negative means (log or
 * auto-scaled data) make no ratio: a problem.
 */
export function ratioOfMeans(
  caseMean: number | null,
  controlMean: number | null,
): Ratio | { problem: string } {
  if ((caseMean !== null && caseMean < 0) || (controlMean !== null && controlMean < 0)) {
    return { problem: 'a group mean is negative (log-scaled data?): no fold change can be computed' }
  }
  const detected = (mean: number | null) => mean !== null && mean > 0
  if (!detected(caseMean) && !detected(controlMean)) return { foldChange: null, direction: null }
  if (!detected(controlMean)) return { foldChange: null, direction: 'up' }
  if (!detected(caseMean)) return { foldChange: null, direction: 'down' }
  const value = (caseMean as number) / (controlMean as number)
  return { foldChange: value, direction: directionOf(value) }
}

/** The arithmetic mean of the detected values; null when none is. */
export function meanOf(values: readonly (number | null | undefined)[]): number | null {
  let sum = 0
  let count = 0
  for (const value of values) {
    if (value === null || value === undefined) continue
    sum += value
    count++
  }
  return count === 0 ? null : sum / count
}

function readPValue(cell: string): { value: number | null } | { problem: string } {
  const text = NFKC(cell)
  if (NOT_SIGNIFICANT.has(text.toLowerCase())) return { value: null }
  // `<0.001`: the bound is kept as the value; the file's own text stays in the original row.
  const number = readNumber(text.replace(/^[<≦≤]\s*/, ''))
  if (!number.ok) return { problem: number.problem }
  if (number.value !== null && !(number.value >= 0 && number.value <= 1))
    return { problem: `${cell} is not between 0 and 1` }
  return { value: number.value }
}

const NAMELESS = new Set(['', '-', '--', 'unknown', 'n.d.', 'nd', 'n/a', 'na', '不明', '未同定'])
const MAX_NAME = 500

/** `Unknown (m/z 146.0461, MT 9.87)`: what an unnamed, unidentified peak is called. */
export function unidentifiedName(
  mz: number | null,
  migrationTime: number | null,
  retentionTime: number | null,
) {
  const parts = [
    mz === null ? undefined : `m/z ${mz}`,
    migrationTime === null ? undefined : `MT ${migrationTime}`,
    retentionTime === null ? undefined : `RT ${retentionTime}`,
  ].filter(Boolean)
  return `Unknown (${parts.join(', ')})`
}

/** Group or sample columns: numbers, null where not detected; problems named by their column. */
export function readGroupValues(
  cells: Record<string, string | number | null> | undefined,
  problems: string[],
): GroupValues | null {
  if (!cells) return null
  const values: GroupValues = {}
  let any = false
  for (const [header, cell] of Object.entries(cells)) {
    any = true
    if (typeof cell === 'number' || cell === null) {
      values[header] = cell
      continue
    }
    const number = readNumber(cell)
    if (number.ok) values[header] = number.value
    else problems.push(`${header}: ${number.problem}`)
  }
  return any ? values : null
}

function sideMean(side: GroupSide, values: GroupValues): number | null {
  if (side.mean !== undefined) return values[side.mean] ?? null
  return meanOf(side.replicates.map((header) => values[header]))
}

/** A parser's raw row, normalized and checked: the result, or every reason it cannot be read. */
export function toResult(raw: RawResult): ParsedItem {
  const problems: string[] = []
  const label = (field: Field, fallback: string) => raw.headers[field] ?? fallback
  const extraIds: NonNullable<MetaboliteExtra['identifiers']> = {}

  const ids: Record<IdentifierField, string | number | null> = {
    hmdbId: null,
    keggId: null,
    chebiId: null,
    pubchemCid: null,
    inchikey: null,
  }
  const addOther = (field: IdentifierField | 'other', value: string | number) => {
    const list = extraIds[field] ?? []
    if (!list.includes(value)) list.push(value)
    extraIds[field] = list
  }
  for (const field of IDENTIFIER_FIELDS) {
    const cell = raw.cells[field]
    if (cell === undefined) continue
    const read = readIdentifierCell(field, cell)
    if (!read.ok) {
      problems.push(`${label(field, field)}: ${read.problem}`)
      continue
    }
    ids[field] = read.first
    for (const other of read.others) addOther(field, other)
  }
  if (raw.cells.anyId !== undefined) {
    for (const token of splitIdentifiers(raw.cells.anyId)) {
      const kind = classifyIdentifier(token)
      if (kind === undefined) addOther('other', token)
      else if ('problem' in kind) problems.push(`${label('anyId', 'identifier')}: ${kind.problem}`)
      else if (ids[kind.field] === null) ids[kind.field] = kind.value
      else if (ids[kind.field] !== kind.value) addOther(kind.field, kind.value)
    }
  }

  const position = (field: 'mz' | 'migrationTime' | 'retentionTime', positive: boolean) => {
    const number = readNumber(raw.cells[field])
    if (!number.ok) {
      problems.push(`${label(field, field)}: ${number.problem}`)
      return null
    }
    if (number.value !== null && (positive ? !(number.value > 0) : number.value < 0)) {
      problems.push(`${label(field, field)}: ${raw.cells[field]} is not ${positive ? 'positive' : 'a time'}`)
      return null
    }
    return number.value
  }
  const mz = position('mz', true)
  const migrationTime = position('migrationTime', false)
  const retentionTime = position('retentionTime', false)

  const groupValues = readGroupValues(raw.groupValues, problems)

  let ratio: Ratio = { foldChange: null, direction: null }
  const means = raw.plan
    ? groupValues && {
        case: sideMean(raw.plan.case, groupValues),
        control: sideMean(raw.plan.control, groupValues),
      }
    : raw.means
  const computed = means
    ? ratioOfMeans(means.case, means.control)
    : raw.cells.ratio === undefined
      ? ratio
      : readRatio(raw.cells.ratio, raw.ratioScale)
  if ('problem' in computed)
    problems.push(`${means ? 'fold change' : label('ratio', 'ratio')}: ${computed.problem}`)
  else ratio = computed

  let pValue: number | null = null
  if (raw.cells.pValue !== undefined) {
    const read = readPValue(raw.cells.pValue)
    if ('problem' in read) problems.push(`${label('pValue', 'p-value')}: ${read.problem}`)
    else pValue = read.value
  }

  let name: string | null = raw.cells.name?.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') ?? null
  if (name !== null && NAMELESS.has(name.normalize('NFKC').toLowerCase())) name = null
  if (name !== null && name.length > MAX_NAME)
    problems.push(`${label('name', 'name')}: is longer than ${MAX_NAME} characters`)

  if (problems.length > 0) return { kind: 'error', line: raw.line, reason: problems.join('; ') }

  const identified = name !== null || IDENTIFIER_FIELDS.some((field) => ids[field] !== null)
  if (!identified && mz === null && migrationTime === null && retentionTime === null) {
    return {
      kind: 'error',
      line: raw.line,
      reason: 'no name, identifier, m/z or time: nothing tells which metabolite this row is',
    }
  }
  const unknown = Object.keys(raw.unknown).length > 0 ? raw.unknown : undefined
  const identifiers = Object.keys(extraIds).length > 0 ? extraIds : undefined
  return {
    kind: 'row',
    line: raw.line,
    ...(raw.part && { part: raw.part }),
    name: identified ? name : unidentifiedName(mz, migrationTime, retentionTime),
    unidentified: !identified,
    hmdbId: ids.hmdbId as string | null,
    keggId: ids.keggId as string | null,
    chebiId: ids.chebiId as string | null,
    pubchemCid: ids.pubchemCid as number | null,
    inchikey: ids.inchikey as string | null,
    direction: ratio.direction,
    foldChange: ratio.foldChange,
    pValue,
    mz,
    migrationTime,
    retentionTime,
    groupValues,
    original: raw.original,
    extra:
      unknown || identifiers
        ? { ...(unknown && { columns: unknown }), ...(identifiers && { identifiers }) }
        : null,
  }
}

// Headers

/** A header reduced for matching: NFKC, lower case, units in brackets and punctuation dropped. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【].*?[)\]】]/g, '')
    .replace(/[\s_\-.:/'’]/g, '')
}

/** A group label as the request and the file may write it: NFKC, trimmed, any case. */
export const groupKey = (label: string) => label.normalize('NFKC').trim().toLowerCase()

/** Header names made unique (`p-value`, `p-value (2)`), so the original row keeps every column. */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return headers.map((raw, index) => {
    const header = raw.trim() || `column ${index + 1}`
    const count = (seen.get(header) ?? 0) + 1
    seen.set(header, count)
    return count === 1 ? header : `${header} (${count})`
  })
}

/** The row as delivered: header → cell, empty cells left out. */
export function originalRow(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {}
  cells.forEach((cell, index) => {
    if (cell === '') return
    row[headers[index] ?? `column ${index + 1}`] = cell
  })
  return row
}
