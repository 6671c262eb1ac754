import type { OrganizationList } from '../../server/schemas/organizations.ts'
import type { MenuSummary } from '../../server/schemas/stats.ts'
import { apiGet } from '../api/client.ts'
import { statsApi } from '../api/stats.ts'
import { useAsync } from './useAsync.ts'

export interface FilterOptions {
  /** Every FY from the first to the last on record, ascending. */
  fiscalYears: number[]
  menus: MenuSummary[]
  institutions: { id: number; name: MenuSummary['name'] }[]
  municipalities: string[]
}

// Lead companies' kinds: the municipality filter selects projects by their lead company's seat.
const COMPANY_KINDS = new Set(['company', 'cooperative', 'venture'])

async function loadOptions(): Promise<FilterOptions> {
  const [adoptions, attendance, products, institutions, organizations] = await Promise.all([
    statsApi.adoptions({}),
    statsApi.attendance({}),
    statsApi.products({}),
    statsApi.institutions({}),
    apiGet<OrganizationList>('/organizations', { limit: 500, sort: 'nameJa' }),
  ])
  const years = [...adoptions.years, ...attendance.years, ...products.years].map((y) => y.fy)
  const first = Math.min(...years)
  const last = Math.max(...years)
  const municipalities = new Set(
    organizations.items
      .filter((o) => COMPANY_KINDS.has(o.kind) && o.municipality)
      .map((o) => o.municipality as string),
  )
  return {
    fiscalYears: years.length ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [],
    menus: adoptions.menus,
    institutions: institutions.institutions.map((i) => ({ id: i.id, name: i.name })),
    municipalities: [...municipalities].sort((a, b) => a.localeCompare(b, 'ja')),
  }
}

// The choices do not depend on the filters: loaded once per visit, shared by every filter bar (and not
// aborted when one of them goes away).
let shared: Promise<FilterOptions> | undefined

export function useFilterOptions() {
  return useAsync({
    key: () => 'options',
    load: () => {
      shared ??= loadOptions().catch((error) => {
        shared = undefined
        throw error
      })
      return shared
    },
  })
}
