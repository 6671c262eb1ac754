import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// Saved column mappings of the spreadsheet import (server/routes/imports): which column of a file feeds which
// field of a record, by name per kind of record, so that the same spreadsheet layout is mapped once. The
// columns are the API's own JSON shape (server/schemas/record-import.ts), checked there; the database keeps its
// outline. A setting of the import rather than a record: not in the audit trail (which lists the records'
// tables, server/schemas/audit.ts), and no cached answer reads it, so no data-version trigger.

const statements = [
  `create table import_mappings (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('projects', 'outcomes', 'events', 'findings')),
    name text not null check (btrim(name) <> '' and length(name) <= 100),
    columns jsonb not null check (jsonb_typeof(columns) = 'object'),
    created_by integer references users (id) on delete set null,
    version integer not null default 1 check (version > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create unique index import_mappings_kind_name_key on import_mappings (kind, lower(name))`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table import_mappings').execute(db)
}
