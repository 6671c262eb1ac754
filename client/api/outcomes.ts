import type { OutcomeListItem, OutcomeQuery } from '../../server/schemas/outcomes.ts'
import type { RequestOptions } from './client.ts'
import { fetchAll } from './pages.ts'

type ListQuery = Omit<OutcomeQuery, 'kind' | 'limit' | 'offset'>

export const outcomesApi = {
  /** Every outcome matching the query, FY first (those without one last), then date and title. */
  all: (query: ListQuery, options?: RequestOptions) =>
    fetchAll<OutcomeListItem>('/outcomes', { sort: 'fy', ...query }, options),
}
