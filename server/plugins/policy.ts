import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Access, accessOf, allows } from '../auth/policy.ts'
import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts'

export interface RouteAccess {
  method: string
  url: string
  /** undefined: the route has no entry in the policy table, and is refused. */
  access: Access | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, as the policy table gives it. */
    routeAccess: RouteAccess[]
  }
}

/**
 * Enforces server/auth/policy.ts on every request, before its body is read: a role the route's entry does
 * not list is refused (401 anonymous, 403 signed in), and so is a route without an entry.
 */
export default fp(
  async (fastify: FastifyInstance) => {
    const routes: RouteAccess[] = []
    fastify.decorate('routeAccess', routes)
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue // follows GET
        routes.push({ method, url: route.url, access: accessOf(method, route.url) })
      }
    })
    fastify.addHook('onReady', async () => {
      const missing = routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)
      if (missing.length > 0)
        fastify.log.error({ routes: missing }, 'routes without an access rule are refused to everyone')
    })

    fastify.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url
      if (url === undefined || request.is404) return // the not-found handler answers
      const access = accessOf(request.method, url)
      if (access === undefined) {
        request.log.error({ route: `${request.method} ${url}` }, 'route without an access rule refused')
        throw new ForbiddenError('This route is not open to anyone yet')
      }
      if (allows(access, request.viewer)) return
      if (request.viewer.kind === 'anonymous') throw new UnauthorizedError('Sign in first')
      throw new ForbiddenError(`A ${request.viewer.role} may not do this`)
    })
  },
  { name: 'policy', dependencies: ['auth'] },
)
