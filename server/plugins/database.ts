import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

/** Makes the database the app was built with available to every route as `fastify.db`. */
export default fp<{ db: Kysely<Database> }>(
  async (fastify, { db }) => {
    fastify.decorate('db', db)
  },
  { name: 'database' },
)
