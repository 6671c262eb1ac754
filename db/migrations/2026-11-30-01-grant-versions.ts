import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// A grant is edited in a form like every other record (issue 5), so it carries the version it was read at: a
// change sent with an older one answers 409 instead of overwriting what someone else saved meanwhile.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_grants add column version integer not null default 1`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_grants drop column version`.execute(db)
}
