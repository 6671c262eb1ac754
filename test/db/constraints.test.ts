import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { snapshotTables } from '../helpers/snapshot.ts'

let database: TestDatabase
let projectId: number
let findingId: number

beforeAll(async () => {
  database = await createTestDatabase({ dataset: true })
  const db = database.db
  projectId = (
    await db
      .selectFrom('projects')
      .select('id')
      .where('ref', '=', 'brochure-2018/denroku')
      .executeTakeFirstOrThrow()
  ).id
  findingId = (
    await db.selectFrom('findings').select('id').where('projectId', '=', projectId).executeTakeFirstOrThrow()
  ).id
})
afterAll(() => database.close())

const event = { kind: 'seminar', titleJa: 'テスト', fy: 2020, city: '鶴岡市' } as const

describe('database rules', () => {
  it('refuse negative attendance', async () => {
    await expect(
      database.db
        .insertInto('events')
        .values({ ...event, attendance: -1 })
        .execute(),
    ).rejects.toThrow(/events_attendance_check/)
  })

  it('refuse an implausible fiscal year and a date outside the fiscal year given', async () => {
    await expect(
      database.db
        .insertInto('events')
        .values({ ...event, fy: 1850 })
        .execute(),
    ).rejects.toThrow(/check/)
    await expect(
      database.db
        .insertInto('events')
        .values({ ...event, fy: 2020, heldOn: '2020-03-31', datePrecision: 'day' })
        .execute(),
    ).rejects.toThrow(/check/)
  })

  it('refuse a reference to a record that does not exist', async () => {
    await expect(
      database.db.insertInto('projectPartners').values({ projectId, orgId: 999_999 }).execute(),
    ).rejects.toThrow(/foreign key/)
  })

  it('refuse a duplicate organization', async () => {
    await expect(
      database.db.insertInto('organizations').values({ kind: 'company', nameJa: '㈱でん六' }).execute(),
    ).rejects.toThrow(/organizations_name_ja_key/)
  })

  it.each([
    ['hmdbId', 'HMDB112'],
    ['keggId', 'K00334'],
    ['chebiId', '16865'],
    ['inchikey', 'BTCSSZJGUNDROE-UHFFFAOYSA'],
    ['pubchemCid', 0],
    ['foldChange', 0],
    ['pValue', 1.5],
  ])('refuse a malformed %s (%s)', async (column, value) => {
    await expect(
      database.db
        .insertInto('metaboliteResults')
        .values({ findingId, name: 'GABA', [column]: value })
        .execute(),
    ).rejects.toThrow(/check/)
  })

  it('refuse a direction that contradicts the fold change', async () => {
    await expect(
      database.db
        .insertInto('metaboliteResults')
        .values({ findingId, name: 'Alanine', direction: 'up', foldChange: 0.5 })
        .execute(),
    ).rejects.toThrow(/check/)
  })

  it('leave nothing behind when one row of a transaction is refused', async () => {
    const before = await snapshotTables(database.db)
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('events')
          .values({ ...event, titleJa: '一件目', attendance: 10 })
          .execute()
        await trx.insertInto('organizations').values({ kind: 'company', nameJa: '新しい会社' }).execute()
        await trx
          .insertInto('events')
          .values({ ...event, titleJa: '二件目', attendance: -5 })
          .execute()
      }),
    ).rejects.toThrow(/attendance/)
    expect(await snapshotTables(database.db)).toEqual(before)
  })
})
