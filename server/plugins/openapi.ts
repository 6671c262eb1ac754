import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** OpenAPI 3 generated from the route schemas: `/docs` (interactive) and `/docs/json`. */
export default fp(
  async (fastify: FastifyInstance) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Metabolome project result dashboard API',
          description:
            "Adoptions, metabolome findings, outcomes and seminars of Yamagata's Bio-cluster Formation Promotion " +
            'Program. Lists answer `{ items, total }`; errors answer one shape (`ErrorResponse`) naming each bad field.',
          version: '1.0.0',
        },
      },
    })
    await fastify.register(swaggerUi, { routePrefix: '/docs' })
  },
  { name: 'openapi' },
)
