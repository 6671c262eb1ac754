import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/database.ts'
import {
  type FunnelStats,
  INSTITUTIONS_PAGE,
  type InstitutionStats,
  type InstitutionStatsQuery,
  type StatsQuery,
} from '../../schemas/stats.ts'
import { fyRange, PRODUCT_KINDS, statsProjectIds, yearSpan } from './scope.ts'

/**
 * Projects, findings and outcomes per partner institution, a page of them with the count of all. The FY range
 * selects projects by adoption year; every finding and outcome of a selected project counts. Findings and
 * outcomes are counted once per project (grouped, not a subquery per partner and project), then summed per
 * institution. The count of all rides on the page's rows (a window over the groups), so a page is one query;
 * only a page past the end asks again.
 */
export async function institutionStats(
  db: Kysely<Database>,
  query: InstitutionStatsQuery,
): Promise<InstitutionStats> {
  const { limit = INSTITUTIONS_PAGE, offset = 0 } = query
  let projects = db.selectFrom('projects as p').select('p.id').where('p.id', 'in', statsProjectIds(db, query))
  if (query.fyFrom !== undefined) projects = projects.where('p.adoptedFy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) projects = projects.where('p.adoptedFy', '<=', query.fyTo)
  const findings = db
    .selectFrom('findings as f')
    .select((eb) => ['f.projectId', eb.fn.countAll<number>().as('n')])
    .where('f.projectId', 'in', projects)
    .groupBy('f.projectId')
  const outcomes = db
    .selectFrom('outcomes as oc')
    .select((eb) => ['oc.projectId', eb.fn.countAll<number>().as('n')])
    .where('oc.projectId', 'in', projects)
    .groupBy('oc.projectId')
  const partners = db
    .selectFrom('projectPartners as pp')
    .innerJoin(projects.as('sp'), 'sp.id', 'pp.projectId')
  const rows = await partners
    .innerJoin('organizations as o', 'o.id', 'pp.orgId')
    .leftJoin(findings.as('fc'), 'fc.projectId', 'pp.projectId')
    .leftJoin(outcomes.as('occ'), 'occ.projectId', 'pp.projectId')
    .select(['o.id', 'o.kind', 'o.nameJa', 'o.nameEn'])
    .select((eb) => [
      eb.fn.countAll<number>().as('projects'),
      eb.fn.coalesce(eb.fn.sum<number>('fc.n'), eb.lit(0)).as('findings'),
      eb.fn.coalesce(eb.fn.sum<number>('occ.n'), eb.lit(0)).as('outcomes'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .groupBy(['o.id', 'o.kind', 'o.nameJa', 'o.nameEn'])
    .orderBy('projects', 'desc')
    // Code-point order, so both backends sort Japanese names alike whatever their locale.
    .orderBy(sql`o.name_ja collate "C"`)
    .orderBy('o.id')
    .limit(limit)
    .offset(offset)
    .execute()
  const countAll = () =>
    partners.select((eb) => eb.fn.count<number>('pp.orgId').distinct().as('n')).executeTakeFirstOrThrow()
  const total = rows[0]?.total ?? (offset === 0 ? 0 : (await countAll()).n)
  return {
    institutions: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: { ja: r.nameJa, en: r.nameEn },
      projects: r.projects,
      findings: r.findings,
      outcomes: r.outcomes,
    })),
    total,
  }
}

/** Adopted → with a finding → with a product, per adoption FY, in one query. */
export async function funnelStats(db: Kysely<Database>, query: StatsQuery): Promise<FunnelStats> {
  const { from, to } = fyRange(query)
  const perProject = db
    .selectFrom('projects as p')
    .where('p.id', 'in', statsProjectIds(db, query))
    .where((eb) => eb.between('p.adoptedFy', from, to))
    .select((eb) => [
      'p.adoptedFy as fy',
      eb
        .exists(eb.selectFrom('findings as f').select('f.id').whereRef('f.projectId', '=', 'p.id'))
        .as('hasFinding'),
      eb
        .exists(
          eb
            .selectFrom('outcomes as oc')
            .select('oc.id')
            .whereRef('oc.projectId', '=', 'p.id')
            .where('oc.kind', 'in', PRODUCT_KINDS),
        )
        .as('hasProduct'),
      eb
        .selectFrom('outcomes as oc')
        .whereRef('oc.projectId', '=', 'p.id')
        .where('oc.kind', 'in', PRODUCT_KINDS)
        .select((c) => c.fn.min('oc.fy').as('fy'))
        .as('firstProductFy'),
    ])
    .as('pf')
  const rows = await db
    .selectFrom(perProject)
    .select([
      'pf.fy',
      sql<number>`count(*)`.as('adopted'),
      sql<number>`count(*) filter (where ${sql.ref('pf.hasFinding')})`.as('withFinding'),
      sql<number>`count(*) filter (where ${sql.ref('pf.hasProduct')})`.as('withProduct'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${sql.ref('pf.firstProductFy')} - ${sql.ref('pf.fy')})`.as(
        'medianYearsToLaunch',
      ),
    ])
    .groupBy('pf.fy')
    .$narrowType<{ fy: number }>()
    .execute()
  const byFy = new Map(rows.map((r) => [r.fy, r]))
  const years = yearSpan(byFy.keys()).map(
    (fy) => byFy.get(fy) ?? { fy, adopted: 0, withFinding: 0, withProduct: 0, medianYearsToLaunch: null },
  )
  const sum = (key: 'adopted' | 'withFinding' | 'withProduct') =>
    years.reduce((total, y) => total + y[key], 0)
  return {
    years,
    total: { adopted: sum('adopted'), withFinding: sum('withFinding'), withProduct: sum('withProduct') },
  }
}
