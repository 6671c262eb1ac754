import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database.ts'
import { BIO_CLUSTER } from '../db/dataset/programs.ts'

// A synthetic program at the scale issue 8 names, written by SQL (generate_series) in one transaction on top
// of the brochure's records: a whole prefecture's programs over 20 fiscal years. Deterministic: the same
// scale gives the same rows.

export interface Scale {
  fiscalYears: number
  organizations: number
  projects: number
  /** Findings per project; each finding carries metaboliteResults / (projects × findingsPerProject) results. */
  findingsPerProject: number
  outcomes: number
  metaboliteResults: number
  events: number
}

export const FULL_SCALE: Scale = {
  fiscalYears: 20,
  organizations: 1_000,
  projects: 10_000,
  findingsPerProject: 5,
  outcomes: 100_000,
  metaboliteResults: 1_000_000,
  events: 5_000,
}

/** The full scale times `factor` (at least one of each), for quick runs. */
export function scaled(factor: number): Scale {
  const n = (value: number) => Math.max(1, Math.round(value * factor))
  return {
    fiscalYears: FULL_SCALE.fiscalYears,
    organizations: n(FULL_SCALE.organizations),
    projects: n(FULL_SCALE.projects),
    findingsPerProject: FULL_SCALE.findingsPerProject,
    outcomes: n(FULL_SCALE.outcomes),
    metaboliteResults: n(FULL_SCALE.metaboliteResults),
    events: n(FULL_SCALE.events),
  }
}

const FIRST_FY = 2006
const MUNICIPALITIES = [
  '山形市',
  '鶴岡市',
  '酒田市',
  '米沢市',
  '新庄市',
  '寒河江市',
  '天童市',
  '東根市',
  '南陽市',
  '庄内町',
]
// Real metabolites first, so that searches like the dashboard's (GABA, C00334) find rows.
const METABOLITES = [
  ['GABA', 'C00334', 'HMDB0000112'],
  ['Glutamine', 'C00064', 'HMDB0000641'],
  ['Ornithine', 'C00077', 'HMDB0000214'],
  ['Citrulline', 'C00327', 'HMDB0000904'],
  ['Carnosine', 'C00386', 'HMDB0000033'],
  ['Anserine', 'C01262', 'HMDB0000194'],
]

