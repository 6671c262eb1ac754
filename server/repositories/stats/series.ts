import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/database.ts'
import type { Viewer } from '../../auth/viewer.ts'
import { outcomeVisible } from '../../auth/visibility.ts'
import {
  type AdoptionStats,
  type AttendanceStats,
  type MenuSummary,
  NAMED_EVENTS,
  NAMED_PRODUCTS_PER_FY,
  type ProductStats,
  type StatsQuery,
} from '../../schemas/stats.ts'
import { byCity, fyRange, namedProductsPerFy, PRODUCT_KINDS, statsProjectIds, yearSpan } from './scope.ts'

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
 * Per FY, the first NAMED_PRODUCTS_PER_FY products and test sales the viewer may see, in launch order, each
 * carrying its year's counts: of all of them (the program's totals are public figures) and of those the viewer
 * may see. One query: every launch is ranked within its year, the visible first, and only the ranks that may be
 * named leave the database; a year whose launches are all hidden still sends its first, for the counts.
 */
export function productRows(db: Kysely<Database>, query: StatsQuery, viewer: Viewer) {
  const { from, to } = fyRange(query)
  // The rule is null, not false, for a record hidden without an embargo date: hidden all the same.
  const visible = sql<boolean>`coalesce(${outcomeVisible(viewer, 'oc')}, false)`
  const ranked = db
    .selectFrom('outcomes as oc')
    .innerJoin('projects as p', 'p.id', 'oc.projectId')
    .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
    .where('oc.projectId', 'in', statsProjectIds(db, query))
    .where('oc.kind', 'in', PRODUCT_KINDS)
    .where((eb) => eb.between('oc.fy', from, to))
    .select((eb) => [
      'oc.id',
      'oc.kind',
      'oc.titleJa',
      'oc.titleEn',
      'oc.projectId',
      'oc.occurredOn',
      'oc.fy',
      'o.nameJa as companyJa',
      'o.nameEn as companyEn',
      visible.as('visible'),
      eb.fn
        .countAll<number>()
        .over((ob) => ob.partitionBy('oc.fy'))
        .as('count'),
      eb.fn
        .countAll<number>()
        .filterWhere(visible)
        .over((ob) => ob.partitionBy('oc.fy'))
        .as('visibleCount'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) =>
          ob
            .partitionBy('oc.fy')
            .orderBy(visible, 'desc')
            .orderBy('oc.occurredOn', (o) => o.asc().nullsLast())
            .orderBy('oc.id', 'asc'),
        )
        .as('rank'),
    ])
    .$narrowType<{ fy: number }>()
  return db
    .selectFrom(ranked.as('r'))
    .selectAll()
    .where('r.rank', '<=', NAMED_PRODUCTS_PER_FY)
    .orderBy('r.fy')
    .orderBy('r.rank')
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

/**
 * Events are program-wide: only the fiscal-year range applies. One query: every event of the range carries its
 * year's and its city's totals and its place counted from the latest; only the latest NAMED_EVENTS and the
 * first event of each year and of each city (which bring those totals) leave the database.
 */
export function eventRows(db: Kysely<Database>, query: StatsQuery) {
  const { from, to } = fyRange(query)
  const held = db
    .selectFrom('events')
    .where((eb) => eb.between('fy', from, to))
    .select((eb) => {
      const first = (partition: 'fy' | 'city') =>
        eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy(partition).orderBy('id', 'asc'))
      // An event without a count adds none.
      const attendance = (partition: 'fy' | 'city') =>
        eb.fn.coalesce(
          eb.fn.sum<number>('attendance').over((ob) => ob.partitionBy(partition)),
          eb.lit(0),
        )
      return [
        'id',
        'heldOn',
        'fy',
        'kind',
        'titleJa',
        'titleEn',
        'city',
        'attendance',
        eb.fn
          .agg<number>('row_number')
          .over((ob) =>
            ob
              .orderBy('fy', 'desc')
              .orderBy('heldOn', (o) => o.desc().nullsFirst())
              .orderBy('id', 'desc'),
          )
          .as('recency'),
        first('fy').as('inFy'),
        eb.fn
          .countAll<number>()
          .over((ob) => ob.partitionBy('fy'))
          .as('fyEvents'),
        attendance('fy').as('fyAttendance'),
        first('city').as('inCity'),
        eb.fn
          .countAll<number>()
          .over((ob) => ob.partitionBy('city'))
          .as('cityEvents'),
        attendance('city').as('cityAttendance'),
        eb.fn
          .count<number>('attendance')
          .over((ob) => ob.partitionBy('city'))
          .as('cityReported'),
      ]
    })
  return db
    .selectFrom(held.as('e'))
    .selectAll()
    .where((eb) => eb.or([eb('recency', '<=', NAMED_EVENTS), eb('inFy', '=', 1), eb('inCity', '=', 1)]))
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

/**
 * Every product counts. A year names its first few the viewer may see (fewer over a long range:
 * namedProductsPerFy); the others it may see are counted in `moreCount`, those hidden from it in `hiddenCount`.
 */
export async function productStats(
  db: Kysely<Database>,
  query: StatsQuery,
  viewer: Viewer,
): Promise<ProductStats> {
  const rows = await productRows(db, query, viewer)
  const span = yearSpan(rows.map((r) => r.fy))
  const named = namedProductsPerFy(span.length)
  let cumulative = 0
  const years = span.map((fy) => {
    const ranked = rows.filter((r) => r.fy === fy)
    const count = ranked[0]?.count ?? 0
    const visibleCount = ranked[0]?.visibleCount ?? 0
    const products = ranked
      .filter((r) => r.visible)
      .slice(0, named)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        title: { ja: r.titleJa, en: r.titleEn },
        company: r.companyJa === null ? null : { ja: r.companyJa, en: r.companyEn },
        projectId: r.projectId,
        date: r.occurredOn,
      }))
    cumulative += count
    return {
      fy,
      count,
      cumulative,
      products,
      moreCount: visibleCount - products.length,
      hiddenCount: count - visibleCount,
    }
  })
  return { years }
}

export async function attendanceStats(db: Kysely<Database>, query: StatsQuery): Promise<AttendanceStats> {
  const rows = await eventRows(db, query)
  const named = rows.filter((e) => e.recency <= NAMED_EVENTS).sort((a, b) => b.recency - a.recency)
  const years = new Map(rows.filter((e) => e.inFy === 1).map((e) => [e.fy, e]))
  const total = [...years.values()].reduce((sum, e) => sum + e.fyEvents, 0)
  return {
    events: named.map((e) => ({
      id: e.id,
      date: e.heldOn,
      fy: e.fy,
      kind: e.kind,
      title: { ja: e.titleJa, en: e.titleEn },
      city: e.city,
      attendance: e.attendance,
    })),
    moreCount: total - named.length,
    years: yearSpan(years.keys()).map((fy) => ({
      fy,
      events: years.get(fy)?.fyEvents ?? 0,
      attendance: years.get(fy)?.fyAttendance ?? 0,
    })),
    cities: rows
      .filter((e) => e.inCity === 1)
      .map((e) => ({
        city: e.city,
        events: e.cityEvents,
        attendance: e.cityAttendance,
        reported: e.cityReported,
      }))
      .sort((a, b) => byCity(a.city, b.city)),
  }
}
