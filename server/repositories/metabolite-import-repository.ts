import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Viewer } from '../auth/viewer.ts'
import { NotFoundError } from '../domain/errors.ts'
import { onePerName } from '../import/metabolome/duplicates.ts'
import { ImportFileError, type ParsedItem, type ParsedResult } from '../import/metabolome/index.ts'
import { checkMayChange } from './record-access.ts'

// A finding's metabolite results replaced by those of a result file, all or nothing, in one transaction.
//
// The rows are written in batches as the file is read. A row that cannot be read is remembered and the
// writing stops (the import will not commit), but the reading goes on, so that every bad row is reported.
//
// A finding that has results already: the file's rows are staged in a temporary table, then compared with
// the finding's. Identical rows stay as they are (same id, no audit entry); the others are deleted and
// inserted. So re-importing a file changes nothing, and a corrected file changes only the rows it corrects.
// A finding without results (the first import): the rows go straight in, with nothing to compare. A dry run
// does the same reading and comparing, writes no result, and rolls back.

export interface RowProblem {
  line: number
  reason: string
}

export interface ImportCounts {
  rows: number
  results: number
  unidentified: number
  added: number
  removed: number
  unchanged: number
  /** The rows that cannot be read, each with its reason: all of them, up to MAX_REPORTED. */
  rejected: RowProblem[]
  rejectedTotal: number
}

type ReadCounts = Pick<ImportCounts, 'rows' | 'results' | 'unidentified' | 'rejected' | 'rejectedTotal'>

/** Some rows cannot be read: nothing was written. */
export class ImportRejectedError extends Error {
  constructor(readonly counts: ReadCounts) {
    const n = counts.rejectedTotal
    super(`${n} ${n === 1 ? 'row' : 'rows'} of the file cannot be read; nothing was imported`)
  }
}

/** The most rows an import reads, and the most unreadable rows a report lists (it counts them all). */
export const MAX_ROWS = 2_000_000
export const MAX_REPORTED = 100_000

/** Rows per INSERT: each batch is one JSON parameter. */
const BATCH_ROWS = 2000

/** A result as the JSON record `jsonb_to_recordset` reads: the keys are the columns. */
interface RowRecord {
  name: string | null
  hmdb_id: string | null
  kegg_id: string | null
  chebi_id: string | null
  pubchem_cid: number | null
  inchikey: string | null
  direction: string | null
  fold_change: number | null
  p_value: number | null
  mz: number | null
  migration_time: number | null
  retention_time: number | null
  group_values: Record<string, number | null> | null
  unidentified: boolean
  source_line: number
  source_row: Record<string, string>
  extra: object | null
}

function recordOf(result: ParsedResult): RowRecord {
  return {
    name: result.name,
    hmdb_id: result.hmdbId,
    kegg_id: result.keggId,
    chebi_id: result.chebiId,
    pubchem_cid: result.pubchemCid,
    inchikey: result.inchikey,
    direction: result.direction,
    fold_change: result.foldChange,
    p_value: result.pValue,
    mz: result.mz,
    migration_time: result.migrationTime,
    retention_time: result.retentionTime,
    group_values: result.groupValues,
    unidentified: result.unidentified,
    source_line: result.line,
    source_row: result.original,
    extra: result.extra,
  }
}

/** The columns that make a result, in the order both tables are compared by. */
const CONTENT = [
  'name',
  'hmdb_id',
  'kegg_id',
  'chebi_id',
  'pubchem_cid',
  'inchikey',
  'direction',
  'fold_change',
  'p_value',
  'mz',
  'migration_time',
  'retention_time',
  'group_values',
  'unidentified',
  'source_line',
  'source_row',
  'extra',
] as const

const columns = sql.join(CONTENT.map((column) => sql.ref(column)))

/** A batch of records as rows (a JSON parameter is one value to send and parse, however many rows). */
const rowsOf = (batch: RowRecord[]) => sql`jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(
  name text, hmdb_id text, kegg_id text, chebi_id text, pubchem_cid integer, inchikey text,
  direction text, fold_change double precision, p_value double precision,
  mz double precision, migration_time double precision, retention_time double precision,
  group_values jsonb, unidentified boolean, source_line integer, source_row jsonb, extra jsonb
)`

/** A result's whole content as one hashable value, so that comparing 100,000 rows is one hash join. */
const contentOf = (alias: string): RawBuilder<unknown> =>
  sql`jsonb_build_array(${sql.join(CONTENT.map((column) => sql.ref(`${alias}.${column}`)))})`

