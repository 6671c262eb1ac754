import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { DatePrecision } from '../../db/tables/common.ts'
import type { Viewer } from '../auth/viewer.ts'
import { projectVisible } from '../auth/visibility.ts'
import { ConflictError, type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { fiscalYearOf } from '../domain/fiscal-year.ts'
import {
  fyMismatch,
  fyTooFarAhead,
  listedTwice,
  precisionWithoutDate,
  requiredHere,
  taken,
  unknownRecord,
} from '../domain/problems.ts'
import type { Event, EventCreate, EventList, EventQuery, EventUpdate } from '../schemas/events.ts'
import { implausibleDate, projectSummaryColumns, withProjectSummary } from './findings-repository.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'
import { refusingDuplicate } from './unique-violation.ts'

const eventColumns = [
  'e.id',
  'e.ref',
  'e.kind',
  'e.titleJa',
  'e.titleEn',
  'e.fy',
  'e.heldOn',
  'e.datePrecision',
  'e.city',
  'e.venue',
  'e.attendance',
  'e.version',
  'e.createdAt',
  'e.updatedAt',
] as const

const sortColumns = {
  id: 'e.id',
  fy: 'e.fy',
  heldOn: 'e.heldOn',
  kind: 'e.kind',
  titleJa: 'e.titleJa',
  city: 'e.city',
  attendance: 'e.attendance',
} as const

/** Three queries: the page, the projects presented at each event on it, and the total. */
export async function listEvents(
  db: Kysely<Database>,
  query: EventQuery,
  viewer: Viewer,
): Promise<EventList> {
  let base = db.selectFrom('events as e')
  if (query.kind !== undefined) base = base.where('e.kind', 'in', query.kind)
  if (query.fyFrom !== undefined) base = base.where('e.fy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('e.fy', '<=', query.fyTo)
  if (query.city !== undefined) base = base.where('e.city', '=', query.city)
  if (query.project !== undefined) {
    const projectId = query.project
    base = base.where('e.id', 'in', (eb) =>
      eb
        .selectFrom('eventProjects as ep')
        .innerJoin('projects as p', 'p.id', 'ep.projectId')
        .select('ep.eventId')
        .where('ep.projectId', '=', projectId)
        .where(projectVisible(viewer, 'p')),
    )
  }
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) =>
      eb.or([
        eb('e.titleJa', 'ilike', pattern),
        eb('e.titleEn', 'ilike', pattern),
        eb('e.venue', 'ilike', pattern),
        eb('e.city', 'ilike', pattern),
      ]),
    )
  }
  const [sort, direction] = parseSort<keyof typeof sortColumns>(query.sort, 'id')
  const [rows, count] = await Promise.all([
    base
      .select(eventColumns)
      // Events without a date or attendance sort last either way, so a sorted table starts with data.
      .orderBy(sortColumns[sort], (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      // Within a fiscal year, in the order held (the seminars page lists them so).
      .$if(sort === 'fy', (qb) =>
        qb.orderBy('e.heldOn', (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast()),
      )
      .orderBy('e.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const links =
    rows.length === 0
      ? []
      : await db
          .selectFrom('eventProjects as ep')
          .innerJoin('projects as p', 'p.id', 'ep.projectId')
          .select(['ep.eventId', 'ep.projectId'])
          .where(
            'ep.eventId',
            'in',
            rows.map((r) => r.id),
          )
          .where(projectVisible(viewer, 'p'))
          .orderBy('ep.projectId')
          .execute()
  const presented = new Map<number, number[]>()
  for (const { eventId, projectId } of links)
    presented.set(eventId, [...(presented.get(eventId) ?? []), projectId])
  const items = rows.map((row) => ({ ...row, projectIds: presented.get(row.id) ?? [] }))
  return { items, total: count.total }
}

/**
 * One event read in one snapshot, with the projects presented at it that the viewer may see. Events are
 * program-wide and public; a hidden project presented at one is left out, not named.
 */
export async function getEvent(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Event> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => loadEvent(trx, id, viewer))
}

async function loadEvent(db: Kysely<Database>, id: number, viewer: Viewer): Promise<Event> {
  const [event, projects] = await Promise.all([
    db.selectFrom('events as e').select(eventColumns).where('e.id', '=', id).executeTakeFirst(),
    db
      .selectFrom('eventProjects as ep')
      .innerJoin('projects as p', 'p.id', 'ep.projectId')
      .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
      .select('p.id as projectId')
      .select(projectSummaryColumns)
      .where('ep.eventId', '=', id)
      .where(projectVisible(viewer, 'p'))
      .orderBy('p.id')
      .execute(),
  ])
  if (!event) throw new NotFoundError(`Event ${id}`)
  return { ...event, projects: projects.map((row) => withProjectSummary(row).project) }
}

// Writes: every rule is checked before anything is written, and each problem names its field.

interface Dating {
  fy: number | null
  heldOn: string | null
  datePrecision: DatePrecision | null
}

/**
 * The event's date after a change. The FY is the fiscal year of the date whenever there is one: a fy sent
 * beside a date must agree with it. Only an event without a date (the brochure gives none) takes its FY as
 * sent, and then needs one. A date without a precision is to the day.
 */
export function settleEventDating(
  current: Dating,
  changes: Partial<Dating>,
  today = new Date(),
): { dating: Dating; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const heldOn = changes.heldOn !== undefined ? changes.heldOn : current.heldOn
  const datePrecision =
    changes.datePrecision !== undefined
      ? changes.datePrecision
      : heldOn === null
        ? null
        : (current.datePrecision ?? 'day')
  let fy = changes.fy !== undefined ? changes.fy : current.fy

  if (heldOn !== null) {
    const implausible = implausibleDate('body.heldOn', heldOn, today)
    if (implausible) problems.push(implausible)
    else {
      const dateFy = fiscalYearOf(heldOn)
      if (changes.fy !== undefined && changes.fy !== dateFy) {
        const dating = { fy: changes.fy, date: heldOn, dateFy }
        problems.push(fyMismatch('body.fy', dating, '; leave fy out, it follows the date'))
      }
      fy = dateFy
    }
  } else if (fy === null) {
    problems.push(requiredHere('body.fy', 'is required for an event without a date (heldOn)'))
  } else if (fy > fiscalYearOf(today) + 1) {
    problems.push(fyTooFarAhead('body.fy', fy))
  }
  if (heldOn === null && datePrecision !== null) {
    problems.push(precisionWithoutDate('heldOn'))
  } else if (heldOn !== null && datePrecision === null) {
    problems.push(requiredHere('body.datePrecision', `is required with a date (${heldOn}): day or month`))
  }
  return { dating: { fy, heldOn, datePrecision }, problems }
}

async function checkProjects(trx: Kysely<Database>, projectIds: number[]): Promise<FieldProblem[]> {
  if (projectIds.length === 0) return []
  const existing = new Set(
    (await trx.selectFrom('projects').select('id').where('id', 'in', projectIds).execute()).map((p) => p.id),
  )
  const problems: FieldProblem[] = []
  const seen = new Set<number>()
  for (const [i, projectId] of projectIds.entries()) {
    const field = `body.projectIds.${i}`
    if (seen.has(projectId)) problems.push(listedTwice(field, 'project', projectId))
    else if (!existing.has(projectId)) problems.push(unknownRecord(field, 'project', projectId))
    seen.add(projectId)
  }
  return problems
}

async function insertLinks(trx: Kysely<Database>, eventId: number, projectIds: number[]) {
  if (projectIds.length === 0) return
  await trx
    .insertInto('eventProjects')
    .values(projectIds.map((projectId) => ({ eventId, projectId })))
    .execute()
}

/** The database's key: one event of a kind and title per fiscal year and city. */
const duplicate = <T>(work: Promise<T>) =>
  refusingDuplicate(
    work,
    'events_kind_title_ja_fy_city_key',
    () =>
      new ConflictError('An event of this kind and title is already recorded for this fiscal year and city', [
        taken('body.titleJa', 'is already used by an event of the same kind, fiscal year and city'),
      ]),
  )

const NO_DATE: Dating = { fy: null, heldOn: null, datePrecision: null }

export async function createEvent(db: Kysely<Database>, input: EventCreate, viewer: Viewer): Promise<Event> {
  return db.transaction().execute(async (trx) => loadEvent(trx, await addEvent(trx, input), viewer))
}

/** Checks a new event and inserts it with its links, in the caller's transaction; answers its id. */
export async function addEvent(trx: Kysely<Database>, input: EventCreate): Promise<number> {
  const { projectIds = [], fy, heldOn, datePrecision, ...fields } = input
  const { dating, problems } = settleEventDating(NO_DATE, { fy, heldOn, datePrecision })
  problems.push(...(await checkProjects(trx, projectIds)))
  if (problems.length > 0 || dating.fy === null) throw new RuleViolationError(problems)
  const { id } = await duplicate(
    trx
      .insertInto('events')
      .values({ ...fields, fy: dating.fy, heldOn: dating.heldOn, datePrecision: dating.datePrecision })
      .returning('id')
      .executeTakeFirstOrThrow(),
  )
  await insertLinks(trx, id, projectIds)
  return id
}

export async function updateEvent(
  db: Kysely<Database>,
  id: number,
  update: EventUpdate,
  viewer: Viewer,
): Promise<Event> {
  return db.transaction().execute(async (trx) => {
    await changeEvent(trx, id, update)
    return loadEvent(trx, id, viewer)
  })
}

/** Checks an event's changes and writes them, in the caller's transaction. */
export async function changeEvent(
  trx: Kysely<Database>,
  id: number,
  { version, projectIds, fy, heldOn, datePrecision, ...changes }: EventUpdate,
): Promise<void> {
  const label = `Event ${id}`
  const current = await trx
    .selectFrom('events')
    .select(['version', 'fy', 'heldOn', 'datePrecision'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  const { dating, problems } = settleEventDating(current, { fy, heldOn, datePrecision })
  problems.push(...(await checkProjects(trx, projectIds ?? [])))
  // A stale version answers 409 before any rule: the client has to reload first.
  if (problems.length > 0 && current.version === version) throw new RuleViolationError(problems)
  await duplicate(updateVersioned(trx, 'events', id, version, { ...changes, ...dating }, label))
  if (projectIds) {
    await trx.deleteFrom('eventProjects').where('eventId', '=', id).execute()
    await insertLinks(trx, id, projectIds)
  }
}

export async function deleteEvent(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('events').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Event ${id}`)
}
