import type { FindingMetaboliteList } from '../../server/schemas/finding-metabolites.ts'
import type {
  FindingListItem,
  FindingQuery,
  MetaboliteHit,
  MetaboliteQuery,
} from '../../server/schemas/findings.ts'
import { apiGet, type RequestOptions } from './client.ts'
import { fetchAll } from './pages.ts'

export interface MetaboliteSearch {
  /** The text searched for, so that a result is always shown under its own query. */
  q: string | undefined
  hits: MetaboliteHit[]
  total: number
  /** Each hit's finding, by id: its material, comparison and project, which a hit does not carry. */
  findings: Map<number, FindingListItem>
}

export const findingsApi = {
  all: (query: Omit<FindingQuery, 'limit' | 'offset'>, options?: RequestOptions) =>
    fetchAll<FindingListItem>('/findings', query, options),

  /** A page of one finding's metabolite results, the most significant first (as its detail names them). */
  metabolitesOf: (findingId: number, page: { limit: number; offset: number }, options?: RequestOptions) =>
    apiGet<FindingMetaboliteList>(`/findings/${findingId}/metabolites`, page, options),

  /**
   * Metabolite results by name or identifier, each with its finding and project. A metabolite hit carries only
   * its finding's statement and project id; the findings search on the same text (it also matches metabolite
   * names and identifiers) brings the rest, in one more request rather than one per finding.
   */
  async searchMetabolites(
    query: Omit<MetaboliteQuery, 'limit' | 'offset'>,
    options?: RequestOptions,
  ): Promise<MetaboliteSearch> {
    const { q, fyFrom, fyTo, menu, field, institution, company, municipality } = query
    const filters = { fyFrom, fyTo, menu, field, institution, company, municipality }
    const [hits, findings] = await Promise.all([
      fetchAll<MetaboliteHit>('/metabolites', { sort: 'name', ...query }, options),
      fetchAll<FindingListItem>('/findings', { ...filters, q }, options),
    ])
    const byId = new Map(findings.items.map((f) => [f.id, f]))
    return { q, hits: hits.items, total: hits.total, findings: byId }
  },
}
