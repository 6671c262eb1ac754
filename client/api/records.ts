import type { AuditActors, AuditList, AuditQuery, HistoryParams } from '../../server/schemas/audit.ts'
import type { Event, EventCreate, EventUpdate } from '../../server/schemas/events.ts'
import type { Finding, FindingCreate, FindingUpdate } from '../../server/schemas/findings.ts'
import type { Menu } from '../../server/schemas/menus.ts'
import type {
  Organization,
  OrganizationCreate,
  OrganizationUpdate,
} from '../../server/schemas/organizations.ts'
import type { Outcome, OutcomeCreate, OutcomeUpdate } from '../../server/schemas/outcomes.ts'
import type {
  Grant,
  GrantCreate,
  GrantUpdate,
  ProjectCreate,
  ProjectDetail,
  ProjectListItem,
  ProjectUpdate,
} from '../../server/schemas/projects.ts'
import type { KpiTarget, KpiTargetCreate, KpiTargetUpdate } from '../../server/schemas/targets.ts'
import type { User, UserCreate, UserList, UserUpdate } from '../../server/schemas/users.ts'
import { ApiError, apiGet, apiSend, type RequestOptions } from './client.ts'
import { fetchAll } from './pages.ts'

/** Read one, add, change (with the version read: a stale one answers 409) and delete: one record type. */
function recordApi<Record, Create, Update>(path: string) {
  return {
    get: (id: number, options?: RequestOptions) => apiGet<Record>(`${path}/${id}`, undefined, options),
    create: (body: Create) => apiSend<Record>('POST', path, body),
    update: (id: number, body: Update) => apiSend<Record>('PATCH', `${path}/${id}`, body),
    remove: (id: number) => apiSend<undefined>('DELETE', `${path}/${id}`),
  }
}

export const findingRecords = recordApi<Finding, FindingCreate, FindingUpdate>('/findings')
export const outcomeRecords = recordApi<Outcome, OutcomeCreate, OutcomeUpdate>('/outcomes')
export const projectRecords = recordApi<ProjectDetail, ProjectCreate, ProjectUpdate>('/projects')
export const eventRecords = recordApi<Event, EventCreate, EventUpdate>('/events')
export const organizationRecords = recordApi<Organization, OrganizationCreate, OrganizationUpdate>(
  '/organizations',
)
export const targetRecords = {
  ...recordApi<KpiTarget, KpiTargetCreate, KpiTargetUpdate>('/targets'),
  /** Every target of the fiscal years asked for (a handful per year). */
  list: (fys: { fyFrom?: number; fyTo?: number } = {}, options?: RequestOptions) =>
    fetchAll<KpiTarget>('/targets', { sort: 'fy', ...fys }, options).then((list) => list.items),
}

/** A project's grants: added under the project, changed and deleted by their own id, read with the project. */
export const grantRecords = {
  async get(projectId: number, id: number, options?: RequestOptions): Promise<Grant> {
    const project = await apiGet<ProjectDetail>(`/projects/${projectId}`, undefined, options)
    const grant = project.grants.find((g) => g.id === id)
    if (grant) return grant
    throw new ApiError({ statusCode: 404, error: 'Not Found', message: `Grant ${id} not found` })
  },
  create: (projectId: number, body: GrantCreate) =>
    apiSend<Grant>('POST', `/projects/${projectId}/grants`, body),
  update: (id: number, body: GrantUpdate) => apiSend<Grant>('PATCH', `/grants/${id}`, body),
  remove: (id: number) => apiSend<undefined>('DELETE', `/grants/${id}`),
}
export const userRecords = {
  ...recordApi<User, UserCreate, UserUpdate>('/users'),
  /** Every user (admins only); the API pages at 500, more than a program office has. */
  list: (options?: RequestOptions) => apiGet<UserList>('/users', { sort: 'email', limit: 500 }, options),
}

/** What the forms choose from: organizations, subsidy menus, projects. */
export const choices = {
  organizations: (options?: RequestOptions) =>
    fetchAll<Organization>('/organizations', { sort: 'nameJa' }, options).then((list) => list.items),
  menus: (options?: RequestOptions) =>
    fetchAll<Menu>('/menus', { sort: 'id' }, options).then((list) => list.items),
  projects: (options?: RequestOptions) =>
    fetchAll<ProjectListItem>('/projects', { sort: 'adoptedFy' }, options).then((list) => list.items),
  /** The projects an organization takes part in: those it leads, and those it is a partner of. */
  async projectsOf(organizationId: number, options?: RequestOptions) {
    const [led, joined] = await Promise.all([
      fetchAll<ProjectListItem>('/projects', { sort: 'adoptedFy', company: organizationId }, options),
      fetchAll<ProjectListItem>('/projects', { sort: 'adoptedFy', institution: organizationId }, options),
    ])
    const byId = new Map([...led.items, ...joined.items].map((p) => [p.id, p]))
    return [...byId.values()].sort((a, b) => (a.adoptedFy ?? 0) - (b.adoptedFy ?? 0) || a.id - b.id)
  },
}

/** The history of one record, oldest first, with the rows that belong to it (managers and admins). */
export const recordHistory = ({ table, id }: HistoryParams, options?: RequestOptions) =>
  apiGet<AuditList>(`/audit/${table}/${id}`, undefined, options)

/** Every change, newest first, filtered; and the people who made some (managers and admins). */
export const auditLog = {
  list: (query: AuditQuery, options?: RequestOptions) => apiGet<AuditList>('/audit', query, options),
  actors: (options?: RequestOptions) => apiGet<AuditActors>('/audit/actors', undefined, options),
}
