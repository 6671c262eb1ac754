import type { FilterOptions } from '../../server/schemas/stats.ts'
import { statsApi } from '../api/stats.ts'
import { onServer } from '../ssr/rendered-state.ts'
import { useAsync } from './useAsync.ts'

// The choices do not depend on the filters: loaded once per visit, in one request, shared by every filter bar
// (and not aborted when one of them goes away). Not on the server, which renders for every visitor.
let shared: Promise<FilterOptions> | undefined

export function useFilterOptions() {
  if (onServer()) return useAsync({ key: () => 'options', load: () => statsApi.filterOptions() })
  return useAsync({
    key: () => 'options',
    load: () => {
      shared ??= statsApi.filterOptions().catch((error) => {
        shared = undefined
        throw error
      })
      return shared
    },
  })
}
