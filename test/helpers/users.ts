import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Role } from '../../db/tables/accounts.ts'
import { hashPassword } from '../../server/auth/passwords.ts'
import type { Viewer } from '../../server/auth/viewer.ts'

/** The password of every user the tests make. */
export const TEST_PASSWORD = 'correct horse battery staple'

let passwordHash: Promise<string> | undefined
/** Hashed once per test file: argon2id takes its time on purpose. */
export const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD))

export interface TestUser {
  id: number
  email: string
  role: Role
  organizationId: number | null
}

let made = 0

/** A user, straight into the database (no session). */
export async function insertUser(
  db: Kysely<Database>,
  options: { role: Role; organizationId?: number | null; email?: string; disabled?: boolean },
): Promise<TestUser> {
  made++
  const email = options.email ?? `${options.role}-${made}-${process.pid}@example.test`
  const organizationId = options.organizationId ?? null
  const { id } = await db
    .insertInto('users')
    .values({
      email,
      displayName: `${options.role} ${made}`,
      role: options.role,
      organizationId,
      passwordHash: await testPasswordHash(),
      disabled: options.disabled ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id, email, role: options.role, organizationId }
}

/** A viewer who sees everything, for calling repositories directly. */
export const ADMIN_VIEWER: Viewer = { kind: 'user', userId: 0, role: 'admin', organizationId: null }
export const viewerOf = (user: TestUser): Viewer => ({
  kind: 'user',
  userId: user.id,
  role: user.role,
  organizationId: user.organizationId,
})
