import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/database.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { outcomeVisible } from '../../auth/visibility.ts'
import type {
  AdoptionStats,
  AttendanceStats,
  MenuSummary,
  ProductStats,
  StatsQuery,
} from '../../schemas/stats.ts'
import { fyRange, PRODUCT_KINDS, perFy, statsProjectIds, yearSpan } from './scope.ts'

const UNKNOWN_MENU = 'unknown'

/** Adoptions per adoption FY and menu (null menu: the source does not give it). */
export function adoptionCounts(db: Kysely<Database>, query: StatsQuery) {
  const { from, to } = fyRange(query)
  return db
    .selectFrom('projects as p')
    .leftJoin('subsidyMenus as m', 'm.id', 'p.menuId')
    .where('p.id', 'in', statsProjectIds(db, query))
    .where((eb) => eb.between('p.adoptedFy', from, to))
    .select([
      'p.adoptedFy as fy',
      'm.id as menuId',
      'm.code as menuCode',
      'm.nameJa as menuJa',
      'm.nameEn as menuEn',
    ])
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .groupBy(['p.adoptedFy', 'm.id', 'm.code', 'm.nameJa', 'm.nameEn'])
    .$narrowType<{ fy: number }>()
    .execute()
}

/**
 * Products and test sales with a fiscal year, in launch order, each saying whether the viewer may see it.
 * KPIs count every product (the program's totals are public figures); only visible ones may be shown.
 */
export function productRows(db: Kysely<Database>, query: StatsQuery, viewer: Viewer) {
  const { from, to } = fyRange(query)
  return db
    .selectFrom('outcomes as oc')
    .innerJoin('projects as p', 'p.id', 'oc.projectId')
    .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
    .where('oc.projectId', 'in', statsProjectIds(db, query))
    .where('oc.kind', 'in', PRODUCT_KINDS)
    .where((eb) => eb.between('oc.fy', from, to))
    .select([
      'oc.id',
      'oc.kind',
      'oc.titleJa',
      'oc.titleEn',
      'oc.projectId',
      'oc.occurredOn',
      'oc.fy',
      'o.nameJa as companyJa',
      'o.nameEn as companyEn',
      sql<boolean>`${outcomeVisible(viewer, 'oc')}`.as('visible'),
    ])
    .$narrowType<{ fy: number }>()
    .orderBy('oc.fy')
    .orderBy('oc.occurredOn', (ob) => ob.asc().nullsLast())
    .orderBy('oc.id')
    .execute()
}

/** Products and test sales per FY, counted whoever may see them: the KPI needs the numbers only. */
export function productCounts(db: Kysely<Database>, query: StatsQuery) {
  const { from, to } = fyRange(query)
  return db
    .selectFrom('outcomes as oc')
    .where('oc.projectId', 'in', statsProjectIds(db, query))
    .where('oc.kind', 'in', PRODUCT_KINDS)
    .where((eb) => eb.between('oc.fy', from, to))
    .select((eb) => ['oc.fy', eb.fn.countAll<number>().as('count')])
    .groupBy('oc.fy')
    .$narrowType<{ fy: number }>()
    .execute()
}

/** Events and their attendance per FY (an event without a count adds none). */
export function eventCounts(db: Kysely<Database>, query: StatsQuery) {
  const { from, to } = fyRange(query)
  return db
    .selectFrom('events')
    .where((eb) => eb.between('fy', from, to))
    .select((eb) => [
      'fy',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('attendance'), eb.lit(0)).as('attendance'),
    ])
    .groupBy('fy')
    .execute()
}

/** Events are program-wide: only the fiscal-year range applies. */
export function eventRows(db: Kysely<Database>, query: StatsQuery) {
  const { from, to } = fyRange(query)
  return db
    .selectFrom('events')
    .where((eb) => eb.between('fy', from, to))
    .select(['id', 'heldOn', 'fy', 'kind', 'titleJa', 'titleEn', 'city', 'attendance'])
    .orderBy('fy')
    .orderBy('heldOn', (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .execute()
}

export async function adoptionStats(db: Kysely<Database>, query: StatsQuery): Promise<AdoptionStats> {
  const counts = await adoptionCounts(db, query)
  const menus = new Map<number, MenuSummary>()
  for (const c of [...counts].sort((a, b) => (a.menuId ?? 0) - (b.menuId ?? 0))) {
    if (c.menuId !== null && c.menuCode !== null && c.menuJa !== null) {
      menus.set(c.menuId, { code: c.menuCode, name: { ja: c.menuJa, en: c.menuEn } })
    }
  }
  const keys = [
    ...[...menus.values()].map((m) => m.code),
    ...(counts.some((c) => c.menuId === null) ? [UNKNOWN_MENU] : []),
  ]
  let cumulative = 0
  const years = yearSpan(counts.map((c) => c.fy)).map((fy) => {
    const byMenu: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]))
    let total = 0
    for (const c of counts.filter((row) => row.fy === fy)) {
      const key = c.menuCode ?? UNKNOWN_MENU
      byMenu[key] = (byMenu[key] ?? 0) + c.count
      total += c.count
    }
    cumulative += total
    return { fy, total, cumulative, byMenu }
  })
  return { menus: [...menus.values()], years }
}

/** Every product counts; a product hidden from the viewer is counted in `hiddenCount`, never named. */
export async function productStats(
  db: Kysely<Database>,
  query: StatsQuery,
  viewer: Viewer,
): Promise<ProductStats> {
  const rows = await productRows(db, query, viewer)
  let cumulative = 0
  const years = yearSpan(rows.map((r) => r.fy)).map((fy) => {
    const launched = rows.filter((r) => r.fy === fy)
    const products = launched
      .filter((r) => r.visible)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        title: { ja: r.titleJa, en: r.titleEn },
        company: r.companyJa === null ? null : { ja: r.companyJa, en: r.companyEn },
        projectId: r.projectId,
        date: r.occurredOn,
      }))
    cumulative += launched.length
    return {
      fy,
      count: launched.length,
      cumulative,
      products,
      hiddenCount: launched.length - products.length,
    }
  })
  return { years }
}

export async function attendanceStats(db: Kysely<Database>, query: StatsQuery): Promise<AttendanceStats> {
  const rows = await eventRows(db, query)
  const events = perFy(rows)
  const attendance = perFy(rows, (e) => e.attendance ?? 0)
  return {
    events: rows.map((e) => ({
      id: e.id,
      date: e.heldOn,
      fy: e.fy,
      kind: e.kind,
      title: { ja: e.titleJa, en: e.titleEn },
      city: e.city,
      attendance: e.attendance,
    })),
    years: yearSpan(events.keys()).map((fy) => ({
      fy,
      events: events.get(fy) ?? 0,
      attendance: attendance.get(fy) ?? 0,
    })),
  }
}
