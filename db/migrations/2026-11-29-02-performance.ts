import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// What the dashboard needs at scale (issue 8): a version of the records that every write moves on, so that
// app instances can keep answers until the data changes (server/plugins/response-cache.ts), and the indexes
// the search and the per-project aggregates read.

/**
 * Tables whose rows a cached answer may show. A table added later whose rows reach a cached answer gets the
 * same trigger in its own migration.
 */
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

const statements = [
  // One row. Moved on in the writing transaction, so a reader sees the new version exactly when it can see
  // the write: an instance that reads version n and then computes an answer has every write up to n in it.
  `create table data_version (
    id boolean primary key default true check (id),
    version bigint not null default 1
  )`,
  `insert into data_version default values`,
  // Once per transaction (the flag is transaction-local, and undone with a rolled-back savepoint): the row
  // stays locked from the first write to the commit anyway, so writers of records take turns at the commit.
  `create function bump_data_version() returns trigger language plpgsql as $$
  begin
    if current_setting('app.data_version_bumped', true) is distinct from 'on' then
      update data_version set version = version + 1;
      perform set_config('app.data_version_bumped', 'on', true);
    end if;
    return null;
  end
  $$`,
  ...RECORD_TABLES.map(
    (table) =>
      `create trigger ${table}_data_version after insert or update or delete or truncate on ${table}
       for each statement execute function bump_data_version()`,
  ),

  // The metabolite search matches names anywhere in them (ilike '%…%'): a trigram index, not a scan of
  // every result.
  `create extension if not exists pg_trgm`,
  `create index metabolite_results_name_trgm_idx on metabolite_results using gin (name gin_trgm_ops)`,

  // Per project: its products and their years (the funnel, the project page), read from the index alone.
  // It starts with project_id, so it serves every lookup the old single-column index did.
  `create index outcomes_project_kind_fy_idx on outcomes (project_id, kind, fy)`,
  `drop index outcomes_project_idx`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('create index outcomes_project_idx on outcomes (project_id)').execute(db)
  await sql.raw('drop index outcomes_project_kind_fy_idx').execute(db)
  await sql.raw('drop index metabolite_results_name_trgm_idx').execute(db)
  for (const table of RECORD_TABLES)
    await sql.raw(`drop trigger ${table}_data_version on ${table}`).execute(db)
  await sql.raw('drop function bump_data_version()').execute(db)
  await sql.raw('drop table data_version').execute(db)
}
