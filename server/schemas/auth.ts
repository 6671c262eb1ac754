import { type Static, Type } from 'typebox'
import { Id, Nullable, Timestamp } from './common.ts'
import { Email, Role } from './users.ts'

export const SignIn = Type.Object(
  {
    email: Email,
    // Not the password rule of new passwords: an old, shorter one must still be checkable.
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type SignIn = Static<typeof SignIn>

export const SessionUser = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  role: Role,
  organizationId: Nullable(Id),
})

export const Session = Type.Object(
  {
    user: Nullable(SessionUser),
    csrfToken: Nullable(
      Type.String({
        description: 'send it as the x-csrf-token header with every POST, PATCH, PUT and DELETE',
      }),
    ),
    expiresAt: Nullable(Timestamp),
    idleMinutes: Type.Integer({ description: 'a session unused this long ends' }),
  },
  { description: 'who is signed in on this session (user null: nobody)' },
)
export type Session = Static<typeof Session>
