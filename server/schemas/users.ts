import { type Static, Type } from 'typebox'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts'
import { Id, ListOf, Nullable, Paging, Sort, Text, Timestamp, Version } from './common.ts'

export const Role = Type.Enum(['admin', 'manager', 'partner', 'viewer'], {
  description:
    'admin: users and everything a manager does; manager: every record; partner: the projects of its ' +
    'organization, adding and changing their findings and outcomes; viewer: reads at program level',
})
export type Role = Static<typeof Role>

export const Email = Type.String({ format: 'email', maxLength: 254 })
export const Password = Type.String({
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: MAX_PASSWORD_LENGTH,
  description: `at least ${MIN_PASSWORD_LENGTH} characters`,
})

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  role: Role,
  organizationId: Nullable(Id),
  disabled: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type User = Static<typeof User>
export const UserList = ListOf(User)
export type UserList = Static<typeof UserList>

const fields = {
  email: Email,
  displayName: Text(100),
  role: Role,
  organizationId: Nullable(Id),
  disabled: Type.Boolean({ description: 'a disabled user cannot sign in; disabling ends their sessions' }),
  password: Password,
}

export const UserCreate = Type.Object(
  {
    email: fields.email,
    displayName: fields.displayName,
    role: fields.role,
    password: fields.password,
    organizationId: Type.Optional(fields.organizationId),
  },
  {
    additionalProperties: false,
    description: 'organizationId: required for a partner (its institution), absent for every other role',
  },
)
export type UserCreate = Static<typeof UserCreate>

export const UserUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(fields)).properties },
  {
    additionalProperties: false,
    minProperties: 2,
    description: 'the version read, and at least one change; a new password ends the user’s sessions',
  },
)
export type UserUpdate = Static<typeof UserUpdate>

export const UserQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'email', 'displayName', 'role']),
    role: Type.Optional(Role),
    organizationId: Type.Optional(Id),
    disabled: Type.Optional(Type.Boolean()),
    q: Type.Optional(Text(200)),
  },
  { additionalProperties: false, description: 'q matches the email and the display name' },
)
export type UserQuery = Static<typeof UserQuery>
