import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { Versioned } from './common.ts'

export const ROLES = ['admin', 'manager', 'partner', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface UsersTable extends Versioned {
  id: Generated<number>
  /** Unique whatever its case (`lower(email)`); kept as the user typed it. */
  email: string
  displayName: string
  role: Role
  /** The institution a partner belongs to; required for partners, null for every other role. */
  organizationId: number | null
  /** argon2id, PHC string format. */
  passwordHash: string
  disabled: Generated<boolean>
}

/** Server-side sessions: only the SHA-256 of the cookie's token is stored. */
export interface SessionsTable {
  tokenHash: string
  userId: number
  csrfToken: string
  createdAt: ColumnType<string, never, never>
  lastSeenAt: ColumnType<string, never, string>
  /** Absolute end, whatever the activity. */
  expiresAt: string
}

/** Failed sign-ins, counted in the database so that every instance throttles alike. */
export interface SignInFailuresTable {
  id: Generated<number>
  at: ColumnType<string, never, never>
  ip: string
  /** Lower-cased, as typed: unknown accounts are throttled like known ones. */
  email: string
}

export type AuditAction = 'create' | 'update' | 'delete'

/** Written by the database's triggers only (db/migrations/2026-11-28-02-accounts.ts); append-only. */
export interface AuditLogTable {
  id: Generated<number>
  at: ColumnType<string, never, never>
  /** The signed-in user whose request wrote; null for the system (dataset load, CLI, migrations). */
  actorId: number | null
  action: AuditAction
  tableName: string
  /** The record's id; for a table of links or details, the id of the record it belongs to. */
  recordId: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Session = Selectable<SessionsTable>
export type AuditRow = Selectable<AuditLogTable>
