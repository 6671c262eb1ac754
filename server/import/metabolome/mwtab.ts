// A Metabolomics Workbench mwTab file, in its text form or its JSON form. Both describe each metabolite in two
// places: its values per sample in the data block (MS_METABOLITE_DATA or NMR_METABOLITE_DATA) and its
// identifiers, m/z and retention time in METABOLITES, joined by the metabolite's name. Each place is streamed
// as it comes; the two halves are yielded as parts and joined where the rows are stored.

import { type JsonPath, jsonValues } from './json-stream.ts'
import {
  type Comparison,
  type Field,
  type GroupPlan,
  groupKey,
  headerKey,
  ImportFileError,
  type ParsedItem,
  type ParseOptions,
  type RawResult,
  toResult,
  uniqueHeaders,
} from './normalize.ts'

/** Factor name → value, for each sample: `Genotype:Ws | Treatment:Wounded`. */
type Factors = Record<string, string>

export function parseFactors(text: string): Factors {
  const factors: Factors = {}
  for (const pair of text.split('|')) {
    const colon = pair.indexOf(':')
    if (colon === -1) continue
    const name = pair.slice(0, colon).trim()
    if (name !== '') factors[name] = pair.slice(colon + 1).trim()
  }
  return factors
}

/**
 * Whether a sample belongs to a group the request names: each `|`-separated part of the label is a factor
 * value (`Wounded`) or a factor with its value (`Treatment:Wounded`), and the sample has them all.
 */
function inGroup(label: string, factors: Factors): boolean {
  const values = Object.entries(factors)
  return label
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .every((part) =>
      values.some(
        ([name, value]) =>
          groupKey(value) === groupKey(part) ||
          groupKey(`${name}:${value}`) === groupKey(part.replace(/\s*:\s*/, ':')),
      ),
    )
}

/** Which samples make the case and the control, by their factors; a group without samples stops the import. */
export function mwtabPlan(
  comparison: Comparison,
  samples: readonly string[],
  factorsOf: (sample: string) => Factors | undefined,
): GroupPlan {
  if (groupKey(comparison.case) === groupKey(comparison.control))
    throw new ImportFileError('The case and control groups must differ')
  const side = (label: string) => {
    const replicates = samples.filter((sample) => {
      const factors = factorsOf(sample)
      return factors !== undefined && inGroup(label, factors)
    })
    if (replicates.length === 0) {
      const known = new Set(
        samples.flatMap((sample) =>
          Object.entries(factorsOf(sample) ?? {}).map(([name, value]) => `${name}:${value}`),
        ),
      )
      throw new ImportFileError(
        `No sample of the file has the factor "${label}" (its factors: ${known.size > 0 ? [...known].join(', ') : 'none'})`,
      )
    }
    return { replicates }
  }
  const plan = { case: side(comparison.case), control: side(comparison.control) }
  const both = plan.case.replicates.filter((sample) => plan.control.replicates.includes(sample))
  if (both.length > 0)
    throw new ImportFileError(`Samples ${both.join(', ')} belong to both the case and the control group`)
  return plan
}

/** Columns of METABOLITES (reduced by headerKey) that the results have a place for; the rest is kept aside. */
const ANNOTATION_FIELDS: Record<string, Field> = {
  metabolitename: 'name',
  metabolite: 'name',
  pubchemid: 'pubchemCid',
  pubchemcid: 'pubchemCid',
  pubchem: 'pubchemCid',
  keggid: 'keggId',
  kegg: 'keggId',
  hmdbid: 'hmdbId',
  hmdb: 'hmdbId',
  chebiid: 'chebiId',
  chebi: 'chebiId',
  inchikey: 'inchikey',
  moverzquant: 'mz',
  moverz: 'mz',
  mz: 'mz',
  retentiontime: 'retentionTime',
  rt: 'retentionTime',
  migrationtime: 'migrationTime',
  mt: 'migrationTime',
}

function annotationResult(line: number, row: Record<string, string>): ParsedItem {
  const cells: RawResult['cells'] = {}
  const headers: RawResult['headers'] = {}
  const unknown: Record<string, string> = {}
  for (const [header, raw] of Object.entries(row)) {
    const cell = raw.trim()
    if (cell === '') continue
    const field = ANNOTATION_FIELDS[headerKey(header)]
    if (field !== undefined && cells[field] === undefined) {
      cells[field] = cell
      headers[field] = header
    } else unknown[header] = cell
  }
  return toResult({ line, cells, headers, original: withoutEmpty(row), unknown, part: 'annotation' })
}

