import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import database from './plugins/database.ts'
import health from './routes/health.ts'

export interface AppOptions {
  db: Kysely<Database>
  logger?: FastifyServerOptions['logger']
}

export async function buildApp({ db, logger = false }: AppOptions) {
  const app = Fastify({ logger }).withTypeProvider<TypeBoxTypeProvider>()
  await app.register(database, { db })
  await app.register(health, { prefix: '/api' })
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
