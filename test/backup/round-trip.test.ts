import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../server/backup/archive-format.ts'
import { restoreBackup } from '../../server/backup/restore-backup.ts'
import { writeBackup } from '../../server/backup/write-backup.ts'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { backend, createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { insertOrganization } from '../helpers/records.ts'
import { recordReliability } from '../reliability/summary.ts'
import { addRecordsOfUse } from './source-records.ts'
import { countOf, dataVersionOf, maxIdOf, tableContents } from './table-contents.ts'

// The brochure dataset and a database's worth of use, backed up, restored into an empty database of the
// same backend, and compared table by table, row by row.

let source: TestApp
let target: TestDatabase
let folder: string
let archive: string
let manifest: Manifest
let targetVersionBefore: number

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backup-test-'))
  archive = join(folder, 'backup.jsonl.gz')
  source = await createTestApp({ dataset: true })
  await addRecordsOfUse(source)
  target = await createTestDatabase()
  targetVersionBefore = await dataVersionOf(target.db)
  manifest = (await writeBackup(source.database.db, archive)).manifest
  await restoreBackup(target.db, archive)
}, 240_000)
afterAll(async () => {
  await source?.close()
  await target?.close()
  await rm(folder, { recursive: true, force: true })
})

describe('a backup restored into an empty database', () => {
  it('has every table, row by row, as the original', async () => {
    const original = await tableContents(source.database.db)
    const restored = await tableContents(target.db)
    expect(Object.keys(restored)).toEqual(Object.keys(original))
    for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table])
    // The records of use are there: nothing was compared empty.
    expect(original.metabolite_results?.length).toBeGreaterThan(2)
    expect(original.decks).toHaveLength(1)
    expect(original.audit_log?.length).toBeGreaterThan(100)
    expect(manifest.tables.map((table) => table.name)).toEqual(expect.arrayContaining(Object.keys(original)))
  })

  it('backs up again to the same checksums', async () => {
    const again = (await writeBackup(target.db, join(folder, 'again.jsonl.gz'))).manifest
    const differing = manifest.tables.filter(
      (table) => JSON.stringify(table) !== JSON.stringify(again.tables.find((t) => t.name === table.name)),
    )
    recordReliability({
      check: 'backup and restore drill (per-table checksums)',
      backend,
      figures: { tables: manifest.tables.length, rows: manifest.tables.reduce((n, t) => n + t.rows, 0) },
      failures: { 'tables differing': differing.length },
    })
    expect(again.tables).toEqual(manifest.tables)
    expect(again.migration).toBe(manifest.migration)
  })

  it('keeps JSON columns exactly, keys and all', async () => {
    const json = (db: TestDatabase['db']) =>
      sql<{ values: string }>`
        select json_agg(json_build_array(group_values, source_row, extra) order by id)::text as values
        from metabolite_results where group_values is not null
      `.execute(db.withoutPlugins())
    const [original, restored] = await Promise.all([json(source.database.db), json(target.db)])
    expect(original.rows[0]?.values).toContain('加熱_1')
    expect(restored.rows[0]?.values).toBe(original.rows[0]?.values)
  })

  it('keeps users with their password hashes, and no sessions', async () => {
    const hashes = (db: TestDatabase['db']) =>
      db.selectFrom('users').select(['email', 'passwordHash']).orderBy('id').execute()
    expect(await hashes(target.db)).toEqual(await hashes(source.database.db))
    expect(await countOf(source.database.db, 'sessions')).toBeGreaterThan(0)
    expect(await countOf(target.db, 'sessions')).toBe(0)
  })

  it('added nothing to the audit trail, moved the data version on, and left the triggers on', async () => {
    const auditRows = await countOf(source.database.db, 'audit_log')
    expect(await countOf(target.db, 'audit_log')).toBe(auditRows)
    expect(await dataVersionOf(target.db)).toBeGreaterThan(targetVersionBefore)

    // New ids come after the restored ones, in the records and in the trail the insert writes.
    const organization = await insertOrganization(target.db, 'company', '復元後の会社')
    expect(organization).toBeGreaterThan(await maxIdOf(source.database.db, 'organizations'))
    expect(await countOf(target.db, 'audit_log')).toBe(auditRows + 1)
    const { id: auditId } = await target.db
      .selectFrom('auditLog')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(auditId).toBeGreaterThan(await maxIdOf(source.database.db, 'audit_log'))
    const deck = await target.db
      .insertInto('decks')
      .values({ name: '復元後', slides: JSON.stringify([{ kind: 'title' }]) })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(deck.id).toBeGreaterThan(await maxIdOf(source.database.db, 'decks'))
  })
})
