import type { FastifyPluginAsync } from 'fastify'
import findings from './findings/index.ts'
import health from './health.ts'
import organizations from './organizations/index.ts'
import outcomes from './outcomes/index.ts'
import projects from './projects/index.ts'
import stats from './stats/index.ts'

/** Every API route, under /api. Add a resource's plugin here. */
const routes: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health)
  await fastify.register(organizations)
  await fastify.register(findings)
  await fastify.register(outcomes)
  await fastify.register(projects)
  await fastify.register(stats)
}

export default routes
