// Metabolite identifiers as people paste them (`hmdb00112`, `cpd:C00334`, `16865`, `CID 119`) brought to
// the one form the database stores (its CHECKs in db/migrations), and metabolite results checked as a set.
// Pure: no database, no HTTP.

import type { FieldProblem } from './errors.ts'
import { requiredHere } from './problems.ts'

export type Normalized<T> = { ok: true; value: T } | { ok: false; problem: string }

const ok = <T>(value: T): Normalized<T> => ({ ok: true, value })
const bad = (problem: string): Normalized<never> => ({ ok: false, problem })

/** `HMDB0000112`; the old five-digit form `HMDB00112` gains the two zeros HMDB added in 2016. */
export function normalizeHmdbId(raw: string): Normalized<string> {
  const match = /^HMDB(\d+)$/.exec(raw.trim().toUpperCase())
  const digits = match?.[1]
  if (digits?.length === 7) return ok(`HMDB${digits}`)
  if (digits?.length === 5) return ok(`HMDB00${digits}`)
  return bad('is not an HMDB id (HMDB + 7 digits)')
}

/** `C00334` (compound) or `D00001` (drug); KEGG's own prefixes `cpd:` and `dr:` are dropped. */
export function normalizeKeggId(raw: string): Normalized<string> {
  const value = raw
    .trim()
    .toUpperCase()
    .replace(/^(CPD|DR):/, '')
  return /^[CD]\d{5}$/.test(value) ? ok(value) : bad('is not a KEGG compound id (C + 5 digits)')
}

/** `CHEBI:16865`, from that, `chebi:16865` or the bare number. */
export function normalizeChebiId(raw: string): Normalized<string> {
  const digits = /^(?:CHEBI:\s*)?(\d{1,9})$/.exec(raw.trim().toUpperCase())?.[1]
  const number = digits === undefined ? 0 : Number(digits)
  return number > 0 ? ok(`CHEBI:${number}`) : bad('is not a ChEBI id (CHEBI: + digits)')
}

const MAX_CID = 2_147_483_647

/** A positive integer, sent as a number or as text (`119`, `CID 119`, `CID:119`). */
export function normalizePubchemCid(raw: number | string): Normalized<number> {
  const text =
    typeof raw === 'number'
      ? String(raw)
      : raw
          .trim()
          .toUpperCase()
          .replace(/^CID[:\s]*/, '')
  const number = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN
  return number >= 1 && number <= MAX_CID ? ok(number) : bad('is not a PubChem CID (a positive integer)')
}

/** 27 characters, `XXXXXXXXXXXXXX-YYYYYYYYFV-P`, uppercase; an `InChIKey=` prefix is dropped. */
export function normalizeInchikey(raw: string): Normalized<string> {
  const value = raw
    .trim()
    .toUpperCase()
    .replace(/^INCHIKEY=/, '')
  return /^[A-Z]{14}-[A-Z]{10}-[A-Z]$/.test(value)
    ? ok(value)
    : bad('is not an InChIKey (14 letters, hyphen, 10 letters, hyphen, 1 letter)')
}

export const IDENTIFIER_FIELDS = ['hmdbId', 'keggId', 'chebiId', 'pubchemCid', 'inchikey'] as const
export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number]

/**
 * Every identifier that `text` could be, normalized: what a search box matches exactly.
 * `C00334` → { keggId: 'C00334' }; `119` → { chebiId: 'CHEBI:119', pubchemCid: 119 }.
 */
export function identifiersIn(text: string): {
  hmdbId?: string
  keggId?: string
  chebiId?: string
  pubchemCid?: number
  inchikey?: string
} {
  const found: ReturnType<typeof identifiersIn> = {}
  const hmdb = normalizeHmdbId(text)
  if (hmdb.ok) found.hmdbId = hmdb.value
  const kegg = normalizeKeggId(text)
  if (kegg.ok) found.keggId = kegg.value
  const chebi = normalizeChebiId(text)
  if (chebi.ok) found.chebiId = chebi.value
  const cid = normalizePubchemCid(text)
  if (cid.ok) found.pubchemCid = cid.value
  const inchikey = normalizeInchikey(text)
  if (inchikey.ok) found.inchikey = inchikey.value
  return found
}

