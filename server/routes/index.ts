import type { FastifyPluginAsync } from 'fastify'
import health from './health.ts'
import organizations from './organizations/index.ts'

/** Every API route, under /api. Add a resource's plugin here. */
const routes: FastifyPluginAsync = async (fastify) => {
  await fastify.register(health)
  await fastify.register(organizations)
}

export default routes
