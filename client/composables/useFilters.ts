import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { compact, type Filters, filtersToQuery, parseFilters, sameFilters } from './filters.ts'

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
    await router.push({ path: route.path, query: filtersToQuery(next), hash: route.hash })
  }

  const clearFilters = () => router.push({ path: route.path })

  return { filters, setFilters, clearFilters }
}
