import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// The data version (2026-11-29-02-performance) moved on for every write statement, also one that changed no
// row: a DELETE of a record that is not there (404), an UPDATE with a stale version (409). Each emptied every
// instance's response cache for nothing, and a refused request left a trace (found by the generated-request
// sweep, test/reliability/openapi-fuzz.test.ts). Row triggers fire only for rows written; the function still
// moves the version once per transaction. TRUNCATE has no rows to fire for, so it keeps its statement trigger.

const RECORD_TABLES = [
  'organizations',
  'programs',
  'subsidy_menus',
  'menu_year_caps',
  'projects',
  'project_partners',
  'project_grants',
  'findings',
  'metabolite_results',
  'outcomes',
  'outcome_findings',
  'events',
  'event_projects',
  'kpi_targets',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of RECORD_TABLES) {
    await sql.raw(`drop trigger ${table}_data_version on ${table}`).execute(db)
    await sql
      .raw(
        `create trigger ${table}_data_version after insert or update or delete on ${table}
         for each row execute function bump_data_version()`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger ${table}_data_version_truncate after truncate on ${table}
         for each statement execute function bump_data_version()`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of RECORD_TABLES) {
    await sql.raw(`drop trigger ${table}_data_version_truncate on ${table}`).execute(db)
    await sql.raw(`drop trigger ${table}_data_version on ${table}`).execute(db)
    await sql
      .raw(
        `create trigger ${table}_data_version after insert or update or delete or truncate on ${table}
         for each statement execute function bump_data_version()`,
      )
      .execute(db)
  }
}
