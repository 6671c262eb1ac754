import { type Kysely, sql } from 'kysely'

// What a backup holds, read from the database's own catalog rather than listed by hand, so that a table a
// later migration adds is backed up and restored without anyone remembering to add it here.

/** Tables that are not the application's data: the migrator's own, sign-ins under way, the cache version. */
export const NOT_BACKED_UP = [
  'kysely_migration',
  'kysely_migration_lock',
  // Sessions and sign-in throttling are the running system's, not the records: a restore signs everyone out.
  'sessions',
  'sign_in_failures',
  // Moved on by every write; a restore moves it on once instead (server/backup/restore-backup.ts).
  'data_version',
] as const

export interface BackupTable {
  name: string
  /** In the table's own order; generated columns left out (the database computes them). */
  columns: string[]
  primaryKey: string[]
  /** The sequences behind identity or serial columns, to be moved past the restored ids. */
  sequences: { column: string; sequence: string }[]
  /** A foreign key to itself (a program's parent, an organization spun out of another). */
  selfReferencing: boolean
}

/** The application's tables, each after the tables its foreign keys reference. */
export async function backupTables(db: Kysely<unknown>): Promise<BackupTable[]> {
  const { rows: columns } = await sql<{
    table: string
    column: string
    primaryKeyPosition: number | null
    sequence: string | null
  }>`
    select c.relname as "table", a.attname as "column",
      (select k.position from unnest(pk.indkey) with ordinality k (attnum, position) where k.attnum = a.attnum)
        as "primaryKeyPosition",
      pg_get_serial_sequence(format('%I', c.relname), a.attname) as "sequence"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    left join pg_index pk on pk.indrelid = c.oid and pk.indisprimary
    where c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> all (${sql.val([...NOT_BACKED_UP])}::text[])
    order by c.relname, a.attnum
  `.execute(db)
  const { rows: references } = await sql<{ table: string; referenced: string }>`
    select distinct c.relname as "table", r.relname as "referenced"
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class r on r.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = current_schema()::regnamespace
  `.execute(db)

  const tables = new Map<string, BackupTable>()
  for (const row of columns) {
    let table = tables.get(row.table)
    if (!table) {
      table = { name: row.table, columns: [], primaryKey: [], sequences: [], selfReferencing: false }
      tables.set(row.table, table)
    }
    table.columns.push(row.column)
    if (row.primaryKeyPosition !== null) table.primaryKey[row.primaryKeyPosition - 1] = row.column
    if (row.sequence) table.sequences.push({ column: row.column, sequence: row.sequence })
  }
  for (const table of tables.values()) {
    // Without a key there is no canonical order, and a restored copy could not be compared row by row.
    if (table.primaryKey.length === 0) throw new Error(`Table ${table.name} has no primary key to order by`)
  }
  const dependsOn = new Map([...tables.keys()].map((name) => [name, new Set<string>()]))
  for (const { table, referenced } of references) {
    if (table === referenced) {
      const self = tables.get(table)
      if (self) self.selfReferencing = true
    } else if (tables.has(referenced)) dependsOn.get(table)?.add(referenced)
  }
  return inReferenceOrder(dependsOn).map((name) => tables.get(name) as BackupTable)
}

/** Tables ordered so that each comes after those it references; ties by name, for a stable order. */
function inReferenceOrder(dependsOn: Map<string, Set<string>>): string[] {
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < dependsOn.size) {
    const ready = [...dependsOn]
      .filter(([name, needs]) => !placed.has(name) && [...needs].every((need) => placed.has(need)))
      .map(([name]) => name)
      .sort()
    if (ready.length === 0) {
      const left = [...dependsOn.keys()].filter((name) => !placed.has(name))
      throw new Error(`Foreign keys form a cycle among ${left.join(', ')}`)
    }
    for (const name of ready) {
      ordered.push(name)
      placed.add(name)
    }
  }
  return ordered
}

/** The newest migration the database has run: a backup restores only into the same schema. */
export async function latestMigration(db: Kysely<unknown>): Promise<string> {
  const { rows: schema } = await sql<{ migrated: boolean }>`
    select to_regclass('kysely_migration') is not null as migrated
  `.execute(db)
  const { rows } = schema[0]?.migrated
    ? await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)
    : { rows: [] }
  const name = rows[0]?.name
  if (!name) throw new Error('The database has no schema yet (it was never migrated)')
  return name
}
