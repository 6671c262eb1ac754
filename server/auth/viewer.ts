import type { Role } from '../../db/tables/accounts.ts'

export { ROLES } from '../../db/tables/accounts.ts'
export type { Role }

/** Who a request comes from; set on every request as `request.viewer` (server/plugins/auth.ts). */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: number; role: Role; organizationId: number | null }

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' })

/** Admins and managers see and change every record. */
export const seesEverything = (viewer: Viewer): boolean =>
  viewer.kind === 'user' && (viewer.role === 'admin' || viewer.role === 'manager')

/** The organization of a partner; undefined for every other viewer. */
export const partnerOrganization = (viewer: Viewer): number | undefined =>
  viewer.kind === 'user' && viewer.role === 'partner' && viewer.organizationId !== null
    ? viewer.organizationId
    : undefined
