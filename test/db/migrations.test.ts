import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../db/migrate.ts'
import { fiscalYearOf } from '../../server/domain/fiscal-year.ts'
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false })
})
afterAll(() => database.close())

describe('migrations', () => {
  it('build the schema from empty, and a second run does nothing', async () => {
    const first = await migrateToLatest(database.db as Kysely<unknown>)
    expect(first).toEqual([
      '2026-11-28-01-domain',
      '2026-11-28-02-accounts',
      '2026-11-28-03-metabolite-details',
      '2026-11-29-01-decks',
      '2026-11-29-02-performance',
      '2026-11-30-01-grant-versions',
      '2026-11-30-02-data-version-rows',
      '2026-12-01-01-import-mappings',
      '2026-12-02-01-metabolite-order',
    ])
    const tables = await sql<{ tableName: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name
    `.execute(database.db)
    expect(tables.rows.map((t) => t.tableName)).toEqual(
      expect.arrayContaining([
        'organizations',
        'projects',
        'findings',
        'metabolite_results',
        'outcomes',
        'events',
        'users',
        'sessions',
        'sign_in_failures',
        'audit_log',
      ]),
    )
    expect(await migrateToLatest(database.db as Kysely<unknown>)).toEqual([])
  })

  it("compute the fiscal year in SQL exactly as the app's function does", async () => {
    const dates: string[] = []
    for (let year = 1989; year <= 2031; year++) {
      for (const day of ['01-01', '03-31', '04-01', '12-31']) dates.push(`${year}-${day}`)
    }
    dates.push('2020-02-29')
    const { rows } = await sql<{ d: string; fy: number }>`
      select d::text as d, fiscal_year(d) as fy from unnest(${dates}::date[]) as d
    `.execute(database.db)
    expect(rows).toHaveLength(dates.length)
    for (const row of rows) expect(row.fy, row.d).toBe(fiscalYearOf(row.d))
  })
})