function valuesResult(
  line: number,
  nameHeader: string,
  name: string,
  values: Record<string, string>,
  plan: GroupPlan | undefined,
): ParsedItem {
  return toResult({
    line,
    cells: name.trim() === '' ? {} : { name },
    headers: { name: nameHeader },
    groupValues: values,
    plan,
    original: withoutEmpty({ [nameHeader]: name, ...values }),
    unknown: {},
    part: 'values',
  })
}

const withoutEmpty = (row: Record<string, string>) =>
  Object.fromEntries(Object.entries(row).filter(([, cell]) => cell !== ''))

// Text

async function* lines(text: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let rest = ''
  let line = 1
  for await (const chunk of text) {
    rest += chunk
    const parts = rest.split(/\r\n|\n|\r(?!$)/)
    rest = parts.pop() ?? ''
    for (const part of parts) yield { line: line++, text: part }
  }
  if (rest !== '') yield { line, text: rest.replace(/\r$/, '') }
}

const DATA_START = /^(MS|NMR)_METABOLITE_DATA_START\s*$/
const DATA_END = /^(MS|NMR)_METABOLITE_DATA_END\s*$/

/** The text form: tab-separated lines, sections opened by `#SECTION`, tables between `X_START` and `X_END`. */
export async function* parseMwtabText(
  text: AsyncIterable<string>,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  const factors = new Map<string, Factors>()
  type State =
    | { in: 'outside' }
    | { in: 'skip'; end: string }
    | { in: 'data'; samples: string[] | undefined; blockFactors: Factors[]; plan?: GroupPlan | undefined }
    | { in: 'metabolites'; header: string[] | undefined }
  let state: State = { in: 'outside' }
  let blocks = 0
  let opened = ''

  for await (const { line, text: content } of lines(text)) {
    if (content.trim() === '') continue
    const cells = content.split('\t')
    const first = (cells[0] ?? '').trim()

    if (state.in === 'outside') {
      if (first === 'SUBJECT_SAMPLE_FACTORS') {
        const sample = cells[2]?.trim()
        if (sample) factors.set(sample, parseFactors(cells[3] ?? ''))
      } else if (DATA_START.test(first)) {
        state = { in: 'data', samples: undefined, blockFactors: [] }
        opened = first
        blocks++
      } else if (first === 'METABOLITES_START') {
        state = { in: 'metabolites', header: undefined }
        opened = first
        blocks++
      } else if (/^[A-Z_]+_START$/.test(first)) {
        // Binned NMR data, extended per-sample data: not metabolite results.
        state = { in: 'skip', end: first.replace(/_START$/, '_END') }
        opened = first
      }
      continue
    }
    if (state.in === 'skip') {
      if (first === state.end) state = { in: 'outside' }
      continue
    }
    if (state.in === 'data') {
      if (DATA_END.test(first)) {
        state = { in: 'outside' }
        continue
      }
      if (state.samples === undefined) {
        if (first.toLowerCase() !== 'samples')
          throw new ImportFileError(`Line ${line}: ${opened} must begin with its Samples line`)
        state.samples = uniqueHeaders(cells.slice(1).map((cell) => cell.trim()))
        continue
      }
      if (first.toLowerCase() === 'factors' && state.plan === undefined) {
        state.blockFactors = cells.slice(1).map(parseFactors)
        continue
      }
      const { samples, blockFactors } = state
      if (options.comparison && state.plan === undefined) {
        state.plan = mwtabPlan(options.comparison, samples, (sample) => {
          const index = samples.indexOf(sample)
          return factors.get(sample) ?? blockFactors[index]
        })
      }
      const values: Record<string, string> = {}
      samples.forEach((sample, index) => {
        values[sample] = (cells[index + 1] ?? '').trim()
      })
      yield valuesResult(line, 'Samples', cells[0] ?? '', values, state.plan)
      continue
    }
    // METABOLITES
    if (first === 'METABOLITES_END') {
      state = { in: 'outside' }
      continue
    }
    if (state.header === undefined) {
      state.header = uniqueHeaders(cells.map((cell) => cell.trim()))
      continue
    }
    const header = state.header
    const row: Record<string, string> = {}
    cells.forEach((cell, index) => {
      row[header[index] ?? `column ${index + 1}`] = cell
    })
    yield annotationResult(line, row)
  }
  if (state.in === 'data' || state.in === 'metabolites' || state.in === 'skip')
    throw new ImportFileError(`The file ends inside ${opened}: its _END line is missing`)
  if (blocks === 0)
    throw new ImportFileError(
      'Not an mwTab file with metabolite results: it has no MS_METABOLITE_DATA, NMR_METABOLITE_DATA or METABOLITES block',
    )
}

