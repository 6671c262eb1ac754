import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { ActorDialect } from './actor.ts'
import { lockDataDir } from './data-dir-lock.ts'
import type { Database } from './database.ts'
import { loadDataset } from './dataset/load.ts'
import { FIRST_MIGRATION, migrateToLatest } from './migrate.ts'
import { typeParsers } from './type-parsers.ts'

export type Backend = 'postgres' | 'pglite'

export interface DatabaseHandle {
  db: Kysely<Database>
  backend: Backend
  /** Checkpoints (PGlite), closes, and releases the data folder. */
  close(): Promise<void>
  /** PGlite only: the whole database as one tarball, to start another from (`fromDump`) without migrating. */
  dump?: () => Promise<Blob>
}

export type ConnectOptions =
  | { databaseUrl: string; poolSize?: number }
  /** `dataDir` undefined: an in-memory database, gone when closed; `fromDump` starts it from a dump. */
  | { dataDir?: string; fromDump?: Blob }

export function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  return 'databaseUrl' in options
    ? connectPostgres(options.databaseUrl, options.poolSize)
    : connectPglite(options.dataDir, options.fromDump)
}

async function connectPostgres(connectionString: string, max = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: { getTypeParser: (oid, format) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format) },
  })
  // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  // Nor one in use: its query fails (and the request answers 503), but the client also emits 'error', which
  // unheard ends the process (found by test/reliability/database-outage.test.ts).
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({
    dialect: new ActorDialect(new PostgresDialect({ pool })),
    plugins: [new CamelCasePlugin()],
  })
  return { db, backend: 'postgres', close: () => db.destroy() }
}

async function connectPglite(dataDir: string | undefined, fromDump?: Blob): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {}
  try {
    // The extensions the migrations create (PostgreSQL ships them; PGlite loads them on demand).
    const pglite = await PGlite.create(dataDir, {
      parsers: typeParsers,
      extensions: { pg_trgm },
      ...(fromDump ? { loadDataDir: fromDump } : {}),
    })
    const db = new Kysely<Database>({
      dialect: new ActorDialect(new PGliteDialect({ pglite })),
      plugins: [new CamelCasePlugin()],
    })
    return {
      db,
      backend: 'pglite',
      dump: () => pglite.dumpDataDir('none'),
      async close() {
        try {
          if (dataDir) await sql`checkpoint`.execute(db)
          await db.destroy()
          if (!pglite.closed) await pglite.close()
        } finally {
          unlock()
        }
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}

/** Migrates; a database created by this call also receives the brochure dataset. */
export async function prepareDatabase(
  db: Kysely<Database>,
  options: { loadDataset: boolean },
): Promise<void> {
  const ran = await migrateToLatest(db as Kysely<unknown>)
  if (options.loadDataset && ran.includes(FIRST_MIGRATION)) await loadDataset(db)
}