// The second part of an mwTab metabolite (values, or annotation) joins the first: the parts never give the
// same column, so the one given wins; the original rows are merged.
const joinParts = sql.join([
  ...CONTENT.filter((column) => !['name', 'unidentified', 'source_line', 'source_row'].includes(column)).map(
    (column) => sql`${sql.ref(column)} = coalesce(s.${sql.ref(column)}, excluded.${sql.ref(column)})`,
  ),
  sql`source_line = least(s.source_line, excluded.source_line)`,
  sql`source_row = s.source_row || excluded.source_row`,
])

/**
 * Before the file is read: the finding exists and the viewer may change it (404 when hidden or missing,
 * 403 for a partner on a project it does not take part in).
 */
export async function checkMayImport(db: Kysely<Database>, findingId: number, viewer: Viewer): Promise<void> {
  const label = `Finding ${findingId}`
  await checkMayChange(db, viewer, 'findings', findingId, label)
  const finding = await db.selectFrom('findings').select('id').where('id', '=', findingId).executeTakeFirst()
  if (!finding) throw new NotFoundError(label)
}

/**
 * Replaces the finding's metabolite results with `items`. Throws ImportRejectedError (nothing written) when
 * a row cannot be read, ImportFileError when the file cannot be read at all or has no results. With
 * `dryRun`, returns the same counts and writes nothing. `joinsParts`: the file gives metabolites in two
 * parts to be joined by name (mwTab).
 */
export async function importMetaboliteResults(
  db: Kysely<Database>,
  findingId: number,
  items: AsyncIterable<ParsedItem>,
  viewer: Viewer,
  { dryRun, joinsParts }: { dryRun: boolean; joinsParts: boolean },
): Promise<ImportCounts> {
  const trx = await db.startTransaction().execute()
  try {
    const label = `Finding ${findingId}`
    await checkMayChange(trx, viewer, 'findings', findingId, label)
    // Locked: imports and edits of one finding's results take turns.
    const finding = await trx
      .selectFrom('findings')
      .select('id')
      .where('id', '=', findingId)
      .forUpdate()
      .executeTakeFirst()
    if (!finding) throw new NotFoundError(label)
    const existing = await trx
      .selectFrom('metaboliteResults')
      .select('id')
      .where('findingId', '=', findingId)
      .limit(1)
      .executeTakeFirst()

    const staged = existing !== undefined || joinsParts
    if (staged) await createStaging(trx, joinsParts)
    const write = staged
      ? (batch: RowRecord[]) => stage(trx, batch, joinsParts)
      : dryRun
        ? async () => {}
        : (batch: RowRecord[]) => insert(trx, findingId, batch)
    const counts = await read(items, write)
    if (counts.rejectedTotal > 0) throw new ImportRejectedError(counts)
    if (staged) counts.results = await stagedCount(trx)
    if (counts.results === 0)
      throw new ImportFileError(
        'The file has no result rows; an import replaces the finding’s results, so an empty file is refused',
      )

    const changes = !staged
      ? { added: counts.results, removed: 0 }
      : dryRun
        ? await compare(trx, findingId)
        : await apply(trx, findingId)
    // The finding's results changed: a client holding the old version has to reload before it saves them.
    if (!dryRun && changes.added + changes.removed > 0) {
      await trx
        .updateTable('findings')
        .set({ version: sql`version + 1`, updatedAt: sql`now()` })
        .where('id', '=', findingId)
        .execute()
    }
    if (dryRun) await trx.rollback().execute()
    else await trx.commit().execute()
    return { ...counts, ...changes, unchanged: counts.results - changes.added }
  } catch (error) {
    if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute()
    throw error
  }
}

/**
 * Reads every item, writing the results in batches until a row cannot be read. One batch is written while
 * the next is read: on PostgreSQL the server works while the file is parsed.
 */
