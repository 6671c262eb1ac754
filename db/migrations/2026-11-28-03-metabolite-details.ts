import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// What an imported result file says about each metabolite beyond the finding's summary columns: where the
// peak is (m/z; migration time for CE-MS, retention time for LC/GC-MS, in the file's unit, minutes as labs
// and repositories write them), the values per sample or group, and the file's own row, so that nothing
// delivered is lost and every value can be traced back to its line.

const statements = [
  `alter table metabolite_results
    add column mz double precision check (mz > 0 and mz < 'Infinity'),
    add column migration_time double precision check (migration_time >= 0 and migration_time < 'Infinity'),
    add column retention_time double precision check (retention_time >= 0 and retention_time < 'Infinity'),
    add column group_values jsonb check (jsonb_typeof(group_values) = 'object'),
    add column unidentified boolean not null default false,
    add column source_line integer check (source_line > 0),
    add column source_row jsonb check (jsonb_typeof(source_row) = 'object'),
    add column extra jsonb check (jsonb_typeof(extra) = 'object'),
    add constraint metabolite_results_unidentified_check
      check (not unidentified or mz is not null or migration_time is not null or retention_time is not null)`,

  // An import writes up to hundreds of thousands of results in a few statements. Audited per statement (one
  // pass over the statement's rows) rather than per row (one trigger call each): the entries are the same
  // as audit_row() makes, one per changed row, and an import runs about a third faster.
  // (The insert trigger keeps the name <table>_audit that every audited table's trigger has.)
  `drop trigger metabolite_results_audit on metabolite_results`,
  `create function audit_rows() returns trigger language plpgsql as $$
  declare
    actor integer := nullif(current_setting('app.actor_id', true), '')::integer;
  begin
    if TG_OP = 'INSERT' then
      insert into audit_log (actor_id, action, table_name, record_id, before, after)
      select actor, 'create', TG_TABLE_NAME, (to_jsonb(n) ->> TG_ARGV[0])::integer, null, to_jsonb(n)
      from new_rows n;
    elsif TG_OP = 'DELETE' then
      insert into audit_log (actor_id, action, table_name, record_id, before, after)
      select actor, 'delete', TG_TABLE_NAME, (to_jsonb(o) ->> TG_ARGV[0])::integer, to_jsonb(o), null
      from old_rows o;
    else
      insert into audit_log (actor_id, action, table_name, record_id, before, after)
      select actor, 'update', TG_TABLE_NAME, (to_jsonb(n) ->> TG_ARGV[0])::integer, to_jsonb(o), to_jsonb(n)
      from old_rows o join new_rows n on n.id = o.id
      where to_jsonb(o) is distinct from to_jsonb(n);
    end if;
    return null;
  end
  $$`,
  // PostgreSQL allows transition tables on one event per trigger: three triggers.
  `create trigger metabolite_results_audit after insert on metabolite_results
   referencing new table as new_rows for each statement execute function audit_rows('finding_id')`,
  `create trigger metabolite_results_audit_of_update after update on metabolite_results
   referencing old table as old_rows new table as new_rows
   for each statement execute function audit_rows('finding_id')`,
  `create trigger metabolite_results_audit_of_delete after delete on metabolite_results
   referencing old table as old_rows for each statement execute function audit_rows('finding_id')`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['audit', 'audit_of_update', 'audit_of_delete'])
    await sql.raw(`drop trigger metabolite_results_${name} on metabolite_results`).execute(db)
  await sql.raw('drop function audit_rows()').execute(db)
  await sql
    .raw(`create trigger metabolite_results_audit after insert or update or delete on metabolite_results
      for each row execute function audit_row('finding_id')`)
    .execute(db)
  await sql
    .raw(`alter table metabolite_results
      drop constraint metabolite_results_unidentified_check,
      drop column extra,
      drop column source_row,
      drop column source_line,
      drop column unidentified,
      drop column group_values,
      drop column retention_time,
      drop column migration_time,
      drop column mz`)
    .execute(db)
}
