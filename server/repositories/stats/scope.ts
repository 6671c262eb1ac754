import type { Kysely } from 'kysely'
import type { Database } from '../../../db/database.ts'
import { BIO_CLUSTER } from '../../../db/dataset/programs.ts'
import {
  NAMED_PRODUCTS,
  NAMED_PRODUCTS_LEAST_PER_FY,
  NAMED_PRODUCTS_PER_FY,
  type StatsQuery,
} from '../../schemas/stats.ts'
import { hasProjectFilters, matchingProjectIds } from '../project-filters.ts'

/** Outcome kinds counted as products launched: the brochure's 商品化 includes a test sale. */
export const PRODUCT_KINDS = ['product', 'test_sale'] as const

/** The fiscal-year range of a query, open ends closed at the FY column's own bounds (which exclude null). */
export const fyRange = (query: StatsQuery) => ({ from: query.fyFrom ?? 1980, to: query.fyTo ?? 2100 })

/**
 * Ids of the projects the KPIs count: the Bio-cluster program's (its own and its subsidies'), matching the
 * project-level filters. The earlier program's results are records without fiscal years, not KPIs.
 */
export function statsProjectIds(db: Kysely<Database>, query: StatsQuery) {
  let ids = db
    .selectFrom('projects as sp')
    .select('sp.id')
    .where('sp.programId', 'in', (eb) =>
      eb
        .selectFrom('programs as pr')
        .select('pr.id')
        .where((w) =>
          w.or([
            w('pr.code', '=', BIO_CLUSTER),
            w(
              'pr.parentId',
              'in',
              w.selectFrom('programs as root').select('root.id').where('root.code', '=', BIO_CLUSTER),
            ),
          ]),
        ),
    )
  if (hasProjectFilters(query)) ids = ids.where('sp.id', 'in', matchingProjectIds(db, query))
  return ids
}

/** Every fiscal year from the first to the last of `fys`, gaps included, ascending. */
export function yearSpan(fys: Iterable<number>): number[] {
  const list = [...fys]
  if (list.length === 0) return []
  const first = Math.min(...list)
  return Array.from({ length: Math.max(...list) - first + 1 }, (_, i) => first + i)
}

/** Sums `value` (by default, counts rows) per fiscal year. */
export function perFy<T extends { fy: number }>(rows: readonly T[], value: (row: T) => number = () => 1) {
  const sums = new Map<number, number>()
  for (const row of rows) sums.set(row.fy, (sums.get(row.fy) ?? 0) + value(row))
  return sums
}

/** Cities by name (code point order), the unknown city last. */
export const byCity = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1

/** How many products each year names in an answer spanning `years` fiscal years (NAMED_PRODUCTS). */
export const namedProductsPerFy = (years: number) =>
  Math.min(NAMED_PRODUCTS_PER_FY, Math.max(NAMED_PRODUCTS_LEAST_PER_FY, Math.floor(NAMED_PRODUCTS / years)))
