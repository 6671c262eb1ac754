import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

/**
 * Every row of every table a backup should carry, as PostgreSQL's own text of the row, in a canonical order:
 * found and read independently of server/backup, so the two cannot share a blind spot.
 */
export async function tableContents(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const { rows: tables } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      and table_name not in ('sessions', 'sign_in_failures', 'data_version')
    order by table_name
  `.execute(db)
  const contents: Record<string, string[]> = {}
  for (const { tableName } of tables) {
    const { rows } = await sql<{ row: string }>`
      select t::text as row from ${sql.table(tableName)} as t order by 1
    `.execute(db)
    contents[tableName] = rows.map((r) => r.row)
  }
  return contents
}

export async function countOf(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
  return rows[0]?.n ?? 0
}

export async function maxIdOf(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{
    max: number
  }>`select coalesce(max(id), 0)::int as max from ${sql.table(table)}`.execute(db)
  return rows[0]?.max ?? 0
}

export async function dataVersionOf(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: number }>`select version::int as version from data_version`.execute(
    db,
  )
  return rows[0]?.version ?? 0
}
