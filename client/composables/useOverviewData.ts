import type { Ref } from 'vue'
import { statsApi } from '../api/stats.ts'
import type { Filters } from './filters.ts'
import { useAsync } from './useAsync.ts'

/** The overview's four requests, each with its own loading and error state, refetched when filters change. */
export function useOverviewData({ filters }: { filters: Ref<Filters> }) {
  const key = () => filters.value
  return {
    overview: useAsync({ key, load: (query, signal) => statsApi.overview(query, { signal }) }),
    adoptions: useAsync({ key, load: (query, signal) => statsApi.adoptions(query, { signal }) }),
    products: useAsync({ key, load: (query, signal) => statsApi.products(query, { signal }) }),
    attendance: useAsync({ key, load: (query, signal) => statsApi.attendance(query, { signal }) }),
  }
}