async function read(items: AsyncIterable<ParsedItem>, write: (batch: RowRecord[]) => Promise<void>) {
  const counts: ReadCounts = { rows: 0, results: 0, unidentified: 0, rejected: [], rejectedTotal: 0 }
  let batch: RowRecord[] = []
  let names = new Set<string>()
  let writing: Promise<void> = Promise.resolve()
  const flush = async () => {
    const full = batch
    batch = []
    names = new Set()
    await writing
    if (full.length === 0) return
    writing = write(full)
    // Handled here so that a failed write waiting for its turn is not an unhandled rejection; it is thrown
    // where it is awaited.
    writing.catch(() => {})
  }
  try {
    for await (const item of onePerName(items)) {
      counts.rows++
      if (counts.rows > MAX_ROWS)
        throw new ImportFileError(
          `The file has more than ${MAX_ROWS.toLocaleString('en')} rows, the most an import reads`,
        )
      if (item.kind === 'error') {
        counts.rejectedTotal++
        if (counts.rejected.length < MAX_REPORTED)
          counts.rejected.push({ line: item.line, reason: item.reason })
        continue
      }
      counts.results++
      if (item.unidentified) counts.unidentified++
      if (counts.rejectedTotal > 0) continue // the import will not commit: only the reading goes on
      // One INSERT may not touch a row twice: the second part of a metabolite waits for the next one.
      if (item.name !== null && names.has(item.name)) await flush()
      batch.push(recordOf(item))
      if (item.name !== null) names.add(item.name)
      if (batch.length >= BATCH_ROWS) await flush()
    }
    if (counts.rejectedTotal === 0) await flush()
    await writing
  } finally {
    // Nothing may still be running on the transaction when it ends.
    await writing.catch(() => {})
  }
  return counts
}

/** The finding had no results: the file's go straight in, in the file's order. */
async function insert(trx: Kysely<Database>, findingId: number, batch: RowRecord[]) {
  await sql`
    insert into metabolite_results (finding_id, ${columns})
    select ${findingId}, ${columns} from ${rowsOf(batch)}
  `.execute(trx)
}

/** The staging table; unique by name only when parts are joined by name (an index less to fill). */
async function createStaging(trx: Kysely<Database>, joinsParts: boolean) {
  await sql`
    create temporary table metabolite_import (
      name text ${joinsParts ? sql`unique` : sql``},
      hmdb_id text, kegg_id text, chebi_id text, pubchem_cid integer, inchikey text,
      direction text, fold_change double precision, p_value double precision,
      mz double precision, migration_time double precision, retention_time double precision,
      group_values jsonb, unidentified boolean not null, source_line integer not null,
      source_row jsonb not null, extra jsonb
    ) on commit drop
  `.execute(trx)
}

async function stage(trx: Kysely<Database>, batch: RowRecord[], joinsParts: boolean) {
  await sql`
    insert into metabolite_import as s (${columns})
    select ${columns} from ${rowsOf(batch)}
    ${joinsParts ? sql`on conflict (name) do update set ${joinParts}` : sql``}
  `.execute(trx)
}

async function stagedCount(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::integer as count from metabolite_import
  `.execute(trx)
  return rows[0]?.count ?? 0
}

/** What `apply` does, counted. */
async function compare(trx: Kysely<Database>, findingId: number) {
  const { rows } = await sql<{ added: number; removed: number }>`
    select
      (select count(*) from metabolite_import s where not exists (
        select 1 from metabolite_results m where m.finding_id = ${findingId} and ${contentOf('m')} = ${contentOf('s')}
      ))::integer as added,
      (select count(*) from metabolite_results m where m.finding_id = ${findingId} and not exists (
        select 1 from metabolite_import s where ${contentOf('s')} = ${contentOf('m')}
      ))::integer as removed
  `.execute(trx)
  return rows[0] ?? { added: 0, removed: 0 }
}

/**
 * Deletes the finding's results the file does not have, inserts the file's the finding does not have. A
 * statement runs only when it changes something: a re-import that changes nothing touches nothing.
 */
async function apply(trx: Kysely<Database>, findingId: number) {
  const changes = await compare(trx, findingId)
  if (changes.removed > 0) {
    await sql`
      delete from metabolite_results m where m.finding_id = ${findingId} and not exists (
        select 1 from metabolite_import s where ${contentOf('s')} = ${contentOf('m')}
      )
    `.execute(trx)
  }
  if (changes.added > 0) {
    await sql`
      insert into metabolite_results (finding_id, ${columns})
      select ${findingId}, ${columns} from metabolite_import s where not exists (
        select 1 from metabolite_results m where m.finding_id = ${findingId} and ${contentOf('m')} = ${contentOf('s')}
      )
      order by s.source_line, s.name
    `.execute(trx)
  }
  return changes
}
