import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// Seminar slide decks: the slides chosen and their order, the dashboard filters they show, and, once frozen,
// the figures as they were at that moment (so numbers do not move during a talk). Slides, filters and the
// snapshot are the API's own JSON shapes (server/schemas/decks.ts), checked there; the database keeps
// their outline. Decks are audited like the records (the trigger function of 2026-11-28-02-accounts).

const statements = [
  `create table decks (
    id integer generated always as identity primary key,
    name text not null check (btrim(name) <> '' and length(name) <= 200),
    subtitle text check (btrim(subtitle) <> '' and length(subtitle) <= 300),
    slides jsonb not null check (jsonb_typeof(slides) = 'array' and jsonb_array_length(slides) > 0),
    filters jsonb not null default '{}' check (jsonb_typeof(filters) = 'object'),
    locale text not null default 'ja' check (locale in ('ja', 'en')),
    auto_advance_seconds integer check (auto_advance_seconds between 5 and 600),
    snapshot jsonb check (jsonb_typeof(snapshot) = 'object'),
    frozen_at timestamptz,
    version integer not null default 1 check (version > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint decks_frozen_check check ((snapshot is null) = (frozen_at is null))
  )`,
  `create index decks_updated_idx on decks (updated_at desc, id)`,
  `create trigger decks_audit after insert or update or delete on decks
   for each row execute function audit_row('id')`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table decks').execute(db)
}
