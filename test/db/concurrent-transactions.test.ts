import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.close())

// PGlite has a single connection: a rollback must undo only its own transaction's writes, even when
// another transaction and plain queries are interleaved with it.
it('loses no committed write when an overlapping transaction rolls back', async () => {
  const db = database.db
  const rounds = 20
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5))

  const results = await Promise.allSettled([
    ...Array.from({ length: 3 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('events')
          .values({ kind: 'seminar', titleJa: `rolled back ${i}`, fy: 2020 })
          .execute()
        await pause()
        throw new Error('roll back')
      }),
    ),
    ...Array.from({ length: rounds }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await pause()
        await trx
          .insertInto('events')
          .values({ kind: 'seminar', titleJa: `committed ${i}`, fy: 2020 })
          .execute()
      }),
    ),
    ...Array.from({ length: rounds }, (_, i) =>
      db
        .insertInto('events')
        .values({ kind: 'seminar', titleJa: `plain ${i}`, fy: 2020 })
        .execute(),
    ),
  ])

  expect(results.slice(0, 3).every((r) => r.status === 'rejected')).toBe(true)
  expect(results.slice(3).every((r) => r.status === 'fulfilled')).toBe(true)
  const titles = (await db.selectFrom('events').select('titleJa').execute()).map((e) => e.titleJa)
  expect(titles.filter((t) => t.startsWith('rolled back'))).toEqual([])
  expect(titles).toHaveLength(rounds * 2)
})
