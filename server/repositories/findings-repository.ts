import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { MetaboliteResultsTable } from '../../db/tables/findings.ts'
import type { Viewer } from '../auth/viewer.ts'
import { findingVisible, outcomeVisible } from '../auth/visibility.ts'
import { type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import {
  checkMetaboliteResults,
  identifiersIn,
  type MetaboliteResultValues,
} from '../domain/metabolite-identifiers.ts'
import { unknownRecord } from '../domain/problems.ts'
import {
  type Finding,
  type FindingCreate,
  type FindingList,
  type FindingQuery,
  type FindingUpdate,
  type MetaboliteList,
  type MetaboliteQuery,
  NAMED_METABOLITE_RESULTS,
  type ProjectSummary,
} from '../schemas/findings.ts'
import { inResultOrder, metaboliteResultColumns } from './finding-metabolites-repository.ts'
import { hasProjectFilters, matchingProjectIds } from './project-filters.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'
import {
  checkMayChange,
  checkOwnProject,
  PARTNER_DEFAULT_VISIBILITY,
  refuseReservedFields,
} from './record-access.ts'

const findingColumns = [
  'f.id',
  'f.ref',
  'f.projectId',
  'f.statementJa',
  'f.statementEn',
  'f.materialJa',
  'f.materialEn',
  'f.comparisonJa',
  'f.comparisonEn',
  'f.platform',
  'f.evidenceLevel',
  'f.reportedOn',
  'f.visibility',
  'f.embargoUntil',
  'f.version',
  'f.createdAt',
  'f.updatedAt',
] as const

/** With `projects as p` and `organizations as o` joined, the columns `toProjectSummary` reads. */
export const projectSummaryColumns = [
  'p.themeJa as projectThemeJa',
  'p.themeEn as projectThemeEn',
  'p.adoptedFy as projectAdoptedFy',
  'o.id as companyId',
  'o.nameJa as companyNameJa',
  'o.nameEn as companyNameEn',
] as const

interface ProjectSummaryRow {
  projectId: number
  projectThemeJa: string | null
  projectThemeEn: string | null
  projectAdoptedFy: number | null
  companyId: number | null
  companyNameJa: string | null
  companyNameEn: string | null
}

/** Splits a row into the record's own fields and its project. */
export function withProjectSummary<R extends ProjectSummaryRow>(row: R) {
  const {
    projectThemeJa,
    projectThemeEn,
    projectAdoptedFy,
    companyId,
    companyNameJa,
    companyNameEn,
    ...fields
  } = row
  const project: ProjectSummary = {
    id: row.projectId,
    themeJa: projectThemeJa,
    themeEn: projectThemeEn,
    adoptedFy: projectAdoptedFy,
    company:
      companyId === null ? null : { id: companyId, nameJa: companyNameJa ?? '', nameEn: companyNameEn },
  }
  return { ...fields, project }
}

const EARLIEST_DATE = '1980-01-01'

/** A date a record may carry: from 1980 to a year from today. The problem of its `field` when it is not. */
export function implausibleDate(field: string, value: string, today = new Date()): FieldProblem | undefined {
  const latest = new Date(today)
  latest.setUTCFullYear(latest.getUTCFullYear() + 1)
  const max = latest.toISOString().slice(0, 10)
  if (value < EARLIEST_DATE) {
    const params = { date: value, earliest: EARLIEST_DATE }
    return { field, message: `${value} is before 1980`, keyword: 'tooEarly', params }
  }
  if (value > max) {
    const params = { date: value, latest: max }
    return { field, message: `${value} is more than a year from today`, keyword: 'tooFarAhead', params }
  }
  return undefined
}

/**
 * The metabolite result `mr` has a name containing `q` or an identifier equal to `q`, in any accepted form.
 * Applied to the searched rows themselves, so the name's trigram index and the identifiers' indexes find them.
 */
function metaboliteMatches(
  eb: ExpressionBuilder<Database & { mr: MetaboliteResultsTable }, 'mr'>,
  q: string,
) {
  const ids = identifiersIn(q)
  const conditions = [eb('mr.name', 'ilike', containsPattern(q))]
  if (ids.hmdbId) conditions.push(eb('mr.hmdbId', '=', ids.hmdbId))
  if (ids.keggId) conditions.push(eb('mr.keggId', '=', ids.keggId))
  if (ids.chebiId) conditions.push(eb('mr.chebiId', '=', ids.chebiId))
  if (ids.pubchemCid) conditions.push(eb('mr.pubchemCid', '=', ids.pubchemCid))
  if (ids.inchikey) conditions.push(eb('mr.inchikey', '=', ids.inchikey))
  return eb.or(conditions)
}

// Strength of evidence, not the alphabet, orders evidence levels.
const evidenceRank = sql<number>`array_position(array['analytical', 'in_vitro', 'animal', 'human'], ${sql.ref('f.evidenceLevel')})`

export async function listFindings(
  db: Kysely<Database>,
  query: FindingQuery,
  viewer: Viewer,
): Promise<FindingList> {
  let base = db
    .selectFrom('findings as f')
    .innerJoin('projects as p', 'p.id', 'f.projectId')
    .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
    .where(findingVisible(viewer, 'f'))
  if (query.fyFrom !== undefined) base = base.where('p.adoptedFy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('p.adoptedFy', '<=', query.fyTo)
  if (hasProjectFilters(query)) base = base.where('f.projectId', 'in', matchingProjectIds(db, query))
  if (query.projectId !== undefined) base = base.where('f.projectId', '=', query.projectId)
  if (query.evidenceLevel !== undefined) base = base.where('f.evidenceLevel', '=', query.evidenceLevel)
  const { q } = query
  if (q !== undefined) {
    const pattern = containsPattern(q)
    const metabolites = db
      .selectFrom('metaboliteResults as mr')
      .where((eb) => metaboliteMatches(eb, q))
      .select('mr.findingId')
    base = base.where((eb) =>
      eb.or([
        eb('f.statementJa', 'ilike', pattern),
        eb('f.statementEn', 'ilike', pattern),
        eb('f.materialJa', 'ilike', pattern),
        eb('f.materialEn', 'ilike', pattern),
        eb('f.id', 'in', metabolites),
      ]),
    )
  }
  const [sort, direction] = parseSort(query.sort, 'id')
  const sortColumns = {
    id: sql.ref('f.id'),
    reportedOn: sql.ref('f.reportedOn'),
    evidenceLevel: evidenceRank,
    statementJa: sql.ref('f.statementJa'),
    statementEn: sql.ref('f.statementEn'),
    adoptedFy: sql.ref('p.adoptedFy'),
    metaboliteCount: sql.ref('metaboliteCount'),
  }
  const [rows, count] = await Promise.all([
    base
      .select(findingColumns)
      .select(projectSummaryColumns)
      .select((eb) =>
        eb
          .selectFrom('metaboliteResults as mr')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('mr.findingId', '=', 'f.id')
          .as('metaboliteCount'),
      )
      .orderBy(sortColumns[sort], (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('f.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const items = rows.map(({ metaboliteCount, ...row }) => ({
    ...withProjectSummary(row),
    metaboliteCount: metaboliteCount ?? 0,
  }))
  return { items, total: count.total }
}

/**
 * One finding read in one snapshot: three queries whatever it holds. It names its most significant metabolite
 * results and counts them all (an import can bring 100,000). Hidden from the viewer: 404.
 */
export async function getFinding(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Finding> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => loadFinding(trx, id, viewer))
}

async function loadFinding(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Finding> {
  const [finding, metaboliteResults, outcomes] = await Promise.all([
    db
      .selectFrom('findings as f')
      .innerJoin('projects as p', 'p.id', 'f.projectId')
      .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
      // Both counts in one pass over the finding's results (an aggregate: always one row).
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('metaboliteResults as mr')
            .select((sub) => [
              sub.fn.countAll<number>().as('metaboliteCount'),
              sub.fn.count<number>('mr.sourceLine').as('importedCount'),
            ])
            .whereRef('mr.findingId', '=', 'f.id')
            .as('counts'),
        (join) => join.onTrue(),
      )
      .select(findingColumns)
      .select(projectSummaryColumns)
      .select(['counts.metaboliteCount', 'counts.importedCount'])
      .where('f.id', '=', id)
      .where(findingVisible(viewer, 'f'))
      .executeTakeFirst(),
    inResultOrder(
      db.selectFrom('metaboliteResults as mr').select(metaboliteResultColumns).where('mr.findingId', '=', id),
      'mr',
    )
      .limit(NAMED_METABOLITE_RESULTS)
      .execute(),
    db
      .selectFrom('outcomeFindings as of')
      .innerJoin('outcomes as oc', 'oc.id', 'of.outcomeId')
      .select(['oc.id', 'oc.kind', 'oc.titleJa', 'oc.titleEn', 'oc.fy'])
      .where('of.findingId', '=', id)
      .where(outcomeVisible(viewer, 'oc'))
      .orderBy('oc.fy')
      .orderBy('oc.id')
      .execute(),
  ])
  if (!finding) throw new NotFoundError(`Finding ${id}`)
  const { metaboliteCount, importedCount, ...fields } = finding
  return {
    ...withProjectSummary(fields),
    metaboliteResults,
    metaboliteCount,
    importedCount,
    outcomes,
  }
}

// Writes: every rule is checked before anything is written, and each problem names its field.

async function checkFinding(
  trx: Kysely<Database>,
  input: Pick<FindingUpdate, 'projectId' | 'reportedOn' | 'metaboliteResults'>,
): Promise<{ metabolites: MetaboliteResultValues[] | undefined; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = []
  if (input.projectId !== undefined) {
    const project = await trx
      .selectFrom('projects')
      .select('id')
      .where('id', '=', input.projectId)
      .executeTakeFirst()
    if (!project) problems.push(unknownRecord('body.projectId', 'project', input.projectId))
  }
  const dateProblem = input.reportedOn ? implausibleDate('body.reportedOn', input.reportedOn) : undefined
  if (dateProblem) problems.push(dateProblem)
  if (!input.metaboliteResults) return { metabolites: undefined, problems }
  const checked = checkMetaboliteResults(input.metaboliteResults, 'body.metaboliteResults')
  return { metabolites: checked.results, problems: [...problems, ...checked.problems] }
}

async function insertMetabolites(
  trx: Kysely<Database>,
  findingId: number,
  metabolites: MetaboliteResultValues[],
) {
  if (metabolites.length === 0) return
  await trx
    .insertInto('metaboliteResults')
    .values(metabolites.map((m) => ({ ...m, findingId })))
    .execute()
}

/** A partner's finding goes on a project it takes part in, and stays confidential until published. */
export async function createFinding(
  db: Kysely<Database>,
  input: FindingCreate,
  viewer: Viewer,
): Promise<Finding> {
  return db
    .transaction()
    .execute(async (trx) => loadFinding(trx, await addFinding(trx, input, viewer), viewer))
}

/** Checks a new finding and inserts it with its metabolite results, in the caller's transaction; answers its id. */
export async function addFinding(
  trx: Kysely<Database>,
  input: FindingCreate,
  viewer: Viewer,
): Promise<number> {
  refuseReservedFields(viewer, input)
  await checkOwnProject(trx, viewer, input.projectId)
  const { metaboliteResults = [], ...fields } = input
  const { metabolites = [], problems } = await checkFinding(trx, { ...input, metaboliteResults })
  if (problems.length > 0) throw new RuleViolationError(problems)
  const values =
    viewer.kind === 'user' && viewer.role === 'partner'
      ? { ...fields, visibility: PARTNER_DEFAULT_VISIBILITY }
      : fields
  const { id } = await trx.insertInto('findings').values(values).returning('id').executeTakeFirstOrThrow()
  await insertMetabolites(trx, id, metabolites)
  return id
}

export async function updateFinding(
  db: Kysely<Database>,
  id: number,
  update: FindingUpdate,
  viewer: Viewer,
): Promise<Finding> {
  return db.transaction().execute(async (trx) => {
    await changeFinding(trx, id, update, viewer)
    return loadFinding(trx, id, viewer)
  })
}

/** Checks a finding's changes and writes them, in the caller's transaction. */
export async function changeFinding(
  trx: Kysely<Database>,
  id: number,
  { version, metaboliteResults, ...changes }: FindingUpdate,
  viewer: Viewer,
): Promise<void> {
  const label = `Finding ${id}`
  refuseReservedFields(viewer, changes)
  await checkMayChange(trx, viewer, 'findings', id, label)
  if (changes.projectId !== undefined) await checkOwnProject(trx, viewer, changes.projectId)
  const current = await trx
    .selectFrom('findings')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  const { metabolites, problems } = await checkFinding(trx, { ...changes, metaboliteResults })
  if (metabolites) problems.push(...(await keepsImportedResults(trx, id)))
  // A stale version answers 409 before any rule: the client has to reload first.
  if (problems.length > 0 && current.version === version) throw new RuleViolationError(problems)
  await updateVersioned(trx, 'findings', id, version, changes, label)
  if (metabolites) {
    await trx.deleteFrom('metaboliteResults').where('findingId', '=', id).execute()
    await insertMetabolites(trx, id, metabolites)
  }
}

/**
 * Results read from a file carry what a PATCH cannot (m/z, times, group values, the original row, unknown
 * columns): a set holding any is replaced by importing a file again, never by a list sent here, so that
 * editing one row in the form cannot silently drop the rest of the file.
 */
async function keepsImportedResults(trx: Kysely<Database>, id: number): Promise<FieldProblem[]> {
  const { count } = await trx
    .selectFrom('metaboliteResults')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('findingId', '=', id)
    .where('sourceLine', 'is not', null)
    .executeTakeFirstOrThrow()
  if (count === 0) return []
  return [
    {
      field: 'body.metaboliteResults',
      message: `holds ${count} ${count === 1 ? 'result' : 'results'} imported from a file, with columns this request cannot carry: import a file to replace them`,
      keyword: 'importedResults',
      params: { count },
    },
  ]
}

/** Deletes the finding with its metabolite results; outcomes that rested on it no longer list it. */
export async function deleteFinding(db: Kysely<Database>, id: number, viewer: Viewer): Promise<void> {
  const label = `Finding ${id}`
  await db.transaction().execute(async (trx) => {
    await checkMayChange(trx, viewer, 'findings', id, label)
    const result = await trx.deleteFrom('findings').where('id', '=', id).executeTakeFirst()
    if (result.numDeletedRows === 0n) throw new NotFoundError(label)
  })
}

// Metabolite-level search across findings.

export async function searchMetabolites(
  db: Kysely<Database>,
  query: MetaboliteQuery,
  viewer: Viewer,
): Promise<MetaboliteList> {
  const { q } = query
  // With a search term, the matching results are found first, by the indexes (`offset 0` keeps PostgreSQL
  // from walking the whole table in id order instead, hoping to meet fifty matches early: matches sit
  // together, as a file's results do, so that walk can read a million rows for a page).
  const results =
    q === undefined
      ? db.selectFrom('metaboliteResults as mr')
      : db.selectFrom(
          db
            .selectFrom('metaboliteResults as mr')
            .selectAll('mr')
            .where((eb) => metaboliteMatches(eb, q))
            .offset(0)
            .as('mr'),
        )
  let base = results
    .innerJoin('findings as f', 'f.id', 'mr.findingId')
    .innerJoin('projects as p', 'p.id', 'f.projectId')
    .where(findingVisible(viewer, 'f'))
  if (query.fyFrom !== undefined) base = base.where('p.adoptedFy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('p.adoptedFy', '<=', query.fyTo)
  if (hasProjectFilters(query)) base = base.where('f.projectId', 'in', matchingProjectIds(db, query))
  if (query.projectId !== undefined) base = base.where('f.projectId', '=', query.projectId)
  if (query.findingId !== undefined) base = base.where('mr.findingId', '=', query.findingId)
  if (query.direction !== undefined) base = base.where('mr.direction', '=', query.direction)
  const [sort, direction] = parseSort(query.sort, 'id')
  const sortColumns = {
    id: 'mr.id',
    name: 'mr.name',
    foldChange: 'mr.foldChange',
    pValue: 'mr.pValue',
  } as const
  const [rows, count] = await Promise.all([
    base
      .select([
        ...metaboliteResultColumns,
        'f.id as findingId',
        'f.statementJa',
        'f.statementEn',
        'f.projectId',
      ])
      .orderBy(sortColumns[sort], (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('mr.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const items = rows.map(({ findingId, statementJa, statementEn, projectId, ...metabolite }) => ({
    ...metabolite,
    finding: { id: findingId, statementJa, statementEn, projectId },
  }))
  return { items, total: count.total }
}