export type Direction = 'up' | 'down' | 'unchanged'

export interface MetaboliteResultInput {
  name?: string | null
  hmdbId?: string | null
  keggId?: string | null
  chebiId?: string | null
  pubchemCid?: number | string | null
  inchikey?: string | null
  direction?: Direction | null
  foldChange?: number | null
  pValue?: number | null
}

export interface MetaboliteResultValues {
  name: string | null
  hmdbId: string | null
  keggId: string | null
  chebiId: string | null
  pubchemCid: number | null
  inchikey: string | null
  direction: Direction | null
  foldChange: number | null
  pValue: number | null
}

/**
 * A finding's metabolite results, normalized, with every problem named by its place in the request
 * (`body.metaboliteResults.3.keggId`). Each result needs a name or an identifier; a metabolite appears once
 * (by name, ignoring case, or by any identifier); the fold change is positive and finite, the p-value a
 * probability, and the direction agrees with the fold change.
 */
export function checkMetaboliteResults(
  inputs: readonly MetaboliteResultInput[],
  path: string,
): { results: MetaboliteResultValues[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const seen = new Map<string, number>()
  const results = inputs.map((input, i) => {
    const at = (field: string) => `${path}.${i}.${field}`
    const take = <T, R>(field: string, raw: T | null | undefined, normalize: (raw: T) => Normalized<R>) => {
      if (raw === null || raw === undefined) return null
      const result = normalize(raw)
      if (result.ok) return result.value
      problems.push({
        field: at(field),
        message: result.problem,
        keyword: 'format',
        params: { format: field },
      })
      return null
    }
    const values: MetaboliteResultValues = {
      name: input.name?.trim() || null,
      hmdbId: take('hmdbId', input.hmdbId, normalizeHmdbId),
      keggId: take('keggId', input.keggId, normalizeKeggId),
      chebiId: take('chebiId', input.chebiId, normalizeChebiId),
      pubchemCid: take('pubchemCid', input.pubchemCid, normalizePubchemCid),
      inchikey: take('inchikey', input.inchikey, normalizeInchikey),
      direction: input.direction ?? null,
      foldChange: input.foldChange ?? null,
      pValue: input.pValue ?? null,
    }

    const given = IDENTIFIER_FIELDS.filter((f) => input[f] !== null && input[f] !== undefined)
    if (values.name === null && given.length === 0) {
      problems.push(requiredHere(at('name'), 'is required when the result has no identifier'))
    }
    const keys: [string, string][] = [
      ...(values.name === null ? [] : [['name', `name:${values.name.toLowerCase()}`] as [string, string]]),
      ...IDENTIFIER_FIELDS.flatMap((f): [string, string][] =>
        values[f] === null ? [] : [[f, `${f}:${values[f]}`]],
      ),
    ]
    for (const [field, key] of keys) {
      const first = seen.get(key)
      if (first === undefined) seen.set(key, i)
      else
        problems.push({
          field: at(field),
          message: `is already given for result ${first} of this finding`,
          keyword: 'repeated',
          params: { result: first },
        })
    }

    const { foldChange, pValue, direction } = values
    if (foldChange !== null && !(foldChange > 0 && Number.isFinite(foldChange))) {
      problems.push({
        field: at('foldChange'),
        message: 'must be a positive, finite ratio',
        keyword: 'positiveRatio',
        params: {},
      })
    } else if (foldChange !== null && direction === 'up' && !(foldChange > 1)) {
      problems.push({
        field: at('direction'),
        message: `is up, but a fold change of ${foldChange} is not above 1`,
        keyword: 'directionMismatch',
        params: { direction, foldChange },
      })
    } else if (foldChange !== null && direction === 'down' && !(foldChange < 1)) {
      problems.push({
        field: at('direction'),
        message: `is down, but a fold change of ${foldChange} is not below 1`,
        keyword: 'directionMismatch',
        params: { direction, foldChange },
      })
    }
    if (pValue !== null && !(pValue >= 0 && pValue <= 1)) {
      problems.push({
        field: at('pValue'),
        message: 'must be between 0 and 1',
        keyword: 'probability',
        params: {},
      })
    }
    return values
  })
  return { results, problems }
}

// Identifier cells as delivered tables fill them: several ids in one cell, placeholders for "none".

/** What a delivered table writes where it has no identifier (compared after trimming, ignoring case). */
const NO_IDENTIFIER = new Set([
  '',
  '-',
  '--',
  '—',
  '―',
  'n.d.',
  'nd',
  'n/a',
  'n.a.',
  'na',
  'none',
  'null',
  'unknown',
])

/**
 * The identifiers in one cell, as written: split on spaces (full-width ones too), commas, semicolons,
 * slashes and pipes, placeholders dropped. A space inside one id (`CHEBI: 16865`, `CID 119`, `HMDB 00112`)
 * does not split it.
 */
export function splitIdentifiers(cell: string): string[] {
  const whole = cell.normalize('NFKC').trim()
  if (NO_IDENTIFIER.has(whole.toLowerCase())) return []
  const text = whole
    .replace(/\b(CHEBI|CPD|DR|INCHIKEY)\s*([:=])\s+/gi, '$1$2')
    .replace(/\b(CID|HMDB)\s+(?=\d)/gi, '$1')
  return text
    .split(/[\s,;|/、，；]+/)
    .map((token) => token.trim())
    .filter((token) => !NO_IDENTIFIER.has(token.toLowerCase()))
}

const NORMALIZERS = {
  hmdbId: normalizeHmdbId,
  keggId: normalizeKeggId,
  chebiId: normalizeChebiId,
  pubchemCid: normalizePubchemCid,
  inchikey: normalizeInchikey,
} as const

export type IdentifierValue<F extends IdentifierField> = F extends 'pubchemCid' ? number : string

/**
 * One identifier column's cell: its first id, the others it lists, or why one of them is not an id of
 * that kind. PubChem's `0` is a placeholder for "none", not a CID.
 */
export function readIdentifierCell<F extends IdentifierField>(
  field: F,
  cell: string,
):
  | { ok: true; first: IdentifierValue<F> | null; others: IdentifierValue<F>[] }
  | { ok: false; problem: string } {
  const values: IdentifierValue<F>[] = []
  for (const token of splitIdentifiers(cell)) {
    if (field === 'pubchemCid' && /^(CID:?)?0+$/i.test(token)) continue
    const result = (NORMALIZERS[field] as (raw: string) => Normalized<IdentifierValue<F>>)(token)
    if (!result.ok) return { ok: false, problem: `${token} ${result.problem}` }
    if (!values.includes(result.value)) values.push(result.value)
  }
  return { ok: true, first: values[0] ?? null, others: values.slice(1) }
}

/**
 * What kind of id a token is, when a column may hold any (MetaboLights' `database_identifier`): only
 * unambiguous forms count, so a bare number (ChEBI or PubChem?) is none of them. A token that has a
 * kind's prefix but not its form is a problem, not "some other database".
 */
export function classifyIdentifier(
  token: string,
): { field: IdentifierField; value: string | number } | { problem: string } | undefined {
  const text = token.trim()
  const as = (field: IdentifierField, result: Normalized<string | number>) =>
    result.ok ? { field, value: result.value } : { problem: `${text} ${result.problem}` }
  if (/^HMDB/i.test(text)) return as('hmdbId', normalizeHmdbId(text))
  if (/^CHEBI:/i.test(text)) return as('chebiId', normalizeChebiId(text))
  if (/^((CPD|DR):)?[CD]\d{5}$/i.test(text)) return as('keggId', normalizeKeggId(text))
  if (/^CID:?\d+$/i.test(text)) return as('pubchemCid', normalizePubchemCid(text))
  if (/^[A-Z]{14}-[A-Z]{10}-[A-Z]$/i.test(text)) return as('inchikey', normalizeInchikey(text))
  return undefined
}
