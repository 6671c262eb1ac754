import { type Static, Type } from 'typebox'
import { AUDITED_TABLES, HISTORY_TABLES } from '../domain/audit-tables.ts'
import { Id, ListOf, Nullable, Paging, Timestamp } from './common.ts'

export const AuditTable = Type.Enum([...AUDITED_TABLES])
export const RecordTable = Type.Enum(Object.keys(HISTORY_TABLES) as (keyof typeof HISTORY_TABLES)[])

const Row = Nullable(
  Type.Record(Type.String(), Type.Unknown(), { description: 'the row, with its columns in camelCase' }),
)

export const AuditAction = Type.Enum(['create', 'update', 'delete'])

export const AuditEntry = Type.Object({
  id: Id,
  at: Timestamp,
  action: AuditAction,
  table: AuditTable,
  recordId: Nullable(Type.Integer({ description: 'the record the row is, or belongs to' })),
  actor: Nullable(
    Type.Object(
      {
        id: Id,
        email: Nullable(Type.String({ description: 'null once the user is deleted' })),
        displayName: Nullable(Type.String()),
      },
      { description: 'the user whose request wrote; null for the system (dataset load, CLI)' },
    ),
  ),
  before: Row,
  after: Row,
})
export type AuditEntry = Static<typeof AuditEntry>
export const AuditList = ListOf(AuditEntry)
export type AuditList = Static<typeof AuditList>

export const AuditQuery = Type.Object(
  {
    ...Paging,
    table: Type.Optional(AuditTable),
    recordId: Type.Optional(Id),
    actor: Type.Optional(Id),
    action: Type.Optional(AuditAction),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'changes at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'changes before' })),
  },
  { additionalProperties: false, description: 'newest first' },
)
export type AuditQuery = Static<typeof AuditQuery>

export const AuditActor = Type.Object({
  id: Id,
  email: Nullable(Type.String({ description: 'null once the user is deleted' })),
  displayName: Nullable(Type.String()),
  changes: Type.Integer({ minimum: 1, description: 'the rows this user has written' }),
})
export const AuditActors = Type.Object(
  { items: Type.Array(AuditActor) },
  { description: 'everyone who has changed a record, by name: the choices of the list of changes' },
)
export type AuditActors = Static<typeof AuditActors>

export const HistoryParams = Type.Object({ table: RecordTable, id: Id }, { additionalProperties: false })
export type HistoryParams = Static<typeof HistoryParams>
