import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { ImportKind } from '../../db/tables/import-mappings.ts'
import type { Viewer } from '../auth/viewer.ts'
import type { FieldProblem } from '../domain/errors.ts'
import { fiscalYearOf } from '../domain/fiscal-year.ts'
import type { TableRow } from '../import/metabolome/table.ts'
import { KINDS } from '../import/records/fields.ts'
import { problemField, refusalOf } from '../import/records/row-problems.ts'
import { type MappedColumn, type References, readRow } from '../import/records/row-values.ts'
import { validationProblems } from '../plugins/errors.ts'
import { bodyValidator } from '../plugins/validation.ts'
import { Id } from '../schemas/common.ts'
import { addEvent, changeEvent } from './events-repository.ts'
import { addFinding, changeFinding } from './findings-repository.ts'
import { addOutcome, changeOutcome } from './outcomes-repository.ts'
import { addProject, changeProject } from './projects-repository.ts'
import { type CurrentRecord, currentRecord, keyRows, loadReferences } from './record-import-lookups.ts'

// Records from a spreadsheet, all or nothing, in one transaction. Every row is written by the repository
// functions the API's own routes use (their checks, the viewer's rights, the audit trail), each in a savepoint:
// a refused row is rolled back alone and the next one is tried, so that a dry run reports every row. At the end, a dry run or a
// file with any refused row rolls everything back; otherwise the whole file commits.
//
// Which record a row is: its `id` cell when it has one, else its natural key (server/import/records/fields.ts).
// A row whose mapped fields equal the record's is unchanged and not written: re-importing a file writes nothing.

export type RowAction = 'create' | 'update' | 'unchanged' | 'refused'

export interface RowProblem extends FieldProblem {
  /** The file's column the problem is in; null when it is about the row as a whole. */
  column: string | null
}

export interface RowReport {
  line: number
  action: RowAction
  /** The record the row updates or leaves alone, or the one it created (null in a dry run). */
  id: number | null
  /** The fields an update changes. */
  changes: string[]
  problems: RowProblem[]
}

export interface ImportResult {
  rows: RowReport[]
  counts: Record<RowAction, number>
  committed: boolean
}

/** Some rows are refused: nothing was written. */
export class ImportRefusedError extends Error {
  constructor(readonly result: ImportResult) {
    const n = result.counts.refused
    super(`${n} ${n === 1 ? 'row is' : 'rows are'} refused; nothing was imported`)
  }
}

/** The writes of the API's routes, in the import's transaction: a new record's id, or a record's changes. */
interface Writes {
  create(trx: Kysely<Database>, body: never, viewer: Viewer): Promise<number>
  update(trx: Kysely<Database>, id: number, patch: never, viewer: Viewer): Promise<void>
}
const WRITES: Record<ImportKind, Writes> = {
  projects: {
    create: (trx, body) => addProject(trx, body),
    update: (trx, id, patch) => changeProject(trx, id, patch),
  },
  outcomes: { create: addOutcome, update: changeOutcome },
  events: {
    create: (trx, body) => addEvent(trx, body),
    update: (trx, id, patch) => changeEvent(trx, id, patch),
  },
  findings: { create: addFinding, update: changeFinding },
}

// The API's own validators of the request bodies: a row is refused with the messages a request would get.
const validators = Object.fromEntries(
  Object.entries(KINDS).map(([kind, spec]) => [
    kind,
    { create: bodyValidator(spec.create), update: bodyValidator(spec.update) },
  ]),
) as Record<
  ImportKind,
  { create: ReturnType<typeof bodyValidator>; update: ReturnType<typeof bodyValidator> }
>
const validId = bodyValidator(Id)

function schemaProblems(validate: ReturnType<typeof bodyValidator>, body: object): FieldProblem[] {
  return validate(structuredClone(body)) ? [] : validationProblems('body', validate.errors ?? [])
}

const RECORD_NAMES: Record<ImportKind, string> = {
  projects: 'project',
  outcomes: 'outcome',
  events: 'event',
  findings: 'finding',
}

/** The key of a row or record: the values of the key fields the mapping feeds (an event's FY by its date). */
function keyOf(fields: readonly string[], values: Record<string, unknown>): string {
  return JSON.stringify(
    fields.map((field) => {
      const value = values[field] ?? null
      const date = values.heldOn
      if (field === 'fy' && value === null && typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date))
        return fiscalYearOf(date)
      return value
    }),
  )
}

const idOf = (item: unknown) =>
  typeof item === 'object' && item !== null ? (item as { orgId: unknown }).orgId : item

/** Equal as the record holds them: lists (partners, links) as sets. */
function same(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b
  const left = a.map(idOf).map(String).sort()
  const right = b.map(idOf).map(String).sort()
  return left.length === right.length && left.every((value, i) => value === right[i])
}

/** The fields of `values` that differ from the record's, as an update's body (projects keep partner roles). */
function changesOf(values: Record<string, unknown>, current: CurrentRecord): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    if (same(value, current.values[field])) continue
    changes[field] =
      field === 'partners' && Array.isArray(value)
        ? value.map((p: { orgId: number }) => ({
            orgId: p.orgId,
            role: current.partnerRoles?.get(p.orgId) ?? null,
          }))
        : value
  }
  return changes
}

/** Schema problems about a field the row already refuses (a name that matches no record) say nothing more. */
function merge(read: FieldProblem[], schema: FieldProblem[]): FieldProblem[] {
  const refused = new Set(read.map(problemField))
  return [...read, ...schema.filter((p) => !refused.has(problemField(p)))]
}

