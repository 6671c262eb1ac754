import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { ArchiveError, type Manifest } from './archive-format.ts'
import { type BackupTable, backupTables, latestMigration } from './catalog.ts'
import { readArchive, readHeader, verifyArchive } from './read-archive.ts'

/** The database cannot take this archive as it is (not empty, or at another schema). */
export class RestoreRefusedError extends Error {}

/**
 * Fills an empty database, migrated to the archive's schema, with the archive's rows: every table in one
 * transaction, each after the tables it references, ids kept and the id sequences moved past them.
 * `force` first empties a database that has records. The archive is read through and checked before the
 * database is touched, and again as it is restored; anything wrong rolls everything back.
 *
 * The triggers of the restored tables are off while it runs (`ALTER TABLE … DISABLE TRIGGER USER`, which
 * the tables' owner may do, and which leaves foreign keys checked): the audit trail is restored as it was,
 * not added to, and the cache version moves on once at the end, so running instances drop their answers.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  file: string,
  options: { force?: boolean } = {},
): Promise<Manifest> {
  // Without the app's CamelCasePlugin: the rows go to PostgreSQL as the archive holds them.
  const raw = db.withoutPlugins() as Kysely<unknown>
  const header = await readHeader(file)
  const migration = await latestMigration(raw)
  if (header.migration !== migration) {
    throw new RestoreRefusedError(
      `The archive was made at schema ${header.migration}; this database is at ${migration}. ` +
        'Restore it with the version of the app that made it.',
    )
  }
  const manifest = await verifyArchive(file)
  await raw.transaction().execute(async (trx) => {
    const tables = await backupTables(trx)
    checkSameTables(manifest, tables)
    for (const table of tables)
      await sql`alter table ${sql.table(table.name)} disable trigger user`.execute(trx)
    await emptyOrRefuse(trx, tables, options.force ?? false)
    await insertRows(trx, new Map(tables.map((table) => [table.name, table])), file)
    for (const table of tables) await restartSequences(trx, table)
    for (const table of tables)
      await sql`alter table ${sql.table(table.name)} enable trigger user`.execute(trx)
    await sql`update data_version set version = version + 1`.execute(trx)
  })
  return manifest
}

function checkSameTables(manifest: Manifest, tables: BackupTable[]) {
  const inArchive = manifest.tables.map((table) => table.name).sort()
  const inDatabase = tables.map((table) => table.name).sort()
  if (inArchive.join() !== inDatabase.join()) {
    throw new ArchiveError(
      `The archive holds the tables ${inArchive.join(', ')}, the database has ${inDatabase.join(', ')}`,
    )
  }
}

async function emptyOrRefuse(trx: Kysely<unknown>, tables: BackupTable[], force: boolean) {
  const filled: string[] = []
  for (const table of tables) {
    const { rows } = await sql<{ some: boolean }>`
      select exists (select from ${sql.table(table.name)}) as some
    `.execute(trx)
    if (rows[0]?.some) filled.push(table.name)
  }
  if (filled.length === 0) return
  if (!force) {
    throw new RestoreRefusedError(
      `The database is not empty (${filled.join(', ')} have rows): restore into an empty database, ` +
        'or add --force to replace everything in it',
    )
  }
  // Sessions go with their users (cascade); sign-in throttling starts afresh.
  const names = [...tables.map((table) => table.name), 'sign_in_failures']
  await sql`truncate ${sql.join(names.map((name) => sql.table(name)))} cascade`.execute(trx)
}

async function insertRows(trx: Kysely<unknown>, tables: Map<string, BackupTable>, file: string) {
  let table: BackupTable | undefined
  // A table referencing itself is inserted in one statement: its foreign key is checked at the statement's
  // end, so a row may come before the row it references.
  let held: string[] = []
  const insert = async (lines: string[]) => {
    if (!table || lines.length === 0) return
    const columns = sql.join(table.columns.map((column) => sql.ref(column)))
    await sql`
      insert into ${sql.table(table.name)} (${columns}) overriding system value
      select ${columns} from json_populate_recordset(null::${sql.table(table.name)}, ${`[${lines.join(',')}]`}::json)
    `.execute(trx)
  }
  for await (const event of readArchive(file)) {
    if (event.kind === 'table') {
      table = tables.get(event.name)
      if (table?.columns.join() !== event.columns.join())
        throw new ArchiveError(`The columns of ${event.name} in the archive are not the database's`)
    } else if (event.kind === 'rows') {
      if (table?.selfReferencing) held.push(...event.lines)
      else await insert(event.lines)
    } else {
      await insert(held)
      held = []
    }
  }
}

/** The next id each sequence gives is above every restored one (1 for an empty table). */
async function restartSequences(trx: Kysely<unknown>, table: BackupTable) {
  for (const { column, sequence } of table.sequences) {
    await sql`
      select setval(${sequence}::regclass, coalesce((select max(${sql.ref(column)}) from ${sql.table(table.name)}), 0) + 1, false)
    `.execute(trx)
  }
}
