import type { Kysely } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'
import * as domain from './migrations/2026-11-28-01-domain.ts'
import * as accounts from './migrations/2026-11-28-02-accounts.ts'
import * as metaboliteDetails from './migrations/2026-11-28-03-metabolite-details.ts'
import * as decks from './migrations/2026-11-29-01-decks.ts'
import * as performance from './migrations/2026-11-29-02-performance.ts'
import * as grantVersions from './migrations/2026-11-30-01-grant-versions.ts'
import * as dataVersionRows from './migrations/2026-11-30-02-data-version-rows.ts'
import * as importMappings from './migrations/2026-12-01-01-import-mappings.ts'
import * as metaboliteOrder from './migrations/2026-12-02-01-metabolite-order.ts'

// Listed here rather than read from the folder, so migrations work the same from source and bundles.
const migrations: Record<string, Migration> = {
  '2026-11-28-01-domain': domain,
  '2026-11-28-02-accounts': accounts,
  '2026-11-28-03-metabolite-details': metaboliteDetails,
  '2026-11-29-01-decks': decks,
  '2026-11-29-02-performance': performance,
  '2026-11-30-01-grant-versions': grantVersions,
  '2026-11-30-02-data-version-rows': dataVersionRows,
  '2026-12-01-01-import-mappings': importMappings,
  '2026-12-02-01-metabolite-order': metaboliteOrder,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Brings the schema up to date; returns the names of the migrations this call ran. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) throw error
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export const FIRST_MIGRATION = '2026-11-28-01-domain'