// JSON

const DATA_SECTIONS = new Set(['MS_METABOLITE_DATA', 'NMR_METABOLITE_DATA'])

const chosen = (path: JsonPath) =>
  (path.length === 2 && path[0] === 'SUBJECT_SAMPLE_FACTORS' && typeof path[1] === 'number') ||
  (path.length === 3 &&
    DATA_SECTIONS.has(String(path[0])) &&
    (path[1] === 'Data' || path[1] === 'Metabolites') &&
    typeof path[2] === 'number')

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A JSON cell as text: strings as they are, numbers as JSON writes them, null as nothing. */
function cellOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function textRow(value: Record<string, unknown>): Record<string, string> | string {
  const row: Record<string, string> = {}
  for (const [key, cell] of Object.entries(value)) {
    const text = cellOf(cell)
    if (text === undefined)
      return `"${key}" holds ${Array.isArray(cell) ? 'a list' : 'an object'}, not a value`
    row[key] = text
  }
  return row
}

/**
 * The JSON form, as the Workbench serves it: `SUBJECT_SAMPLE_FACTORS` (a list of samples with their
 * `Factors`), then `MS_METABOLITE_DATA` (or `NMR_METABOLITE_DATA`) with `Data` (one object per metabolite:
 * `Metabolite` and a value per sample) and `Metabolites` (`Metabolite` and its identifiers). Streamed: one
 * metabolite at a time is held.
 */
export async function* parseMwtabJson(
  text: AsyncIterable<string>,
  options: ParseOptions = {},
): AsyncGenerator<ParsedItem> {
  const factors = new Map<string, Factors>()
  let plan: GroupPlan | undefined
  let found = 0
  for await (const { path, value, line } of jsonValues(text, chosen, 3)) {
    if (path[0] === 'SUBJECT_SAMPLE_FACTORS') {
      if (!isObject(value)) continue
      const sample = cellOf(value['Sample ID'])?.trim()
      const sampleFactors = value.Factors
      if (!sample) continue
      factors.set(
        sample,
        isObject(sampleFactors)
          ? Object.fromEntries(Object.entries(sampleFactors).map(([k, v]) => [k, cellOf(v)?.trim() ?? '']))
          : parseFactors(cellOf(sampleFactors) ?? ''),
      )
      continue
    }
    found++
    if (!isObject(value)) {
      yield { kind: 'error', line, reason: `${path[1]} holds a ${typeof value}, not an object` }
      continue
    }
    const row = textRow(value)
    if (typeof row === 'string') {
      yield { kind: 'error', line, reason: row }
      continue
    }
    if (path[1] === 'Metabolites') {
      yield annotationResult(line, row)
      continue
    }
    const nameKey =
      'Metabolite' in row ? 'Metabolite' : 'metabolite_name' in row ? 'metabolite_name' : undefined
    if (nameKey === undefined) {
      yield {
        kind: 'error',
        line,
        reason: 'has no "Metabolite": which metabolite the values are of is not said',
      }
      continue
    }
    const { [nameKey]: name = '', ...values } = row
    if (options.comparison && plan === undefined) {
      if (factors.size === 0)
        throw new ImportFileError(
          'The groups to compare are chosen by the samples’ factors, but the file gives no SUBJECT_SAMPLE_FACTORS before its data',
        )
      plan = mwtabPlan(options.comparison, Object.keys(values), (sample) => factors.get(sample))
    }
    yield valuesResult(line, nameKey, name, values, plan)
  }
  if (found === 0)
    throw new ImportFileError(
      'Not an mwTab JSON file with metabolite results: it has no MS_METABOLITE_DATA or NMR_METABOLITE_DATA with Data or Metabolites',
    )
}