export async function generate(db: Kysely<Database>, scale: Scale): Promise<Record<string, number>> {
  await db.transaction().execute(async (trx) => {
    // Bulk rows of a benchmark are not edits: no audit rows (triggers off for this transaction only).
    await sql`set local session_replication_role = replica`.execute(trx)
    const run = (query: ReturnType<typeof sql>) => query.execute(trx)

    const lastFy = FIRST_FY + scale.fiscalYears - 1
    const institutions = Math.max(1, Math.floor(scale.organizations * 0.3))
    const municipalities = sql.raw(`array[${MUNICIPALITIES.map((m) => `'${m}'`).join(',')}]`)

    // Organizations: the first 30% institutions (universities, public labs, ventures), the rest companies.
    await run(sql`
      insert into organizations (kind, name_ja, name_en, municipality, size)
      select case when i <= ${institutions}
               then (array['university', 'public_lab', 'venture'])[1 + i % 3]
               else 'company' end,
             'ベンチ組織' || i, 'Bench organization ' || i,
             (${municipalities})[1 + i % ${MUNICIPALITIES.length}],
             case when i > ${institutions} then (array['sme', 'sme', 'sme', 'large'])[1 + i % 4] end
      from generate_series(1, ${scale.organizations}) i`)
    await run(sql`create temporary table bench_orgs on commit drop as
      select row_number() over (order by id) as n, id, kind from organizations where name_ja like 'ベンチ組織%'`)

    // Projects over the fiscal years, each on a menu of the Bio-cluster program or one of its subsidies.
    await run(sql`create temporary table bench_menus on commit drop as
      select row_number() over (order by m.id) as n, m.id, m.program_id from subsidy_menus m
      join programs p on p.id = m.program_id
      where p.code = ${BIO_CLUSTER} or p.parent_id = (select id from programs where code = ${BIO_CLUSTER})`)
    await run(sql`
      insert into projects (ref, program_id, menu_id, adopted_fy, lead_org_id, theme_ja, theme_en,
                            start_fy, end_fy, field, status, visibility)
      select 'bench/' || i, m.program_id, m.id, fy, o.id,
             'メタボローム解析による機能性評価 ' || i, 'Functional evaluation by metabolome analysis ' || i,
             fy, least(fy + i % 3, ${lastFy}),
             (array['medical', 'food', 'agriculture', 'materials', 'other'])[1 + i % 5],
             case when fy + i % 3 < ${lastFy} then 'completed' else 'active' end,
             (array['public', 'public', 'public', 'public', 'public', 'public', 'public', 'public',
                    'program', 'confidential'])[1 + i % 10]
      from generate_series(1, ${scale.projects}) i
      cross join lateral (select ${FIRST_FY} + (i - 1) % ${scale.fiscalYears} as fy) y
      join bench_menus m on m.n = 1 + i % (select count(*) from bench_menus)
      join bench_orgs o on o.n = ${institutions} + 1 + i % greatest(${scale.organizations - institutions}, 1)`)
    await run(sql`create temporary table bench_projects on commit drop as
      select row_number() over (order by id) as n, id, adopted_fy, start_fy, end_fy from projects where ref like 'bench/%'`)

    // Two partner institutions per project, and a grant for each year of its period.
    await run(sql`
      insert into project_partners (project_id, org_id, role)
      select p.id, o.id, 'partner' from bench_projects p
      cross join generate_series(0, 1) k
      join bench_orgs o on o.n = 1 + (p.n * 7 + k * 13) % ${institutions}
      on conflict do nothing`)
    await run(sql`
      insert into project_grants (project_id, fy, amount_yen)
      select p.id, fy, 1000000 + (p.n % 40) * 100000
      from bench_projects p cross join generate_series(p.start_fy, p.end_fy) fy`)

    // Findings, their metabolite results, outcomes resting on them.
    await run(sql`
      insert into findings (ref, project_id, statement_ja, statement_en, evidence_level, visibility)
      select 'bench/' || p.n || '/' || k, p.id,
             'メタボローム解析で代謝物の変化を確認した ' || k, 'Metabolome analysis showed changes ' || k,
             (array['analytical', 'in_vitro', 'animal', 'human'])[1 + (p.n + k) % 4],
             case when k = 0 and p.n % 7 = 0 then 'confidential' else 'public' end
      from bench_projects p cross join generate_series(0, ${scale.findingsPerProject - 1}) k`)
    await run(sql`create temporary table bench_findings on commit drop as
      select row_number() over (order by f.id) as n, f.id, f.project_id from findings f where f.ref like 'bench/%'`)
    const perFinding = Math.max(
      1,
      Math.ceil(scale.metaboliteResults / (scale.projects * scale.findingsPerProject)),
    )
    const named = sql.raw(`array[${METABOLITES.map(([name]) => `'${name}'`).join(',')}]`)
    const kegg = sql.raw(`array[${METABOLITES.map(([, id]) => `'${id}'`).join(',')}]`)
    const hmdb = sql.raw(`array[${METABOLITES.map(([, , id]) => `'${id}'`).join(',')}]`)
    await run(sql`
      insert into metabolite_results (finding_id, name, kegg_id, hmdb_id, direction, fold_change, p_value)
      select f.id,
             case when k < ${METABOLITES.length} then (${named})[k + 1] else 'Metabolite ' || k end,
             case when k < ${METABOLITES.length} then (${kegg})[k + 1]
                  else 'C' || lpad((10000 + k)::text, 5, '0') end,
             case when k < ${METABOLITES.length} then (${hmdb})[k + 1]
                  else 'HMDB' || lpad((100000 + k)::text, 7, '0') end,
             case when fc > 1 then 'up' else 'down' end, fc, ((f.n + k) % 100) / 1000.0
      from bench_findings f
      cross join generate_series(0, ${perFinding - 1}) k
      cross join lateral (select case when (f.n + k) % 2 = 0 then 1.1 + ((f.n * 31 + k) % 40) / 10.0
                                      else 0.9 - ((f.n * 17 + k) % 80) / 100.0 end as fc) x
      where (f.n - 1) * ${perFinding} + k < ${scale.metaboliteResults}`)
    await run(sql`
      insert into outcomes (ref, project_id, kind, title_ja, title_en, fy, occurred_on, date_precision, visibility)
      select 'bench/' || i, p.id,
             (array['product', 'test_sale', 'patent', 'press_release', 'award', 'other', 'product', 'hire',
                    'variety_application', 'variety_registration'])[1 + i % 10],
             'ベンチ成果 ' || i, 'Bench outcome ' || i, fy, make_date(fy, 7, 1), 'month',
             case when i % 9 = 0 then 'program' else 'public' end
      from generate_series(1, ${scale.outcomes}) i
      join bench_projects p on p.n = 1 + i % ${scale.projects}
      cross join lateral (select least(p.end_fy + i % 2, ${lastFy}) as fy) y`)
    await run(sql`
      insert into outcome_findings (outcome_id, finding_id)
      select o.id, f.id from outcomes o
      join bench_findings f on f.project_id = o.project_id
      where o.ref like 'bench/%' and f.n % ${scale.findingsPerProject} = o.id % ${scale.findingsPerProject}`)

    // Events spread over the years and cities, each presenting three projects.
    await run(sql`
      insert into events (ref, kind, title_ja, title_en, fy, held_on, date_precision, city, attendance)
      select 'bench/' || i, (array['seminar', 'research_presentation', 'technology_seminar'])[1 + i % 3],
             'ベンチ報告会 ' || i, 'Bench seminar ' || i, fy, make_date(fy, 10, 1 + i % 28), 'day',
             (${municipalities})[1 + i % ${MUNICIPALITIES.length}], 20 + (i * 37) % 280
      from generate_series(1, ${scale.events}) i
      cross join lateral (select ${FIRST_FY} + i % ${scale.fiscalYears} as fy) y`)
    await run(sql`
      insert into event_projects (event_id, project_id)
      select e.id, p.id from events e
      cross join generate_series(0, 2) k
      join bench_projects p on p.n = 1 + (e.id * 3 + k * 101) % ${scale.projects}
      where e.ref like 'bench/%'
      on conflict do nothing`)
  })
  // Settled before anything is measured: statistics for the planner, and the million new rows vacuumed and
  // written out now, so that autovacuum and a checkpoint do not take the cores in the middle of a measurement.
  await sql`vacuum (analyze)`.execute(db)
  await sql`checkpoint`.execute(db)

  const counts: Record<string, number> = {}
  for (const table of [
    'organizations',
    'projects',
    'findings',
    'metabolite_results',
    'outcomes',
    'events',
  ] as const) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
    counts[table] = rows[0]?.n ?? 0
  }
  return counts
}
