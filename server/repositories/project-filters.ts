import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { DashboardFilterQuery } from '../schemas/filters.ts'

export type ProjectFilters = Pick<
  DashboardFilterQuery,
  'menu' | 'field' | 'institution' | 'company' | 'municipality'
>

export const hasProjectFilters = (f: ProjectFilters) =>
  f.menu !== undefined ||
  f.field !== undefined ||
  f.institution !== undefined ||
  f.company !== undefined ||
  f.municipality !== undefined

/**
 * Ids of the projects matching the project-level filters (menu, field, partner institution, lead company,
 * its municipality), for `where('projectId', 'in', …)`. Fiscal-year bounds are each resource's own.
 */
export function matchingProjectIds(db: Kysely<Database>, f: ProjectFilters) {
  let query = db.selectFrom('projects as fp').select('fp.id')
  if (f.menu !== undefined) {
    const menu = f.menu
    query = query.where('fp.menuId', 'in', (eb) =>
      eb.selectFrom('subsidyMenus').select('id').where('code', '=', menu),
    )
  }
  if (f.field !== undefined) query = query.where('fp.field', '=', f.field)
  if (f.company !== undefined) query = query.where('fp.leadOrgId', '=', f.company)
  if (f.institution !== undefined) {
    const institution = f.institution
    query = query.where('fp.id', 'in', (eb) =>
      eb.selectFrom('projectPartners').select('projectId').where('orgId', '=', institution),
    )
  }
  if (f.municipality !== undefined) {
    const municipality = f.municipality
    query = query.where('fp.leadOrgId', 'in', (eb) =>
      eb.selectFrom('organizations').select('id').where('municipality', '=', municipality),
    )
  }
  return query
}
