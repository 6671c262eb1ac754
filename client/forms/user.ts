import type { Role, User, UserCreate } from '../../server/schemas/users.ts'
import type { FieldProblem } from '../composables/field-errors.ts'

export interface UserDraft {
  email: string
  displayName: string
  role: Role
  organizationId: number | null | undefined
  /** A new user's password; for an existing one, empty unless it is being replaced. */
  password: string
}

export const userDraft = (user: User | undefined): UserDraft => ({
  email: user?.email ?? '',
  displayName: user?.displayName ?? '',
  role: user?.role ?? 'viewer',
  organizationId: user?.organizationId ?? null,
  password: '',
})

/**
 * A partner belongs to an institution; every other role to none (the API refuses one). An existing user's
 * password goes only when a new one is typed (it ends their sessions).
 */
export function userBody(draft: UserDraft): { body: UserCreate; problems: FieldProblem[] } {
  const body: UserCreate = {
    email: draft.email.trim(),
    displayName: draft.displayName.trim(),
    role: draft.role,
    password: draft.password,
    organizationId: draft.role === 'partner' ? (draft.organizationId ?? null) : null,
  }
  return { body, problems: [] }
}
