import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Audited tables, each with the column that names the record a change belongs to: its own id, or, for a
 * table of links or details, the id of the record they belong to (a project's partners are part of the
 * project's history, a finding's metabolite results of the finding's).
 */
const AUDITED: [table: string, recordColumn: string][] = [
  ['organizations', 'id'],
  ['programs', 'id'],
  ['subsidy_menus', 'id'],
  ['menu_year_caps', 'menu_id'],
  ['projects', 'id'],
  ['project_partners', 'project_id'],
  ['project_grants', 'id'],
  ['findings', 'id'],
  ['metabolite_results', 'finding_id'],
  ['outcomes', 'id'],
  ['outcome_findings', 'outcome_id'],
  ['events', 'id'],
  ['event_projects', 'event_id'],
  ['kpi_targets', 'id'],
  ['users', 'id'],
]

const statements = [
  `create table users (
    id integer generated always as identity primary key,
    email text not null check (email ~ '^[^@\\s]+@[^@\\s]+$' and length(email) <= 254),
    display_name text not null check (btrim(display_name) <> ''),
    role text not null check (role in ('admin', 'manager', 'partner', 'viewer')),
    organization_id integer references organizations (id),
    password_hash text not null check (password_hash like '$argon2id$%'),
    disabled boolean not null default false,
    version integer not null default 1 check (version > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint users_organization_id_check check ((role = 'partner') = (organization_id is not null))
  )`,
  `create unique index users_email_key on users (lower(email))`,
  `create index users_organization_idx on users (organization_id)`,

  `create table sessions (
    token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    check (expires_at > created_at)
  )`,
  `create index sessions_user_idx on sessions (user_id)`,
  `create index sessions_expires_idx on sessions (expires_at)`,

  `create table sign_in_failures (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    ip text not null,
    email text not null
  )`,
  `create index sign_in_failures_ip_idx on sign_in_failures (ip, at)`,
  `create index sign_in_failures_email_idx on sign_in_failures (email, at)`,

  // No foreign key to users: the trail outlives the accounts it names.
  `create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    actor_id integer,
    action text not null check (action in ('create', 'update', 'delete')),
    table_name text not null,
    record_id integer,
    before jsonb,
    after jsonb,
    check ((action = 'create') = (before is null)),
    check ((action = 'delete') = (after is null))
  )`,
  `create index audit_log_record_idx on audit_log (table_name, record_id, id)`,
  `create index audit_log_actor_idx on audit_log (actor_id, id)`,
  `create index audit_log_at_idx on audit_log (at)`,

  // One row per changed row, in the writing transaction (so it commits or rolls back with the write). The
  // actor is the transaction's or session's app.actor_id, which the app sets for a signed-in user's
  // request (db/actor.ts). Password hashes never reach the log.
  `create function audit_row() returns trigger language plpgsql as $$
  declare
    old_row jsonb := case when TG_OP in ('UPDATE', 'DELETE') then to_jsonb(OLD) - 'password_hash' end;
    new_row jsonb := case when TG_OP in ('INSERT', 'UPDATE') then to_jsonb(NEW) - 'password_hash' end;
  begin
    if TG_OP = 'UPDATE' and old_row = new_row then
      return null;
    end if;
    insert into audit_log (actor_id, action, table_name, record_id, before, after)
    values (
      nullif(current_setting('app.actor_id', true), '')::integer,
      case TG_OP when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
      TG_TABLE_NAME,
      (coalesce(new_row, old_row) ->> TG_ARGV[0])::integer,
      old_row,
      new_row
    );
    return null;
  end
  $$`,
  ...AUDITED.map(
    ([table, recordColumn]) =>
      `create trigger ${table}_audit after insert or update or delete on ${table}
       for each row execute function audit_row('${recordColumn}')`,
  ),

  `create function refuse_audit_change() returns trigger language plpgsql as $$
  begin
    raise exception 'audit_log is append-only';
  end
  $$`,
  `create trigger audit_log_append_only before update or delete on audit_log
   for each row execute function refuse_audit_change()`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of AUDITED) await sql.raw(`drop trigger ${table}_audit on ${table}`).execute(db)
  for (const table of ['audit_log', 'sign_in_failures', 'sessions', 'users'])
    await sql.raw(`drop table ${table}`).execute(db)
  await sql.raw('drop function audit_row()').execute(db)
  await sql.raw('drop function refuse_audit_change()').execute(db)
}
