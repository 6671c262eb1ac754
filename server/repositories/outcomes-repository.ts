import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { DatePrecision } from '../../db/tables/common.ts'
import type { Viewer } from '../auth/viewer.ts'
import { findingVisible, outcomeVisible } from '../auth/visibility.ts'
import { type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { fiscalYearOf } from '../domain/fiscal-year.ts'
import {
  fyMismatch,
  fyTooFarAhead,
  listedTwice,
  precisionWithoutDate,
  requiredHere,
  unknownRecord,
} from '../domain/problems.ts'
import type { Outcome, OutcomeCreate, OutcomeList, OutcomeQuery, OutcomeUpdate } from '../schemas/outcomes.ts'
import { implausibleDate, projectSummaryColumns, withProjectSummary } from './findings-repository.ts'
import { hasProjectFilters, matchingProjectIds } from './project-filters.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'
import {
  checkMayChange,
  checkOwnProject,
  PARTNER_DEFAULT_VISIBILITY,
  refuseReservedFields,
} from './record-access.ts'

const outcomeColumns = [
  'oc.id',
  'oc.ref',
  'oc.projectId',
  'oc.kind',
  'oc.titleJa',
  'oc.titleEn',
  'oc.descriptionJa',
  'oc.descriptionEn',
  'oc.fy',
  'oc.occurredOn',
  'oc.datePrecision',
  'oc.visibility',
  'oc.embargoUntil',
  'oc.version',
  'oc.createdAt',
  'oc.updatedAt',
] as const

const sortColumns = {
  id: 'oc.id',
  fy: 'oc.fy',
  occurredOn: 'oc.occurredOn',
  titleJa: 'oc.titleJa',
  kind: 'oc.kind',
} as const

/** Three queries: the page, the (visible) findings each outcome on it rests on, and the total. */
export async function listOutcomes(
  db: Kysely<Database>,
  query: OutcomeQuery,
  viewer: Viewer,
): Promise<OutcomeList> {
  let base = db
    .selectFrom('outcomes as oc')
    .innerJoin('projects as p', 'p.id', 'oc.projectId')
    .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
    .where(outcomeVisible(viewer, 'oc'))
  if (query.kind !== undefined) base = base.where('oc.kind', 'in', query.kind)
  if (query.fyFrom !== undefined) base = base.where('oc.fy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('oc.fy', '<=', query.fyTo)
  if (hasProjectFilters(query)) base = base.where('oc.projectId', 'in', matchingProjectIds(db, query))
  if (query.projectId !== undefined) base = base.where('oc.projectId', '=', query.projectId)
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) => eb.or([eb('oc.titleJa', 'ilike', pattern), eb('oc.titleEn', 'ilike', pattern)]))
  }
  const [sort, direction] = parseSort(query.sort, 'id')
  const [rows, count] = await Promise.all([
    base
      .select(outcomeColumns)
      .select(projectSummaryColumns)
      // Outcomes without a date or FY sort last either way, so a sorted table starts with data.
      .orderBy(sortColumns[sort], (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('oc.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const links =
    rows.length === 0
      ? []
      : await db
          .selectFrom('outcomeFindings as link')
          .innerJoin('findings as f', 'f.id', 'link.findingId')
          .select(['link.outcomeId', 'link.findingId'])
          .where(
            'link.outcomeId',
            'in',
            rows.map((r) => r.id),
          )
          .where(findingVisible(viewer, 'f'))
          .orderBy('link.findingId')
          .execute()
  const restsOn = new Map<number, number[]>()
  for (const { outcomeId, findingId } of links)
    restsOn.set(outcomeId, [...(restsOn.get(outcomeId) ?? []), findingId])
  const items = rows.map((row) => ({ ...withProjectSummary(row), restsOn: restsOn.get(row.id) ?? [] }))
  return { items, total: count.total }
}

/** One outcome read in one snapshot, with the findings it rests on. Hidden from the viewer: 404. */
export async function getOutcome(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Outcome> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => loadOutcome(trx, id, viewer))
}

async function loadOutcome(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Outcome> {
  const [outcome, restsOn] = await Promise.all([
    db
      .selectFrom('outcomes as oc')
      .innerJoin('projects as p', 'p.id', 'oc.projectId')
      .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
      .select(outcomeColumns)
      .select(projectSummaryColumns)
      .where('oc.id', '=', id)
      .where(outcomeVisible(viewer, 'oc'))
      .executeTakeFirst(),
    db
      .selectFrom('outcomeFindings as of')
      .innerJoin('findings as f', 'f.id', 'of.findingId')
      .select(['f.id', 'f.statementJa', 'f.statementEn', 'f.evidenceLevel'])
      .where('of.outcomeId', '=', id)
      .where(findingVisible(viewer, 'f'))
      .orderBy('f.id')
      .execute(),
  ])
  if (!outcome) throw new NotFoundError(`Outcome ${id}`)
  return { ...withProjectSummary(outcome), restsOn }
}

// Writes: every rule is checked before anything is written, and each problem names its field.

interface Dating {
  fy: number | null
  occurredOn: string | null
  datePrecision: DatePrecision | null
}

/**
 * The outcome's date after a change: the FY follows a new date unless the request names one, which must then
 * agree; a date without a precision is to the day. Dates are checked for plausibility only, not against
 * the project's period: real outcomes can come before their project (an award won before it began).
 */
export function settleDating(
  current: Dating,
  changes: Partial<Dating>,
  today = new Date(),
): { dating: Dating; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const occurredOn = changes.occurredOn !== undefined ? changes.occurredOn : current.occurredOn
  const datePrecision =
    changes.datePrecision !== undefined
      ? changes.datePrecision
      : occurredOn === null
        ? null
        : (current.datePrecision ?? 'day')
  const fy =
    changes.fy !== undefined ? changes.fy : changes.occurredOn ? fiscalYearOf(changes.occurredOn) : current.fy

  const latestFy = fiscalYearOf(today) + 1
  if (occurredOn !== null) {
    const implausible = implausibleDate('body.occurredOn', occurredOn, today)
    if (implausible) problems.push(implausible)
    const dateFy = fiscalYearOf(occurredOn)
    if (!implausible && fy !== dateFy) {
      const field = changes.fy !== undefined ? 'body.fy' : 'body.occurredOn'
      problems.push(fyMismatch(field, { fy, date: occurredOn, dateFy }))
    }
  } else if (fy !== null && fy > latestFy) {
    problems.push(fyTooFarAhead('body.fy', fy))
  }
  if (occurredOn === null && datePrecision !== null) {
    problems.push(precisionWithoutDate('occurredOn'))
  } else if (occurredOn !== null && datePrecision === null) {
    problems.push(requiredHere('body.datePrecision', `is required with a date (${occurredOn}): day or month`))
  }
  return { dating: { fy, occurredOn, datePrecision }, problems }
}

async function checkOutcome(
  trx: Kysely<Database>,
  input: Pick<OutcomeUpdate, 'projectId' | 'restsOn'>,
  viewer: Viewer,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  const restsOn = input.restsOn ?? []
  const [project, findings] = await Promise.all([
    input.projectId === undefined
      ? undefined
      : trx.selectFrom('projects').select('id').where('id', '=', input.projectId).executeTakeFirst(),
    // A finding the viewer may not see "does not exist", as for the lists.
    restsOn.length === 0
      ? []
      : trx
          .selectFrom('findings as f')
          .select('f.id')
          .where('f.id', 'in', restsOn)
          .where(findingVisible(viewer, 'f'))
          .execute(),
  ])
  if (input.projectId !== undefined && !project) {
    problems.push(unknownRecord('body.projectId', 'project', input.projectId))
  }
  const existing = new Set(findings.map((f) => f.id))
  const seen = new Set<number>()
  for (const [i, findingId] of restsOn.entries()) {
    const field = `body.restsOn.${i}`
    if (seen.has(findingId)) problems.push(listedTwice(field, 'finding', findingId))
    else if (!existing.has(findingId)) problems.push(unknownRecord(field, 'finding', findingId))
    seen.add(findingId)
  }
  return problems
}

async function insertLinks(trx: Kysely<Database>, outcomeId: number, findingIds: number[]) {
  if (findingIds.length === 0) return
  await trx
    .insertInto('outcomeFindings')
    .values(findingIds.map((findingId) => ({ outcomeId, findingId })))
    .execute()
}

const NO_DATE: Dating = { fy: null, occurredOn: null, datePrecision: null }

/** A partner's outcome goes on a project it takes part in, and stays confidential until published. */
export async function createOutcome(
  db: Kysely<Database>,
  input: OutcomeCreate,
  viewer: Viewer,
): Promise<Outcome> {
  return db
    .transaction()
    .execute(async (trx) => loadOutcome(trx, await addOutcome(trx, input, viewer), viewer))
}

/** Checks a new outcome and inserts it with its links, in the caller's transaction; answers its id. */
export async function addOutcome(
  trx: Kysely<Database>,
  input: OutcomeCreate,
  viewer: Viewer,
): Promise<number> {
  refuseReservedFields(viewer, input)
  await checkOwnProject(trx, viewer, input.projectId)
  const { restsOn = [], fy, occurredOn, datePrecision, ...fields } = input
  const { dating, problems } = settleDating(NO_DATE, { fy, occurredOn, datePrecision })
  problems.push(...(await checkOutcome(trx, { projectId: input.projectId, restsOn }, viewer)))
  if (problems.length > 0) throw new RuleViolationError(problems)
  const values =
    viewer.kind === 'user' && viewer.role === 'partner'
      ? { ...fields, ...dating, visibility: PARTNER_DEFAULT_VISIBILITY }
      : { ...fields, ...dating }
  const { id } = await trx.insertInto('outcomes').values(values).returning('id').executeTakeFirstOrThrow()
  await insertLinks(trx, id, restsOn)
  return id
}

export async function updateOutcome(
  db: Kysely<Database>,
  id: number,
  update: OutcomeUpdate,
  viewer: Viewer,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    await changeOutcome(trx, id, update, viewer)
    return loadOutcome(trx, id, viewer)
  })
}

/** Checks an outcome's changes and writes them, in the caller's transaction. */
export async function changeOutcome(
  trx: Kysely<Database>,
  id: number,
  { version, restsOn, fy, occurredOn, datePrecision, ...changes }: OutcomeUpdate,
  viewer: Viewer,
): Promise<void> {
  const label = `Outcome ${id}`
  refuseReservedFields(viewer, changes)
  await checkMayChange(trx, viewer, 'outcomes', id, label)
  if (changes.projectId !== undefined) await checkOwnProject(trx, viewer, changes.projectId)
  const current = await trx
    .selectFrom('outcomes')
    .select(['version', 'fy', 'occurredOn', 'datePrecision'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  const { dating, problems } = settleDating(current, { fy, occurredOn, datePrecision })
  problems.push(...(await checkOutcome(trx, { projectId: changes.projectId, restsOn }, viewer)))
  // A stale version answers 409 before any rule: the client has to reload first.
  if (problems.length > 0 && current.version === version) throw new RuleViolationError(problems)
  await updateVersioned(trx, 'outcomes', id, version, { ...changes, ...dating }, label)
  if (restsOn) {
    // Links to findings the viewer cannot see are not theirs to drop: the set replaced is the visible one.
    await trx
      .deleteFrom('outcomeFindings')
      .where('outcomeId', '=', id)
      .where('findingId', 'in', (eb) =>
        eb.selectFrom('findings as f').select('f.id').where(findingVisible(viewer, 'f')),
      )
      .execute()
    await insertLinks(trx, id, restsOn)
  }
}

export async function deleteOutcome(db: Kysely<Database>, id: number, viewer: Viewer): Promise<void> {
  const label = `Outcome ${id}`
  await db.transaction().execute(async (trx) => {
    await checkMayChange(trx, viewer, 'outcomes', id, label)
    const result = await trx.deleteFrom('outcomes').where('id', '=', id).executeTakeFirst()
    if (result.numDeletedRows === 0n) throw new NotFoundError(label)
  })
}
