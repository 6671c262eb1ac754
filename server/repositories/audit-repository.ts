import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { HISTORY_TABLES } from '../domain/audit-tables.ts'
import type { AuditActors, AuditEntry, AuditList, AuditQuery, HistoryParams } from '../schemas/audit.ts'

// The audit trail is written by the database's triggers (db/migrations/2026-11-28-02-accounts.ts), in the
// transaction of each write; here it is only read.

function entries(db: Kysely<Database>) {
  return db.selectFrom('auditLog as l').leftJoin('users as u', 'u.id', 'l.actorId')
}

const entryColumns = [
  'l.id',
  'l.at',
  'l.action',
  'l.tableName',
  'l.recordId',
  'l.actorId',
  'u.email as actorEmail',
  'u.displayName as actorName',
  'l.before',
  'l.after',
] as const

type EntryRow = {
  id: number
  at: string
  action: AuditEntry['action']
  tableName: string
  recordId: number | null
  actorId: number | null
  actorEmail: string | null
  actorName: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

const toEntry = ({ tableName, actorId, actorEmail, actorName, ...row }: EntryRow): AuditEntry => ({
  ...row,
  table: tableName as AuditEntry['table'],
  actor: actorId === null ? null : { id: actorId, email: actorEmail, displayName: actorName },
})

/** All changes, newest first, filtered by table, record, actor, action and time. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditList> {
  let base = entries(db)
  if (query.table !== undefined) base = base.where('l.tableName', '=', query.table)
  if (query.recordId !== undefined) base = base.where('l.recordId', '=', query.recordId)
  if (query.actor !== undefined) base = base.where('l.actorId', '=', query.actor)
  if (query.action !== undefined) base = base.where('l.action', '=', query.action)
  if (query.from !== undefined) base = base.where('l.at', '>=', query.from)
  if (query.to !== undefined) base = base.where('l.at', '<', query.to)
  const [rows, count] = await Promise.all([
    base
      .select(entryColumns)
      .orderBy('l.id', 'desc')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { items: rows.map(toEntry), total: count.total }
}

/** The history of one record, oldest first: its own rows and those that belong to it (HISTORY_TABLES). */
export async function recordHistory(db: Kysely<Database>, { table, id }: HistoryParams): Promise<AuditList> {
  const rows = await entries(db)
    .select(entryColumns)
    .where('l.tableName', 'in', HISTORY_TABLES[table])
    .where('l.recordId', '=', id)
    .orderBy('l.id')
    .execute()
  return { items: rows.map(toEntry), total: rows.length }
}

/** Everyone who has written a row (the system's rows aside), by name, with how many. */
export async function listActors(db: Kysely<Database>): Promise<AuditActors> {
  const items = await entries(db)
    .where('l.actorId', 'is not', null)
    .select((eb) => ['l.actorId as id', 'u.email', 'u.displayName', eb.fn.countAll<number>().as('changes')])
    .groupBy(['l.actorId', 'u.email', 'u.displayName'])
    .orderBy('u.displayName')
    .orderBy('l.actorId')
    .$narrowType<{ id: number }>()
    .execute()
  return { items }
}
