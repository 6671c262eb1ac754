import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { ConflictError, NotFoundError } from '../domain/errors.ts'
import { taken } from '../domain/problems.ts'
import type {
  KpiTarget,
  KpiTargetCreate,
  KpiTargetList,
  KpiTargetQuery,
  KpiTargetUpdate,
} from '../schemas/targets.ts'
import { parseSort, updateVersioned } from './query-helpers.ts'
import { refusingDuplicate } from './unique-violation.ts'

const columns = ['id', 'metric', 'fy', 'target', 'version', 'createdAt', 'updatedAt'] as const

export async function listTargets(db: Kysely<Database>, query: KpiTargetQuery): Promise<KpiTargetList> {
  let base = db.selectFrom('kpiTargets')
  if (query.metric !== undefined) base = base.where('metric', 'in', query.metric)
  if (query.fyFrom !== undefined) base = base.where('fy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('fy', '<=', query.fyTo)
  const [field, direction] = parseSort(query.sort, 'id')
  const [items, count] = await Promise.all([
    base
      .select(columns)
      .orderBy(field, direction)
      .orderBy('id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { items, total: count.total }
}

export async function getTarget(db: Kysely<Database>, id: number): Promise<KpiTarget> {
  const row = await db.selectFrom('kpiTargets').select(columns).where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError(`Target ${id}`)
  return row
}

/** The database's key: one target per metric and fiscal year. */
const duplicate = <T>(work: Promise<T>, field: 'body.metric' | 'body.fy') =>
  refusingDuplicate(
    work,
    'kpi_targets_metric_fy_key',
    () =>
      new ConflictError('This metric already has a target for this fiscal year; change that one instead', [
        taken(field, 'already has a target for the same metric and fiscal year'),
      ]),
  )

export async function createTarget(db: Kysely<Database>, input: KpiTargetCreate): Promise<KpiTarget> {
  return duplicate(
    db.insertInto('kpiTargets').values(input).returning(columns).executeTakeFirstOrThrow(),
    'body.fy',
  )
}

export async function updateTarget(
  db: Kysely<Database>,
  id: number,
  { version, ...changes }: KpiTargetUpdate,
): Promise<KpiTarget> {
  const label = `Target ${id}`
  const field = changes.fy !== undefined ? 'body.fy' : 'body.metric'
  await duplicate(updateVersioned(db, 'kpiTargets', id, version, changes, label), field)
  return getTarget(db, id)
}

export async function deleteTarget(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('kpiTargets').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Target ${id}`)
}
