import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import database from './plugins/database.ts'
import errors from './plugins/errors.ts'
import openapi from './plugins/openapi.ts'
import { useValidators } from './plugins/validation.ts'
import routes from './routes/index.ts'

export interface AppOptions {
  db: Kysely<Database>
  logger?: FastifyServerOptions['logger']
}

export async function buildApp({ db, logger = false }: AppOptions) {
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>()
  useValidators(app)

  await app.register(errors)
  await app.register(database, { db })
  await app.register(openapi)
  await app.register(routes, { prefix: '/api' })
  await app.register(import('./plugins/client.ts'))
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
