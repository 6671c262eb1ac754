import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { DashboardFilterQuery, ResearchField } from '../../server/schemas/filters.ts'

// The dashboard filters as they travel in a URL query: parsed leniently (a bad value is dropped, never
// sent to the API), written back in a fixed order so equal filters give equal, bookmarkable URLs.

export type Filters = DashboardFilterQuery
export type FilterKey = keyof Filters

const FIELD_SET: Record<ResearchField, true> = {
  medical: true,
  food: true,
  agriculture: true,
  materials: true,
  other: true,
}
export const RESEARCH_FIELDS = Object.keys(FIELD_SET) as ResearchField[]

export const FILTER_KEYS: readonly FilterKey[] = [
  'fyFrom',
  'fyTo',
  'menu',
  'field',
  'institution',
  'company',
  'municipality',
]

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const raw = Array.isArray(value) ? value[0] : value
  return typeof raw === 'string' && raw !== '' ? raw : undefined
}

const fiscalYear = (value: string | undefined) => {
  if (!value || !/^\d{4}$/.test(value)) return undefined
  const fy = Number(value)
  return fy >= 1980 && fy <= 2100 ? fy : undefined
}

const id = (value: string | undefined) => {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return undefined
  const n = Number(value)
  return n <= 2_147_483_647 ? n : undefined
}

export function parseFilters(query: LocationQuery): Filters {
  let fyFrom = fiscalYear(first(query.fyFrom))
  let fyTo = fiscalYear(first(query.fyTo))
  if (fyFrom !== undefined && fyTo !== undefined && fyFrom > fyTo) [fyFrom, fyTo] = [fyTo, fyFrom]
  const menu = first(query.menu)
  const field = first(query.field)
  const municipality = first(query.municipality)
  const filters: Filters = {
    fyFrom,
    fyTo,
    menu: menu && /^[a-z][a-z0-9_]*$/.test(menu) && menu.length <= 50 ? menu : undefined,
    field: field && field in FIELD_SET ? (field as ResearchField) : undefined,
    institution: id(first(query.institution)),
    company: id(first(query.company)),
    municipality: municipality && municipality.length <= 50 ? municipality : undefined,
  }
  return compact(filters)
}

/** The filters without their unset keys. */
export function compact(filters: Filters): Filters {
  const result: Record<string, unknown> = {}
  for (const key of FILTER_KEYS) if (filters[key] !== undefined) result[key] = filters[key]
  return result as Filters
}

export function filtersToQuery(filters: Filters): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value !== undefined) query[key] = String(value)
  }
  return query
}

export const sameFilters = (a: Filters, b: Filters) => FILTER_KEYS.every((key) => a[key] === b[key])

/** The records page behind a figure: the current filters narrowed by the figure's own (e.g. one FY). */
export function recordsLink(
  path: string,
  filters: Filters,
  narrow: Record<string, string | number | undefined>,
) {
  const merged: Record<string, unknown> = { ...filters, ...narrow }
  const extra = Object.keys(narrow).filter((key) => !(FILTER_KEYS as readonly string[]).includes(key))
  const query: LocationQueryRaw = {}
  for (const key of [...FILTER_KEYS, ...extra]) {
    if (merged[key] !== undefined) query[key] = String(merged[key])
  }
  return { path, query }
}
