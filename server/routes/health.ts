import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { pingDatabase } from '../repositories/health-repository.ts'

const Status = Type.Object({ status: Type.String() })

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    { schema: { summary: 'The process is up', tags: ['health'], response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  )

  fastify.get(
    '/ready',
    {
      schema: {
        summary: 'The database answers',
        tags: ['health'],
        response: { 200: Status, 503: Status },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase(fastify.db)
        return { status: 'ready' }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed')
        return reply.code(503).send({ status: 'database unavailable' })
      }
    },
  )
}

export default health
