import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Role } from '../../db/tables/accounts.ts'
import { type App, buildApp } from '../../server/app.ts'
import type { AuthConfig } from '../../server/config.ts'
import { CSRF_HEADER, SESSION_COOKIE } from '../../server/plugins/auth.ts'
import { createSession } from '../../server/repositories/sessions-repository.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { insertUser, type TestUser } from './users.ts'

/** Requests made as one user (or as nobody). */
export interface TestClient {
  user: TestUser | undefined
  /** `sid=…`, the signed session cookie; undefined for an anonymous client. */
  cookie: string | undefined
  csrfToken: string | undefined
  /** As `app.inject`, with this client's cookie and CSRF token unless the request sends its own cookie. */
  inject(request: string | InjectOptions): Promise<LightMyRequestResponse>
}

function clientOf(app: App, user?: TestUser, cookie?: string, csrfToken?: string): TestClient {
  return {
    user,
    cookie,
    csrfToken,
    inject(request) {
      const options: InjectOptions = typeof request === 'string' ? { url: request } : { ...request }
      const headers = { ...(options.headers ?? {}) } as Record<string, string>
      const names = Object.keys(headers).map((name) => name.toLowerCase())
      if (cookie && !names.includes('cookie')) {
        headers.cookie = cookie
        if (csrfToken && !names.includes(CSRF_HEADER)) headers[CSRF_HEADER] = csrfToken
      }
      return app.inject({ ...options, headers })
    },
  }
}

/**
 * The app on a test file's own database, with a signed-in admin: `app.inject` sends the admin's session
 * (cookie and CSRF token) unless the request sets its own cookie header. `as(role)` makes a user of a role
 * with a session; `anonymous` sends nothing. close() ends app and database.
 */
export async function createTestApp(
  options: { dataset?: boolean; onDisk?: boolean; auth?: Partial<AuthConfig> } = {},
) {
  const database: TestDatabase = await createTestDatabase(options)
  const raw = await buildApp({ db: database.db, auth: options.auth })
  await raw.ready()

  const sessionFor = async (user: TestUser): Promise<TestClient> => {
    const { token, csrfToken } = await createSession(database.db, user.id, 12)
    return clientOf(raw, user, `${SESSION_COOKIE}=${raw.signCookie(token)}`, csrfToken)
  }
  const admin = await sessionFor(await insertUser(database.db, { role: 'admin' }))

  // The real app, but its inject signs in as the admin.
  const app = new Proxy(raw, {
    get(target, property) {
      if (property === 'inject') return admin.inject
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as App

  return {
    app,
    database,
    admin,
    anonymous: clientOf(raw),
    /** A new user of `role` (a partner needs its organization) with a session of its own. */
    async as(role: Role, organizationId: number | null = null): Promise<TestClient> {
      return sessionFor(await insertUser(database.db, { role, organizationId }))
    },
    sessionFor,
    async close() {
      await raw.close()
      await database.close()
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>
