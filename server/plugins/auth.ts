import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { withActor } from '../../db/actor.ts'
import { sameToken, tokenHash } from '../auth/tokens.ts'
import { ANONYMOUS, type Viewer } from '../auth/viewer.ts'
import type { AuthConfig } from '../config.ts'
import { ForbiddenError } from '../domain/errors.ts'
import { type ActiveSession, findSession } from '../repositories/sessions-repository.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request comes from: anonymous, or the user of a valid session. */
    viewer: Viewer
    /** The request's valid session, if any. */
    session: ActiveSession | null
  }
  interface FastifyInstance {
    sessionCookie: {
      set(reply: FastifyReply, token: string): void
      clear(reply: FastifyReply): void
    }
    authSettings: AuthConfig
  }
  interface FastifyContextConfig {
    /** false: a state-changing route that needs no CSRF token (sign-in, which replaces any session). */
    csrf?: boolean
    /** A route outside /api whose answer depends on the viewer all the same (a page rendered on the server). */
    viewer?: boolean
  }
}

export const SESSION_COOKIE = 'sid'
export const CSRF_HEADER = 'x-csrf-token'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
export const changesState = (request: FastifyRequest) => STATE_CHANGING.has(request.method)

/** A browser says where a request comes from; one from another site may not change anything. */
function crossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true
  const origin = request.headers.origin
  if (origin === undefined) return false
  const withoutDefaultPort = (host: string) => host.replace(/:(80|443)$/, '')
  try {
    return withoutDefaultPort(new URL(origin).host) !== withoutDefaultPort(request.host)
  } catch {
    return true // `null` (a sandboxed or privacy-sensitive context) and garbage alike
  }
}

/**
 * Sessions: the cookie carries a random token (signed with SESSION_SECRET); the database keeps its SHA-256
 * with the user, a CSRF token and the expiry times. Every request gets `request.viewer`; every
 * state-changing request with a session must send the session's CSRF token, and none may come from
 * another site. A signed-in user's writes run as that user for the audit trail (db/actor.ts).
 */
export default fp<AuthConfig>(
  async (fastify: FastifyInstance, settings) => {
    await fastify.register(cookie, { secret: settings.sessionSecret, hook: 'onRequest' })

    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: settings.cookieSecure,
    }
    fastify.decorate('authSettings', settings)
    fastify.decorate('sessionCookie', {
      set(reply: FastifyReply, token: string) {
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          signed: true,
          maxAge: settings.sessionMaxHours * 3600,
        })
      },
      clear(reply: FastifyReply) {
        reply.clearCookie(SESSION_COOKIE, cookieOptions)
      },
    })
    // Set by the hook below on every request; Fastify wants a non-object default.
    fastify.decorateRequest('viewer', null as never)
    fastify.decorateRequest('session', null)

    fastify.addHook('onRequest', async (request, reply) => {
      request.viewer = ANONYMOUS
      request.session = null
      if (changesState(request) && crossSite(request)) {
        throw new ForbiddenError('A request from another site may not change anything here')
      }
      // The dashboard's files and the API documentation need no session: no database round trip for them.
      if (!request.routeOptions.url?.startsWith('/api/') && request.routeOptions.config.viewer !== true)
        return

      const raw = request.cookies[SESSION_COOKIE]
      if (raw === undefined) return
      const { valid, value } = request.unsignCookie(raw)
      const session =
        valid && value
          ? await findSession(fastify.db, tokenHash(value), settings.sessionIdleMinutes)
          : undefined
      if (!session) {
        fastify.sessionCookie.clear(reply)
        return
      }
      request.session = session
      request.viewer = {
        kind: 'user',
        userId: session.user.id,
        role: session.user.role,
        organizationId: session.user.organizationId,
      }
      if (
        changesState(request) &&
        request.routeOptions.config.csrf !== false &&
        !sameToken(request.headers[CSRF_HEADER], session.csrfToken)
      ) {
        throw new ForbiddenError(
          `Missing or wrong CSRF token: send the ${CSRF_HEADER} header that GET /api/auth/session gives`,
        )
      }
    })

    // Callback style on purpose: the rest of the request (the handler) runs inside `done`, so inside the
    // actor's async context.
    fastify.addHook('preHandler', (request, _reply, done) => {
      const { viewer } = request
      if (viewer.kind === 'user' && changesState(request)) withActor(viewer.userId, done)
      else done()
    })
  },
  { name: 'auth', dependencies: ['database'] },
)
