import type { Session } from '../../server/schemas/auth.ts'

// What the signed-in user may change, as server/auth/policy.ts and server/repositories/record-access.ts
// decide it: the dashboard shows a form only where the server would accept it. The server stays the judge.

export type SessionUser = NonNullable<Session['user']>
type Someone = SessionUser | null | undefined

/** The program office: every record, the audit trail, the fields that publish a record. */
export const isEditor = (user: Someone): boolean => user?.role === 'admin' || user?.role === 'manager'

export const isAdmin = (user: Someone): boolean => user?.role === 'admin'

/** The organizations of a project: its lead company and its partner institutions. */
export interface ProjectParticipants {
  company: { id: number } | null
  partners: readonly { org: { id: number } }[]
}

/** A partner takes part in a project its organization leads or is a partner of. */
export function takesPart(user: Someone, project: ProjectParticipants): boolean {
  if (user?.role !== 'partner' || user.organizationId === null) return false
  const org = user.organizationId
  return project.company?.id === org || project.partners.some((p) => p.org.id === org)
}

/** May add and change the findings and outcomes of this project. */
export const mayContribute = (user: Someone, project: ProjectParticipants): boolean =>
  isEditor(user) || takesPart(user, project)

/** May the user write findings and outcomes at all (on some project)? */
export const isContributor = (user: Someone): boolean => isEditor(user) || user?.role === 'partner'

/** What a record form shows the user: wait, ask to sign in, refuse, or the form. */
export type FormAccess = 'pending' | 'signIn' | 'denied' | 'edit'

/**
 * `allowed`: the user may change the record, as far as the form knows yet (undefined: the project that
 * decides it is still loading, so the form waits).
 */
export function formAccess(user: Someone, allowed: (user: SessionUser) => boolean | undefined): FormAccess {
  if (user === undefined) return 'pending'
  if (user === null) return 'signIn'
  const verdict = allowed(user)
  if (verdict === undefined) return 'pending'
  return verdict ? 'edit' : 'denied'
}
