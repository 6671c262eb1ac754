import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Role } from '../../db/tables/accounts.ts'
import { hashPassword } from '../auth/passwords.ts'
import type { Viewer } from '../auth/viewer.ts'
import { ConflictError, type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { requiredHere, taken, unknownRecord } from '../domain/problems.ts'
import type { User, UserCreate, UserList, UserQuery, UserUpdate } from '../schemas/users.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'
import { deleteUserSessions } from './sessions-repository.ts'
import { refusingDuplicate } from './unique-violation.ts'

// Password hashes never leave this file except to the sign-in check (userForSignIn).

const columns = [
  'id',
  'email',
  'displayName',
  'role',
  'organizationId',
  'disabled',
  'version',
  'createdAt',
  'updatedAt',
] as const

export async function listUsers(db: Kysely<Database>, query: UserQuery): Promise<UserList> {
  let base = db.selectFrom('users')
  if (query.role !== undefined) base = base.where('role', '=', query.role)
  if (query.organizationId !== undefined) base = base.where('organizationId', '=', query.organizationId)
  if (query.disabled !== undefined) base = base.where('disabled', '=', query.disabled)
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('displayName', 'ilike', pattern)]))
  }
  const [field, direction] = parseSort(query.sort, 'id')
  const [items, count] = await Promise.all([
    base
      .select(columns)
      .orderBy(field, direction)
      .orderBy('id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { items, total: count.total }
}

export async function getUser(db: Kysely<Database>, id: number): Promise<User> {
  const user = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst()
  if (!user) throw new NotFoundError(`User ${id}`)
  return user
}

/** The account an email signs in to, whatever the case it is typed in. */
export async function userForSignIn(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'disabled'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

/** A partner belongs to one organization; no other role does. */
async function organizationProblems(
  db: Kysely<Database>,
  role: Role,
  organizationId: number | null,
): Promise<FieldProblem[]> {
  const field = 'body.organizationId'
  if (role !== 'partner') {
    return organizationId === null
      ? []
      : [
          {
            field,
            message: `is for partners only; a ${role} belongs to no organization (send null)`,
            keyword: 'partnersOnly',
            params: { role },
          },
        ]
  }
  if (organizationId === null) return [requiredHere(field, 'is required for a partner: its institution')]
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', organizationId)
    .executeTakeFirst()
  return org ? [] : [unknownRecord(field, 'organization', organizationId)]
}

/** What an admin may not do to their own account: there would be no one left to undo it. */
const ownAccount = (
  field: string,
  message: string,
  action: 'disable' | 'demote' | 'delete',
): FieldProblem => ({ field, message, keyword: 'ownAccount', params: { action } })

const duplicateEmail = <T>(work: Promise<T>) =>
  refusingDuplicate(
    work,
    'users_email_key',
    () =>
      new ConflictError('A user with this email already exists', [
        taken('body.email', 'is already used by another user (whatever its case)'),
      ]),
  )

export async function createUser(db: Kysely<Database>, input: UserCreate): Promise<User> {
  const { password, organizationId = null, ...fields } = input
  const problems = await organizationProblems(db, input.role, organizationId)
  if (problems.length > 0) throw new RuleViolationError(problems)
  const passwordHash = await hashPassword(password)
  return duplicateEmail(
    db
      .insertInto('users')
      .values({ ...fields, organizationId, passwordHash })
      .returning(columns)
      .executeTakeFirstOrThrow(),
  )
}

/**
 * Disabling a user or giving them a new password ends all their sessions, in the same transaction. An admin
 * cannot disable, demote or delete their own account (there would be no one left to undo it).
 */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  { version, password, ...changes }: UserUpdate,
  viewer: Viewer,
): Promise<User> {
  const label = `User ${id}`
  const passwordHash = password === undefined ? undefined : await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('users')
      .select(['version', 'role', 'organizationId'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!current) throw new NotFoundError(label)
    const problems: FieldProblem[] = []
    if (viewer.kind === 'user' && viewer.userId === id) {
      if (changes.disabled === true)
        problems.push(ownAccount('body.disabled', 'cannot be set on your own account', 'disable'))
      if (changes.role !== undefined && changes.role !== 'admin')
        problems.push(ownAccount('body.role', 'cannot be taken from your own account', 'demote'))
    }
    if (changes.role !== undefined || changes.organizationId !== undefined) {
      const role = changes.role ?? current.role
      // A new role that needs no organization drops the old one, unless the request names one.
      const organizationId =
        changes.organizationId !== undefined
          ? changes.organizationId
          : role === 'partner'
            ? current.organizationId
            : null
      if (organizationId !== current.organizationId) changes.organizationId = organizationId
      problems.push(...(await organizationProblems(trx, role, organizationId)))
    }
    if (problems.length > 0 && current.version === version) throw new RuleViolationError(problems)
    await duplicateEmail(
      updateVersioned(
        trx,
        'users',
        id,
        version,
        passwordHash ? { ...changes, passwordHash } : changes,
        label,
      ),
    )
    if (changes.disabled === true || passwordHash) await deleteUserSessions(trx, id)
    return trx.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirstOrThrow()
  })
}

export async function deleteUser(db: Kysely<Database>, id: number, viewer: Viewer): Promise<void> {
  if (viewer.kind === 'user' && viewer.userId === id) {
    throw new RuleViolationError([
      ownAccount('params.id', 'is your own account: another admin may delete it', 'delete'),
    ])
  }
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`User ${id}`)
}

/** The first admin, from the environment: only while the database has no user at all. */
export async function createFirstAdmin(
  db: Kysely<Database>,
  {
    email,
    password,
    displayName = 'Administrator',
  }: { email: string; password: string; displayName?: string },
): Promise<User | undefined> {
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyone) return undefined
  return createUser(db, { email, password, displayName, role: 'admin' })
}
