import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { readHeader } from '../backup/read-archive.ts'
import { restoreBackup } from '../backup/restore-backup.ts'
import { databaseConfig } from '../config.ts'

const USAGE = `Restores an archive written by npm run backup.

  npm run restore -- FILE [--force]

Into the server's database: DATABASE_URL, or the embedded one in DATA_DIR (a folder that does not exist yet
is created; stop the server first: one process at a time may use a data folder). The database must be empty
(a new DATA_DIR, or a database just made with createdb); it is given the schema first. --force replaces
everything in a database that has records. The archive is checked whole before anything is written, and
the restore is one transaction: if anything fails, the database is left as it was.`

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const [file, ...extra] = positionals
  if (!file || extra.length) throw new Error(`Name one archive to restore.\n\n${USAGE}`)
  // A file that is not a backup is refused before any database is opened (or a data folder created).
  await readHeader(file)
  const { databaseUrl, dataDir } = databaseConfig()
  const handle = await connect(databaseUrl ? { databaseUrl } : { dataDir })
  try {
    const started = performance.now()
    await migrateToLatest(handle.db as Kysely<unknown>)
    const manifest = await restoreBackup(handle.db, file, { force: values.force })
    const seconds = (performance.now() - started) / 1000
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0)
    console.log(
      `Restored ${file} (made ${manifest.createdAt}): ${rows.toLocaleString('en')} rows of ` +
        `${manifest.tables.length} tables in ${seconds.toFixed(1)} s.`,
    )
  } finally {
    await handle.close()
  }
}

try {
  await main()
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? `${message}\n\n${USAGE}` : message,
  )
  process.exitCode = 1
}
