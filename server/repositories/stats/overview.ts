import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/database.ts'
import type { KpiMetric } from '../../../db/tables/targets.ts'
import { FIRST_FY } from '../../domain/fiscal-year.ts'
import type { Kpi, Overview, StatsQuery } from '../../schemas/stats.ts'
import { fyRange, perFy, statsProjectIds } from './scope.ts'
import { adoptionCounts, eventCounts, productCounts } from './series.ts'

/**
 * Six queries: the three yearly series decide the latest fiscal year (unless `fyTo` names it); then active
 * projects with their partners, grants, and the targets, each for the range, the latest FY and the one before.
 * Only figures leave here, so every record counts whoever asks.
 */
export async function overview(db: Kysely<Database>, query: StatsQuery): Promise<Overview> {
  const [adoptionRows, products, events] = await Promise.all([
    adoptionCounts(db, query),
    productCounts(db, query),
    eventCounts(db, query),
  ])
  const yearly = {
    adoptions: perFy(adoptionRows, (r) => r.count),
    products: perFy(products, (r) => r.count),
    attendance: perFy(events, (e) => e.attendance),
    events: perFy(events, (e) => e.count),
  }
  const fys = [...yearly.adoptions.keys(), ...yearly.products.keys(), ...yearly.events.keys()]
  const latestFy = query.fyTo ?? (fys.length > 0 ? Math.max(...fys) : null)
  // The year before the first the program can record has nothing to compare with (and no place in the schema).
  const previousFy = latestFy === null || latestFy <= FIRST_FY ? null : latestFy - 1

  const [participation, grants, targets] = await Promise.all([
    participationKpis(db, query, latestFy, previousFy),
    grantKpis(db, query, latestFy, previousFy),
    latestFy === null
      ? []
      : db.selectFrom('kpiTargets').select(['metric', 'target']).where('fy', '=', latestFy).execute(),
  ])
  const target = (metric: KpiMetric) => targets.find((t) => t.metric === metric)?.target ?? null
  const fromYears = (metric: keyof typeof yearly): Kpi => {
    const values = yearly[metric]
    return {
      total: [...values.values()].reduce((sum, n) => sum + n, 0),
      latest: latestFy === null ? 0 : (values.get(latestFy) ?? 0),
      previous: previousFy === null ? 0 : (values.get(previousFy) ?? 0),
      target: target(metric),
    }
  }
  return {
    latestFy,
    previousFy,
    kpis: {
      adoptions: fromYears('adoptions'),
      products: fromYears('products'),
      attendance: fromYears('attendance'),
      events: fromYears('events'),
      activeProjects: { ...participation.projects, target: target('active_projects') },
      partnerInstitutions: { ...participation.partners, target: target('partner_institutions') },
      grantsYen: { ...grants, target: target('grants_yen') },
    },
  }
}

type Counts = Omit<Kpi, 'target'>

/** A project is active in the fiscal years of its period; without one, in its adoption year. */
const periodStart = sql`coalesce(p.start_fy, p.adopted_fy)`
const periodEnd = sql`coalesce(p.end_fy, p.adopted_fy)`
const activeIn = (fy: number | null) =>
  sql`${periodStart} <= ${fy}::integer and ${periodEnd} >= ${fy}::integer`

async function participationKpis(
  db: Kysely<Database>,
  query: StatsQuery,
  latestFy: number | null,
  previousFy: number | null,
): Promise<{ projects: Counts; partners: Counts }> {
  const { from, to } = fyRange(query)
  const inRange = sql`${periodStart} <= ${to}::integer and ${periodEnd} >= ${from}::integer`
  const row = await db
    .selectFrom('projects as p')
    .leftJoin('projectPartners as pp', 'pp.projectId', 'p.id')
    .where('p.id', 'in', statsProjectIds(db, query))
    .select([
      sql<number>`count(distinct p.id) filter (where ${inRange})`.as('projectsTotal'),
      sql<number>`count(distinct p.id) filter (where ${activeIn(latestFy)})`.as('projectsLatest'),
      sql<number>`count(distinct p.id) filter (where ${activeIn(previousFy)})`.as('projectsPrevious'),
      sql<number>`count(distinct pp.org_id) filter (where ${inRange})`.as('partnersTotal'),
      sql<number>`count(distinct pp.org_id) filter (where ${activeIn(latestFy)})`.as('partnersLatest'),
      sql<number>`count(distinct pp.org_id) filter (where ${activeIn(previousFy)})`.as('partnersPrevious'),
    ])
    .executeTakeFirstOrThrow()
  return {
    projects: { total: row.projectsTotal, latest: row.projectsLatest, previous: row.projectsPrevious },
    partners: { total: row.partnersTotal, latest: row.partnersLatest, previous: row.partnersPrevious },
  }
}

/** Grants count in the fiscal year they are paid for. */
function grantKpis(
  db: Kysely<Database>,
  query: StatsQuery,
  latestFy: number | null,
  previousFy: number | null,
): Promise<Counts> {
  const { from, to } = fyRange(query)
  const sumWhere = (condition: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(g.amount_yen) filter (where ${condition}), 0)`
  return db
    .selectFrom('projectGrants as g')
    .where('g.projectId', 'in', statsProjectIds(db, query))
    .select([
      sumWhere(sql`g.fy between ${from}::integer and ${to}::integer`).as('total'),
      sumWhere(sql`g.fy = ${latestFy}::integer`).as('latest'),
      sumWhere(sql`g.fy = ${previousFy}::integer`).as('previous'),
    ])
    .executeTakeFirstOrThrow()
}
