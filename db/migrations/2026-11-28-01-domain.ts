import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.

const FY = (column: string) => `${column} integer check (${column} between 1980 and 2100)`
const VISIBILITY = `visibility text not null default 'public'
    check (visibility in ('public', 'program', 'confidential')),
  embargo_until date`
const VERSIONED = `version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()`

const statements = [
  // The database's copy of the fiscal-year rule (server/domain/fiscal-year.ts); test/db keeps them equal.
  `create function fiscal_year(d date) returns integer language sql immutable strict parallel safe as
     $$ select (extract(year from d) - case when extract(month from d) < 4 then 1 else 0 end)::integer $$`,

  `create table organizations (
    id integer generated always as identity primary key,
    kind text not null
      check (kind in ('company', 'cooperative', 'university', 'public_lab', 'venture', 'agency')),
    name_ja text not null unique check (btrim(name_ja) <> ''),
    name_en text check (btrim(name_en) <> ''),
    municipality text,
    size text check (size in ('sme', 'large')),
    spun_out_of_id integer references organizations (id) on delete set null,
    listed_as_adopted boolean not null default false,
    note text,
    ${VERSIONED}
  )`,
  `create unique index organizations_name_en_key on organizations (lower(name_en))`,

  `create table programs (
    id integer generated always as identity primary key,
    code text not null unique check (code ~ '^[a-z][a-z0-9_]*$'),
    parent_id integer references programs (id),
    name_ja text not null,
    name_en text not null
  )`,

  `create table subsidy_menus (
    id integer generated always as identity primary key,
    code text not null unique check (code ~ '^[a-z][a-z0-9_]*$'),
    program_id integer not null references programs (id),
    name_ja text not null,
    name_en text not null,
    description_ja text,
    description_en text,
    max_years integer not null check (max_years between 1 and 10),
    rate_sme_numerator integer not null,
    rate_sme_denominator integer not null,
    rate_large_numerator integer not null,
    rate_large_denominator integer not null,
    unique (id, program_id),
    check (rate_sme_numerator > 0 and rate_sme_denominator >= rate_sme_numerator),
    check (rate_large_numerator > 0 and rate_large_denominator >= rate_large_numerator)
  )`,

  `create table menu_year_caps (
    menu_id integer not null references subsidy_menus (id) on delete cascade,
    project_year integer not null check (project_year between 1 and 10),
    cap_yen bigint not null check (cap_yen > 0),
    primary key (menu_id, project_year)
  )`,

  `create table projects (
    id integer generated always as identity primary key,
    ref text unique,
    program_id integer not null references programs (id),
    menu_id integer,
    ${FY('adopted_fy')},
    lead_org_id integer references organizations (id),
    theme_ja text check (btrim(theme_ja) <> ''),
    theme_en text,
    ${FY('start_fy')},
    ${FY('end_fy')},
    field text check (field in ('medical', 'food', 'agriculture', 'materials', 'other')),
    status text check (status in ('planned', 'active', 'completed', 'discontinued')),
    ${VISIBILITY},
    details_known boolean not null default true,
    source_note text,
    ${VERSIONED},
    foreign key (menu_id, program_id) references subsidy_menus (id, program_id),
    check (end_fy >= start_fy),
    check (not details_known or (lead_org_id is not null and theme_ja is not null))
  )`,
  `create index projects_adopted_fy_idx on projects (adopted_fy)`,
  `create index projects_lead_org_idx on projects (lead_org_id)`,
  `create index projects_menu_idx on projects (menu_id)`,

  `create table project_partners (
    project_id integer not null references projects (id) on delete cascade,
    org_id integer not null references organizations (id),
    role text,
    primary key (project_id, org_id)
  )`,
  `create index project_partners_org_idx on project_partners (org_id)`,

  `create table project_grants (
    id integer generated always as identity primary key,
    project_id integer not null references projects (id) on delete cascade,
    ${FY('fy')} not null,
    eligible_cost_yen bigint check (eligible_cost_yen > 0),
    amount_yen bigint not null check (amount_yen > 0),
    unique (project_id, fy),
    check (eligible_cost_yen is null or amount_yen <= eligible_cost_yen)
  )`,

  `create table findings (
    id integer generated always as identity primary key,
    ref text unique,
    project_id integer not null references projects (id) on delete cascade,
    statement_ja text not null check (btrim(statement_ja) <> ''),
    statement_en text,
    material_ja text,
    material_en text,
    comparison_ja text,
    comparison_en text,
    platform text,
    evidence_level text not null check (evidence_level in ('analytical', 'in_vitro', 'animal', 'human')),
    reported_on date,
    ${VISIBILITY},
    ${VERSIONED}
  )`,
  `create index findings_project_idx on findings (project_id)`,

  `create table metabolite_results (
    id integer generated always as identity primary key,
    finding_id integer not null references findings (id) on delete cascade,
    name text check (btrim(name) <> ''),
    hmdb_id text check (hmdb_id ~ '^HMDB[0-9]{7}$'),
    kegg_id text check (kegg_id ~ '^[CD][0-9]{5}$'),
    chebi_id text check (chebi_id ~ '^CHEBI:[1-9][0-9]*$'),
    pubchem_cid integer check (pubchem_cid > 0),
    inchikey text check (inchikey ~ '^[A-Z]{14}-[A-Z]{10}-[A-Z]$'),
    direction text check (direction in ('up', 'down', 'unchanged')),
    fold_change double precision check (fold_change > 0 and fold_change < 'Infinity'),
    p_value double precision check (p_value between 0 and 1),
    unique (finding_id, name),
    check (coalesce(name, hmdb_id, kegg_id, chebi_id, inchikey, pubchem_cid::text) is not null),
    check (direction is null or fold_change is null or direction = 'unchanged'
      or (direction = 'up' and fold_change > 1) or (direction = 'down' and fold_change < 1))
  )`,
  `create index metabolite_results_finding_idx on metabolite_results (finding_id)`,
  `create index metabolite_results_kegg_idx on metabolite_results (kegg_id)`,
  `create index metabolite_results_hmdb_idx on metabolite_results (hmdb_id)`,

  `create table outcomes (
    id integer generated always as identity primary key,
    ref text unique,
    project_id integer not null references projects (id) on delete cascade,
    kind text not null check (kind in ('product', 'test_sale', 'variety_application',
      'variety_registration', 'award', 'press_release', 'patent', 'hire', 'other')),
    title_ja text not null check (btrim(title_ja) <> ''),
    title_en text,
    description_ja text,
    description_en text,
    ${FY('fy')},
    occurred_on date check (occurred_on between '1980-01-01' and '2100-12-31'),
    date_precision text check (date_precision in ('day', 'month')),
    ${VISIBILITY},
    ${VERSIONED},
    check ((occurred_on is null) = (date_precision is null)),
    check (occurred_on is null or fy = fiscal_year(occurred_on))
  )`,
  `create index outcomes_project_idx on outcomes (project_id)`,
  `create index outcomes_kind_fy_idx on outcomes (kind, fy)`,

  `create table outcome_findings (
    outcome_id integer not null references outcomes (id) on delete cascade,
    finding_id integer not null references findings (id) on delete cascade,
    primary key (outcome_id, finding_id)
  )`,
  `create index outcome_findings_finding_idx on outcome_findings (finding_id)`,

  `create table events (
    id integer generated always as identity primary key,
    ref text unique,
    kind text not null check (kind in ('seminar', 'research_presentation', 'technology_seminar')),
    title_ja text not null check (btrim(title_ja) <> ''),
    title_en text,
    ${FY('fy')} not null,
    held_on date check (held_on between '1980-01-01' and '2100-12-31'),
    date_precision text check (date_precision in ('day', 'month')),
    city text,
    venue text,
    attendance integer check (attendance >= 0),
    ${VERSIONED},
    unique nulls not distinct (kind, title_ja, fy, city),
    check ((held_on is null) = (date_precision is null)),
    check (held_on is null or fy = fiscal_year(held_on))
  )`,
  `create index events_fy_idx on events (fy)`,

  `create table event_projects (
    event_id integer not null references events (id) on delete cascade,
    project_id integer not null references projects (id) on delete cascade,
    primary key (event_id, project_id)
  )`,
  `create index event_projects_project_idx on event_projects (project_id)`,

  `create table kpi_targets (
    id integer generated always as identity primary key,
    metric text not null check (metric in ('adoptions', 'products', 'attendance', 'events',
      'active_projects', 'partner_institutions', 'grants_yen')),
    ${FY('fy')} not null,
    target numeric not null check (target >= 0),
    ${VERSIONED},
    unique (metric, fy)
  )`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'kpi_targets',
    'event_projects',
    'events',
    'outcome_findings',
    'outcomes',
    'metabolite_results',
    'findings',
    'project_grants',
    'project_partners',
    'projects',
    'menu_year_caps',
    'subsidy_menus',
    'programs',
    'organizations',
  ]
  for (const table of tables) await sql.raw(`drop table ${table}`).execute(db)
  await sql.raw('drop function fiscal_year(date)').execute(db)
}
