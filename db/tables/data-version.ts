import type { ColumnType } from 'kysely'

/** One row, moved on by every write to a record table (db/migrations/2026-11-29-02-performance.ts). */
export interface DataVersionTable {
  id: ColumnType<true, never, never>
  /** bigint: read it as text (`version::text`), never as a JavaScript number. */
  version: ColumnType<string, never, never>
}
