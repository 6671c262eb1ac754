import { computed, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import { statsApi } from '../api/stats.ts'
import type { Filters } from './filters.ts'
import { useAsync } from './useAsync.ts'
import { parsePage } from './useProjectListQuery.ts'

export const INSTITUTION_PAGE_SIZE = 50

/**
 * A page of the partner institutions under the filters, with how many there are in all. The page is `?page=` in
 * the URL; a filter change drops it (useFilters), so the list starts again, while choosing an institution keeps
 * it (`linkFor`).
 */
export function useInstitutionPage({ filters }: { filters: Ref<Filters> }) {
  const route = useRoute()
  const page = computed(() => parsePage(route.query))
  const list = useAsync({
    key: () => ({
      ...filters.value,
      limit: INSTITUTION_PAGE_SIZE,
      offset: (page.value - 1) * INSTITUTION_PAGE_SIZE,
    }),
    load: (query, signal) => statsApi.institutions(query, { signal }),
  })
  const pageCount = computed(() =>
    Math.max(1, Math.ceil((list.data.value?.total ?? 0) / INSTITUTION_PAGE_SIZE)),
  )
  /** The first and last shown, counted from 1, and how many there are; undefined until a page is in. */
  const range = computed(() => {
    const data = list.data.value
    if (!data || data.institutions.length === 0) return undefined
    const from = (page.value - 1) * INSTITUTION_PAGE_SIZE + 1
    return { from, to: from + data.institutions.length - 1, total: data.total }
  })
  const linkFor = (to: number) => ({
    path: route.path,
    query: { ...route.query, page: to > 1 ? String(to) : undefined },
    hash: route.hash,
  })
  return { list, page, pageCount, range, linkFor }
}
