import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { inject } from 'vitest'
import { type Backend, connect, type DatabaseHandle } from '../../db/connect.ts'
import { loadDataset } from '../../db/dataset/load.ts'
import { migrateToLatest } from '../../db/migrate.ts'

export const backend: Backend = process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite'

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of this test's own PostgreSQL database; undefined on PGlite. */
  url: string | undefined
}

/**
 * A database of the test file's own: in-memory PGlite, or a new database on the PostgreSQL server of
 * TEST_DATABASE_URL, dropped again by close(). Migrated; with the brochure dataset when asked. `onDisk`:
 * PGlite in a temporary data folder, as `npm start` runs it (in memory, files that grow to tens of MB are
 * copied at every growth, which makes bulk writes several times slower than on disk).
 */
export async function createTestDatabase(
  options: { dataset?: boolean; migrate?: boolean; onDisk?: boolean } = {},
): Promise<TestDatabase> {
  const { dataset = false, migrate = true, onDisk = false } = options
  const pgliteFolder = backend === 'pglite' && onDisk
  // A copy of the run's migrated database (test/helpers/database-templates.ts), where one fits.
  const templates = inject('databaseTemplates')
  const template =
    migrate && !pgliteFolder && templates ? (dataset ? templates.dataset : templates.migrated) : undefined
  const handle =
    backend === 'postgres'
      ? await createPostgresDatabase(template)
      : pgliteFolder
        ? await createPgliteFolder()
        : await createPgliteMemory(template)
  if (!template && migrate) await migrateToLatest(handle.db as Kysely<unknown>)
  if (!template && dataset) await loadDataset(handle.db)
  return handle
}

async function createPgliteMemory(dumpFile: string | undefined): Promise<TestDatabase> {
  const fromDump = dumpFile ? new Blob([await readFile(dumpFile)]) : undefined
  return { ...(await connect({ fromDump })), url: undefined }
}

async function createPgliteFolder(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pglite-test-'))
  const handle = await connect({ dataDir })
  return {
    ...handle,
    url: undefined,
    async close() {
      await handle.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function createPostgresDatabase(template?: string): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is required for the postgres backend')
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  const from = template ? ` template ${template}` : ''
  await withAdmin(serverUrl, (admin) => sql.raw(`create database ${name}${from}`).execute(admin))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await connect({ databaseUrl: url.toString(), poolSize: 5 })
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close()
      await withAdmin(serverUrl, (admin) =>
        sql.raw(`drop database if exists ${name} with (force)`).execute(admin),
      )
    },
  }
}

async function withAdmin<T>(url: string, work: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  })
  try {
    return await work(admin)
  } finally {
    await admin.destroy()
  }
}
