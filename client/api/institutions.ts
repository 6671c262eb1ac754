import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import type { FindingListItem } from '../../server/schemas/findings.ts'
import type { OutcomeListItem } from '../../server/schemas/outcomes.ts'
import type { ProjectListItem } from '../../server/schemas/projects.ts'
import type { RequestOptions } from './client.ts'
import { fetchAll } from './pages.ts'

export interface InstitutionRecords {
  projects: ProjectListItem[]
  findings: FindingListItem[]
  outcomes: OutcomeListItem[]
}

/** What one partner institution took part in: its projects, and their findings and outcomes. */
export async function institutionRecords(
  filters: DashboardFilterQuery & { institution: number },
  options?: RequestOptions,
): Promise<InstitutionRecords> {
  const [projects, findings, outcomes] = await Promise.all([
    fetchAll<ProjectListItem>('/projects', { ...filters, sort: 'adoptedFy' }, options),
    fetchAll<FindingListItem>('/findings', { ...filters, sort: 'adoptedFy' }, options),
    fetchAll<OutcomeListItem>('/outcomes', { ...filters, sort: 'fy' }, options),
  ])
  return { projects: projects.items, findings: findings.items, outcomes: outcomes.items }
}
