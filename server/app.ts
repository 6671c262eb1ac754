import { randomBytes } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { AuthConfig } from './config.ts'
import auth from './plugins/auth.ts'
import database from './plugins/database.ts'
import errors from './plugins/errors.ts'
import { frameworkErrors } from './plugins/framework-errors.ts'
import loadShedding, { DEFAULT_LOAD_SHEDDING, type LoadSheddingConfig } from './plugins/load-shedding.ts'
import openapi from './plugins/openapi.ts'
import policy from './plugins/policy.ts'
import responseCache, { DEFAULT_RESPONSE_CACHE, type ResponseCacheConfig } from './plugins/response-cache.ts'
import security from './plugins/security.ts'
import { useValidators } from './plugins/validation.ts'
import routes from './routes/index.ts'

export interface AppOptions {
  db: Kysely<Database>
  logger?: FastifyServerOptions['logger']
  /** Sessions and cookies; by default a random secret and Secure cookies (see server/config.ts). */
  auth?: Partial<AuthConfig>
  /** Take the client's address from X-Forwarded-For (behind a load balancer). */
  trustProxy?: boolean
  /** When to refuse requests with 503 because the process is overloaded. */
  loadShedding?: Partial<LoadSheddingConfig>
  /** How many answers of the cached routes to keep (see server/plugins/response-cache.ts). */
  responseCache?: Partial<ResponseCacheConfig>
}

export async function buildApp({
  db,
  logger = false,
  auth: authOptions = {},
  trustProxy = false,
  loadShedding: loadSheddingOptions = {},
  responseCache: responseCacheOptions = {},
}: AppOptions) {
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    trustProxy,
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>()
  useValidators(app)
  // The API reads JSON; a text body is a client mistake (415), not a string to validate. Routes that read
  // files (imports) add their own parsers.
  app.removeContentTypeParser('text/plain')
  const authConfig: AuthConfig = {
    sessionSecret: randomBytes(48).toString('base64'),
    cookieSecure: true,
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    ...authOptions,
  }

  await app.register(errors)
  await app.register(loadShedding, { ...DEFAULT_LOAD_SHEDDING, ...loadSheddingOptions })
  await app.register(database, { db })
  await app.register(security, { hsts: authConfig.cookieSecure })
  // Before any route, so that every route (the documentation's and the dashboard's too) meets the policy.
  await app.register(auth, authConfig)
  await app.register(policy)
  await app.register(responseCache, { ...DEFAULT_RESPONSE_CACHE, ...responseCacheOptions })
  await app.register(openapi)
  await app.register(routes, { prefix: '/api' })
  await app.register(import('./plugins/client.ts'))
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
