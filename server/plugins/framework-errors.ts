import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorResponse } from '../schemas/common.ts'

/**
 * The router's own refusals, before any route runs: a path that is not valid percent-encoding, or a path
 * parameter longer than the router takes (an id of thousands of characters). Fastify would answer these with
 * a body of another shape (and a 414 that repeats the whole path); here they are the API's usual 400.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A value in the path is too long' : 'The URL is not valid'
  void reply.code(400).send({ statusCode: 400, error: 'Bad Request', message } satisfies ErrorResponse)
}
