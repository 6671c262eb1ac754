import type { FastifyPluginAsync } from 'fastify'
import audit from './audit/index.ts'
import auth from './auth/index.ts'
import decks from './decks/index.ts'
import events from './events/index.ts'
import findings from './findings/index.ts'
import health from './health.ts'
import imports from './imports/index.ts'
import menus from './menus/index.ts'
import organizations from './organizations/index.ts'
import outcomes from './outcomes/index.ts'
import projects from './projects/index.ts'
import stats from './stats/index.ts'
import targets from './targets/index.ts'
import users from './users/index.ts'

/** Every API route, under /api. Add a resource's plugin here. */
const routes: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health)
  await fastify.register(auth)
  await fastify.register(users)
  await fastify.register(audit)
  await fastify.register(organizations)
  await fastify.register(findings)
  await fastify.register(outcomes)
  await fastify.register(projects)
  await fastify.register(stats)
  await fastify.register(events)
  await fastify.register(targets)
  await fastify.register(menus)
  await fastify.register(decks)
  await fastify.register(imports)
}

export default routes