class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rolled back')
  }
}

export interface ImportInput {
  kind: ImportKind
  /** The data rows, after the header. */
  rows: readonly TableRow[]
  columns: readonly MappedColumn[]
  dryRun: boolean
}

export async function importRecords(
  db: Kysely<Database>,
  input: ImportInput,
  viewer: Viewer,
): Promise<ImportResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await importRows(trx, input, viewer)
      if (input.dryRun || result.counts.refused > 0) throw new Rollback(result)
      return { ...result, committed: true }
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
    // Rolled back: the records the rows created are no more.
    const rows = error.result.rows.map((row) => (row.action === 'create' ? { ...row, id: null } : row))
    if (input.dryRun) return { ...error.result, rows }
    throw new ImportRefusedError({ ...error.result, rows })
  }
}

async function importRows(
  trx: Transaction<Database>,
  input: ImportInput,
  viewer: Viewer,
): Promise<ImportResult> {
  const { kind, columns } = input
  const spec = KINDS[kind]
  const writes = WRITES[kind]
  const mapped = new Set(columns.map((c) => c.field))
  const keyFields = spec.key.filter(
    (f) => mapped.has(f) || (f === 'fy' && spec.dated?.date === 'heldOn' && mapped.has('heldOn')),
  )
  const headerOf = new Map(columns.map((c) => [c.field, c.header]))
  const located = (problems: FieldProblem[]): RowProblem[] =>
    problems.map((p) => ({ ...p, column: headerOf.get(problemField(p)) ?? null }))

  const references: References = await loadReferences(trx, viewer)
  // Records already there by key, oldest first; each is taken by the first row that claims it.
  const byKey = new Map<string, number[]>()
  if (keyFields.length > 0) {
    for (const record of await keyRows(trx, kind, viewer)) {
      const key = keyOf(keyFields, record)
      const ids = byKey.get(key)
      if (ids) ids.push(record.id as number)
      else byKey.set(key, [record.id as number])
    }
  }
  const claimedBy = new Map<number, number>()

  const reports: RowReport[] = []
  const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0, refused: 0 }
  const report = (row: RowReport) => {
    reports.push(row)
    counts[row.action]++
  }

  for (const row of input.rows) {
    const { id: idCell, values, implied, problems } = readRow(kind, columns, row.cells, references)
    const refuse = (found: FieldProblem[], id: number | null = null) =>
      report({ line: row.line, action: 'refused', id, changes: [], problems: located(found) })

    let target: number | undefined
    if (idCell !== undefined) {
      if (!validId(idCell)) problems.push(...validationProblems('id', validId.errors ?? []))
      else target = idCell as number
    } else if (keyFields.length > 0) {
      target = byKey.get(keyOf(keyFields, values))?.find((id) => !claimedBy.has(id))
    }
    if (target !== undefined && claimedBy.has(target)) {
      problems.push({
        field: 'id',
        message: `is the ${RECORD_NAMES[kind]} the row on line ${claimedBy.get(target)} already imports`,
        keyword: 'sameRecord',
        params: { line: claimedBy.get(target) },
      })
    }
    const current = target === undefined ? undefined : await currentRecord(trx, kind, target, viewer)
    if (target !== undefined && !current && problems.length === 0) {
      problems.push({
        field: 'id',
        message: `${RECORD_NAMES[kind]} ${target} does not exist`,
        keyword: 'unknownRecord',
        params: { record: RECORD_NAMES[kind], id: target },
      })
    }
    if (target !== undefined && current) claimedBy.set(target, row.line)

    if (target !== undefined && current) {
      // A full date says nothing of its precision: a record's own stays while its date does.
      const date = spec.dated?.date
      if (implied && date && same(values[date], current.values[date])) delete values[implied]
      const changes = changesOf(values, current)
      const fields = Object.keys(changes)
      const patch = { version: current.version, ...changes }
      const found = merge(problems, fields.length > 0 ? schemaProblems(validators[kind].update, patch) : [])
      if (found.length > 0) {
        refuse(found, target)
        continue
      }
      if (fields.length === 0) {
        report({ line: row.line, action: 'unchanged', id: target, changes: [], problems: [] })
        continue
      }
      const refused = await inSavepoint(trx, () => writes.update(trx, target, patch as never, viewer))
      if (refused) refuse(refused, target)
      else report({ line: row.line, action: 'update', id: target, changes: fields, problems: [] })
      continue
    }

    const found = merge(problems, schemaProblems(validators[kind].create, values))
    if (found.length > 0) {
      refuse(found)
      continue
    }
    let created: number | undefined
    const refused = await inSavepoint(trx, async () => {
      created = await writes.create(trx, values as never, viewer)
    })
    if (refused || created === undefined) refuse(refused ?? [])
    else
      report({
        line: row.line,
        action: 'create',
        id: created,
        changes: [],
        problems: [],
      })
  }
  return { rows: reports, counts, committed: false }
}

/** Runs one row's write in a savepoint: a refusal rolls back that row alone and answers why. */
async function inSavepoint(trx: Transaction<Database>, write: () => Promise<unknown>) {
  await sql`savepoint import_row`.execute(trx)
  try {
    await write()
    await sql`release savepoint import_row`.execute(trx)
    return undefined
  } catch (error) {
    await sql`rollback to savepoint import_row`.execute(trx)
    const problems = refusalOf(error)
    if (!problems) throw error
    return problems
  }
}
