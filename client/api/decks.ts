import type {
  Deck,
  DeckCreate,
  DeckFigures,
  DeckList,
  DeckQuery,
  DeckUpdate,
} from '../../server/schemas/decks.ts'
import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import type { ProductStats } from '../../server/schemas/stats.ts'
import { ApiError, apiGet, apiSend, type RequestOptions } from './client.ts'
import { projectsApi } from './projects.ts'
import { statsApi } from './stats.ts'

export const decksApi = {
  list: (query: DeckQuery = {}, options?: RequestOptions) => apiGet<DeckList>('/decks', query, options),
  get: (id: number, options?: RequestOptions) => apiGet<Deck>(`/decks/${id}`, undefined, options),
  create: (body: DeckCreate) => apiSend<Deck>('POST', '/decks', body),
  update: (id: number, body: DeckUpdate) => apiSend<Deck>('PATCH', `/decks/${id}`, body),
  remove: (id: number) => apiSend<undefined>('DELETE', `/decks/${id}`),
  /** Keeps the figures as they are now: the deck shows them, not live data, until it is thawed. */
  freeze: (id: number, version: number) => apiSend<Deck>('POST', `/decks/${id}/freeze`, { version }),
}

/** The projects whose products the figures name, in the order of their first product: the default showcase. */
export function featuredProjectIds(products: ProductStats): number[] {
  const ids = products.years.flatMap((year) => year.products.map((product) => product.projectId))
  return [...new Set(ids)]
}

/**
 * What the slides draw, from the live API: the KPIs and series under `filters`, and the projects named
 * (`featured`: those behind the products launched). A project the viewer may not see is left out.
 */
export async function liveFigures(
  filters: DashboardFilterQuery,
  projects: number[] | 'featured',
  options: RequestOptions = {},
): Promise<DeckFigures> {
  const [overview, adoptions, products, attendance] = await Promise.all([
    statsApi.overview(filters, options),
    statsApi.adoptions(filters, options),
    statsApi.products(filters, options),
    statsApi.attendance(filters, options),
  ])
  const ids = projects === 'featured' ? featuredProjectIds(products) : [...new Set(projects)]
  const details = await Promise.all(
    ids.map((id) =>
      projectsApi.get(id, options).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined
        throw error
      }),
    ),
  )
  return {
    asOf: new Date().toISOString(),
    overview,
    adoptions,
    products,
    attendance,
    projects: details.filter((d): d is ProjectDetail => d !== undefined),
  }
}
