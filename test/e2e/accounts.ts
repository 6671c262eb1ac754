import type { Session } from '../../server/schemas/auth.ts'
import type { User } from '../../server/schemas/users.ts'

/** The password of every account the browser tests make (at least 12 characters). */
export const E2E_PASSWORD = 'correct horse battery staple'

export interface ApiSession {
  user: NonNullable<Session['user']>
  /** The session's cookie and CSRF token, for requests that are not JSON (a file upload). */
  headers: Record<string, string>
  /** A JSON request with the session's cookie and CSRF token; throws on an error status, naming it. */
  request: <T>(method: string, path: string, body?: unknown) => Promise<T>
}

/** Signs in over HTTP (as the setup of a browser test): the cookie and CSRF token of a real session. */
export async function signInApi(
  baseUrl: string,
  email: string,
  password = E2E_PASSWORD,
): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`)
  const session = (await response.json()) as Session
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const headers = { cookie, 'x-csrf-token': session.csrfToken ?? '' }
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`)
    return (answer.status === 204 ? undefined : await answer.json()) as T
  }
  if (!session.user) throw new Error(`sign-in as ${email} gave no user`)
  return { user: session.user, headers, request }
}

/** A user made by an admin's session. */
export const createUser = (
  admin: ApiSession,
  user: { email: string; displayName: string; role: User['role']; organizationId?: number | null },
) => admin.request<User>('POST', '/users', { ...user, password: E2E_PASSWORD })
