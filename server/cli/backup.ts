import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { connect } from '../../db/connect.ts'
import { writeBackup } from '../backup/write-backup.ts'
import { databaseConfig } from '../config.ts'

const USAGE = `Writes every record of the database to one archive file.

  npm run backup -- [--out FILE]

FILE defaults to metabolome-backup-<UTC date and time>.jsonl.gz in the current folder; it appears only once
complete. The database is the server's: DATABASE_URL, or the embedded one in DATA_DIR (stop the server
first: one process at a time may use a data folder). On PostgreSQL the server may keep running: the backup
reads one consistent snapshot. Sessions are not backed up. Restore with npm run restore.`

const defaultName = () =>
  `metabolome-backup-${new Date()
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.jsonl.gz`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const file = values.out ?? defaultName()
  const { databaseUrl, dataDir } = databaseConfig()
  // Opening a folder that is not there would create an empty database in it.
  if (!databaseUrl && !existsSync(dataDir))
    throw new Error(`There is no data folder at ${dataDir} (DATA_DIR)`)
  const handle = await connect(databaseUrl ? { databaseUrl } : { dataDir })
  try {
    const started = performance.now()
    const { manifest, bytes } = await writeBackup(handle.db, file)
    const seconds = (performance.now() - started) / 1000
    const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0)
    console.log(
      `Wrote ${file}: ${rows.toLocaleString('en')} rows of ${manifest.tables.length} tables ` +
        `(schema ${manifest.migration}), ${bytes.toLocaleString('en')} bytes, in ${seconds.toFixed(1)} s.`,
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
