import { computed } from 'vue'
import { type LocationQuery, type LocationQueryRaw, useRoute, useRouter } from 'vue-router'
import type { ProjectQuery } from '../../server/schemas/projects.ts'
import type { Locale } from '../i18n/index.ts'
import { filtersToQuery } from './filters.ts'
import { useFilters } from './useFilters.ts'
import { parseSearch } from './useSearchQuery.ts'

// The projects table's own state, kept in the URL beside the dashboard filters so that a sorted, searched page
// can be bookmarked and comes back with the Back button: `?q=でん六&sort=-adoptedFy&described=1&page=2`.

export type ProjectSort = NonNullable<ProjectQuery['sort']>

export const PAGE_SIZE = 20
/** Newest adoptions first. */
export const DEFAULT_SORT: ProjectSort = '-adoptedFy'

const SORT_FIELDS = [
  'id',
  'adoptedFy',
  'startFy',
  'endFy',
  'themeJa',
  'themeEn',
  'field',
  'status',
  'companyNameJa',
  'companyNameEn',
  'menuCode',
  'partnerCount',
] as const
export type SortField = (typeof SORT_FIELDS)[number]

const first = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value)

export function parseSort(query: LocationQuery): ProjectSort {
  const raw = first(query.sort)
  if (typeof raw !== 'string') return DEFAULT_SORT
  const field = raw.startsWith('-') ? raw.slice(1) : raw
  return (SORT_FIELDS as readonly string[]).includes(field) ? (raw as ProjectSort) : DEFAULT_SORT
}

export function parsePage(query: LocationQuery): number {
  const raw = first(query.page)
  if (typeof raw !== 'string' || !/^[1-9]\d{0,4}$/.test(raw)) return 1
  return Number(raw)
}

export const sortField = (sort: ProjectSort) => (sort.startsWith('-') ? sort.slice(1) : sort) as SortField
export const sortDirection = (sort: ProjectSort) => (sort.startsWith('-') ? 'descending' : 'ascending')

/** The table's columns, each sortable. */
export const COLUMNS = ['adoptedFy', 'theme', 'company', 'menu', 'field', 'status', 'partners'] as const
export type Column = (typeof COLUMNS)[number]

/** The API's sort field for a column: names sort in the language shown. */
export function fieldOfColumn(column: Column, locale: Locale): SortField {
  const en = locale === 'en'
  const fields: Record<Column, SortField> = {
    adoptedFy: 'adoptedFy',
    theme: en ? 'themeEn' : 'themeJa',
    company: en ? 'companyNameEn' : 'companyNameJa',
    menu: 'menuCode',
    field: 'field',
    status: 'status',
    partners: 'partnerCount',
  }
  return fields[column]
}

const COLUMN_OF: Partial<Record<SortField, Column>> = {
  adoptedFy: 'adoptedFy',
  themeJa: 'theme',
  themeEn: 'theme',
  companyNameJa: 'company',
  companyNameEn: 'company',
  menuCode: 'menu',
  field: 'field',
  status: 'status',
  partnerCount: 'partners',
}
/** The column a sort field belongs to (none for `id`, `startFy` or `endFy`, which a URL may still ask for). */
export const columnOfField = (field: SortField): Column | undefined => COLUMN_OF[field]

/** `?described=1`: only the adoptions the source describes (most of the brochure's are counted, not described). */
export const parseDescribed = (query: LocationQuery) => first(query.described) === '1'

interface ListState {
  q?: string | undefined
  sort?: ProjectSort
  described?: boolean
  page?: number
}

export function useProjectListQuery() {
  const route = useRoute()
  const router = useRouter()
  const { filters } = useFilters()
  const q = computed(() => parseSearch(route.query))
  const sort = computed(() => parseSort(route.query))
  const page = computed(() => parsePage(route.query))
  const described = computed(() => parseDescribed(route.query))

  /** The URL for a state: the filters in their fixed order, then the search, the sort and the page (1 left out). */
  function queryOf(state: ListState): LocationQueryRaw {
    const next = { q: q.value, sort: sort.value, described: described.value, page: page.value, ...state }
    const query = filtersToQuery(filters.value)
    if (next.q) query.q = next.q
    if (next.sort && next.sort !== DEFAULT_SORT) query.sort = next.sort
    if (next.described) query.described = '1'
    if (next.page && next.page > 1) query.page = String(next.page)
    return query
  }
  const linkTo = (state: ListState) => ({ path: route.path, query: queryOf(state) })

  /** A new search or sort starts again at the first page. Typing replaces the history entry rather than adding one. */
  const setSearch = (text: string) =>
    router.replace(linkTo({ q: text.trim().slice(0, 200) || undefined, page: 1 }))
  const setSort = (next: ProjectSort) => router.push(linkTo({ sort: next, page: 1 }))
  const setDescribed = (only: boolean) => router.push(linkTo({ described: only, page: 1 }))

  return { filters, q, sort, described, page, linkTo, setSearch, setSort, setDescribed }
}
