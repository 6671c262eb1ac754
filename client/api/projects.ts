import type { ProjectDetail, ProjectList, ProjectQuery } from '../../server/schemas/projects.ts'
import { apiGet, type RequestOptions } from './client.ts'

export const projectsApi = {
  /** One page of the adoptions matching the query, with the total that matches. */
  list: (query: ProjectQuery, options?: RequestOptions) => apiGet<ProjectList>('/projects', query, options),

  /** Everything the project page shows, in one response; a 404 ApiError when there is no such project. */
  get: (id: number, options?: RequestOptions) => apiGet<ProjectDetail>(`/projects/${id}`, undefined, options),
}
