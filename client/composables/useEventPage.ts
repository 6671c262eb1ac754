import { computed, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import type { EventList } from '../../server/schemas/events.ts'
import { apiGet } from '../api/client.ts'
import { useAsync } from './useAsync.ts'
import { parsePage } from './useProjectListQuery.ts'

export const EVENT_PAGE_SIZE = 50

/**
 * A page of the program's events in a FY range, by FY, from the events list (the stats answer names only the
 * latest few). The page is `?page=` in the URL; a filter change drops it (useFilters), so the list starts again.
 */
export function useEventPage({ range }: { range: Ref<{ fyFrom?: number; fyTo?: number }> }) {
  const route = useRoute()
  const page = computed(() => parsePage(route.query))
  const list = useAsync({
    key: () => ({
      ...range.value,
      sort: 'fy',
      limit: EVENT_PAGE_SIZE,
      offset: (page.value - 1) * EVENT_PAGE_SIZE,
    }),
    load: (query, signal) => apiGet<EventList>('/events', query, { signal }),
  })
  const pageCount = computed(() => Math.max(1, Math.ceil((list.data.value?.total ?? 0) / EVENT_PAGE_SIZE)))
  const linkFor = (to: number) => ({
    path: route.path,
    query: { ...route.query, page: to > 1 ? String(to) : undefined },
    hash: route.hash,
  })
  return { list, page, pageCount, linkFor }
}
