import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  ARCHIVE_FORMAT,
  controlLine,
  FORMAT_VERSION,
  type Manifest,
  type TableSummary,
} from './archive-format.ts'
import { type BackupTable, backupTables, latestMigration } from './catalog.ts'

const FETCH_ROWS = 2000

/**
 * Writes every application table to `file` (server/backup/archive-format.ts), from one consistent snapshot:
 * writes committed meanwhile are either wholly in it or not at all. The file appears only when complete.
 */
export async function writeBackup(
  db: Kysely<Database>,
  file: string,
): Promise<{ manifest: Manifest; bytes: number }> {
  const partial = `${file}.partial`
  const gzip = createGzip()
  const written = pipeline(gzip, createWriteStream(partial))
  try {
    // Without the app's CamelCasePlugin, which would rename the keys inside JSON columns.
    const manifest = await (db.withoutPlugins() as Kysely<unknown>)
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => writeArchive(trx, gzip))
    gzip.end()
    await written
    await rename(partial, file)
    return { manifest, bytes: (await stat(file)).size }
  } catch (error) {
    gzip.destroy()
    await written.catch(() => {})
    await rm(partial, { force: true })
    throw error
  }
}

async function writeArchive(trx: Kysely<unknown>, output: Writable): Promise<Manifest> {
  const write = async (text: string) => {
    if (!output.write(text)) await once(output, 'drain')
  }
  // The same text for the same values whatever the server's settings.
  await sql`set local timezone = 'UTC'`.execute(trx)
  await sql`set local extra_float_digits = 1`.execute(trx)
  const header = {
    format: ARCHIVE_FORMAT,
    formatVersion: FORMAT_VERSION,
    migration: await latestMigration(trx),
    createdAt: new Date().toISOString(),
  }
  await write(controlLine({ '@': 'header', ...header }))
  const tables: TableSummary[] = []
  for (const table of await backupTables(trx)) {
    await write(controlLine({ '@': 'table', name: table.name, columns: table.columns }))
    const summary = await writeRows(trx, table, write)
    await write(controlLine({ '@': 'end', ...summary }))
    tables.push(summary)
  }
  const manifest = { ...header, tables }
  await write(controlLine({ '@': 'manifest', ...manifest }))
  return manifest
}

/** A table's rows in key order, read through a cursor so that a large table is never held whole. */
async function writeRows(
  trx: Kysely<unknown>,
  table: BackupTable,
  write: (text: string) => Promise<void>,
): Promise<TableSummary> {
  const hash = createHash('sha256')
  let rows = 0
  await sql`
    declare backup_rows no scroll cursor for
    select row_to_json(r)::text as line
    from (
      select ${sql.join(table.columns.map((column) => sql.ref(column)))} from ${sql.table(table.name)}
      order by ${sql.join(table.primaryKey.map((column) => sql.ref(column)))}
    ) r
  `.execute(trx)
  for (;;) {
    const { rows: batch } = await sql<{
      line: string
    }>`fetch forward ${sql.lit(FETCH_ROWS)} from backup_rows`.execute(trx)
    if (batch.length === 0) break
    const text = `${batch.map((row) => row.line).join('\n')}\n`
    hash.update(text)
    rows += batch.length
    await write(text)
  }
  await sql`close backup_rows`.execute(trx)
  return { name: table.name, rows, sha256: hash.digest('hex') }
}
