import { computed } from 'vue'
import type { LocationQuery } from 'vue-router'
import { useRoute, useRouter } from 'vue-router'
import { compact, FILTER_KEYS, type Filters, filtersToQuery, parseFilters, sameFilters } from './filters.ts'

/**
 * What a screen keeps in the URL beside the filters (a search, a sort, an outcome kind): kept when the
 * filters change. The page number is not: other filters mean other pages, so the list starts again.
 */
function screenState(query: LocationQuery): LocationQuery {
  const kept: LocationQuery = {}
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'page' && !(FILTER_KEYS as readonly string[]).includes(key)) kept[key] = value
  }
  return kept
}

/** The dashboard filters, kept in the URL query so that a view can be bookmarked and shared. */
export function useFilters() {
  const route = useRoute()
  const router = useRouter()
  const filters = computed(() => parseFilters(route.query))

  async function setFilters(patch: Partial<Filters>) {
    const next = compact({ ...filters.value, ...patch })
    if (next.fyFrom !== undefined && next.fyTo !== undefined && next.fyFrom > next.fyTo) {
      // Moving one end past the other drags the other along rather than producing an empty range.
      if ('fyFrom' in patch) next.fyTo = next.fyFrom
      else next.fyFrom = next.fyTo
    }
    if (sameFilters(next, filters.value)) return
    const query = { ...filtersToQuery(next), ...screenState(route.query) }
    await router.push({ path: route.path, query, hash: route.hash })
  }

  const clearFilters = () => router.push({ path: route.path, query: screenState(route.query) })

  return { filters, setFilters, clearFilters }
}
