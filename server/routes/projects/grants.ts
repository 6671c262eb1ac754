import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createGrant, deleteGrant, updateGrant } from '../../repositories/grants-repository.ts'
import { IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { Grant, GrantCreate, GrantUpdate } from '../../schemas/projects.ts'

const tags = ['grants']

/** A project's subsidy per fiscal year, within its menu's period, yearly cap and rate. */
const grants: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/projects/:id/grants',
    {
      schema: {
        tags,
        summary: "Add a fiscal year's grant to a project (within the menu's cap and rate)",
        params: IdParams,
        body: GrantCreate,
        response: { 201: Grant, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createGrant(fastify.db, request.params.id, request.body)),
  )

  fastify.patch(
    '/grants/:id',
    {
      schema: {
        tags,
        summary: 'Change a grant (checked again against the cap and rate)',
        params: IdParams,
        body: GrantUpdate,
        response: { 200: Grant, ...writeErrorResponses },
      },
    },
    (request) => updateGrant(fastify.db, request.params.id, request.body),
  )

  fastify.delete(
    '/grants/:id',
    {
      schema: {
        tags,
        summary: 'Delete a grant',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteGrant(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default grants
