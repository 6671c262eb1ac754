import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

/** Every row of every table, as text, to compare a database before and after an operation. */
export async function snapshotTables(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      -- Session bookkeeping (last use, failed sign-ins) is not a record, and the audit trail keeps the
      -- tests' own round trips (a record added, then deleted); test/server/auth/audit.test.ts checks it. The
      -- data version counts those round trips too (test/server/response-cache.test.ts checks it).
      and table_name not in ('sessions', 'sign_in_failures', 'audit_log', 'data_version')
    order by table_name
  `.execute(db)
  const snapshot: Record<string, string[]> = {}
  for (const { tableName } of tables) {
    const { rows } = await sql<{ row: string }>`
      select t::text as row from ${sql.table(tableName)} as t order by 1
    `.execute(db)
    snapshot[tableName] = rows.map((r) => r.row)
  }
  return snapshot
}
