import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createOutcome,
  deleteOutcome,
  getOutcome,
  listOutcomes,
  updateOutcome,
} from '../../repositories/outcomes-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { Outcome, OutcomeCreate, OutcomeList, OutcomeQuery, OutcomeUpdate } from '../../schemas/outcomes.ts'
import { registerListExports } from '../list-export.ts'

const tags = ['outcomes']

const outcomes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/outcomes',
    {
      schema: {
        tags,
        summary: 'Products, test sales, varieties, awards, press releases, patents and hires',
        querystring: OutcomeQuery,
        response: { 200: OutcomeList, 400: errorResponses[400] },
      },
    },
    (request) => listOutcomes(fastify.db, request.query, request.viewer),
  )

  registerListExports(fastify, {
    url: '/outcomes',
    querystring: OutcomeQuery,
    tags,
    filename: 'outcomes',
    list: (query, request) => listOutcomes(fastify.db, query, request.viewer),
    columns: [
      { header: 'id', value: (o) => o.id },
      { header: 'kind', value: (o) => o.kind },
      { header: 'fy', value: (o) => o.fy },
      { header: 'occurred_on', value: (o) => o.occurredOn, type: 'date' },
      { header: 'title_ja', value: (o) => o.titleJa },
      { header: 'title_en', value: (o) => o.titleEn },
      { header: 'project_id', value: (o) => o.projectId },
      { header: 'company_ja', value: (o) => o.project.company?.nameJa },
      { header: 'rests_on', value: (o) => o.restsOn.join(' ') },
    ],
  })

  fastify.get(
    '/outcomes/:id',
    {
      schema: {
        tags,
        summary: 'One outcome with the findings it rests on',
        params: IdParams,
        response: { 200: Outcome, ...errorResponses },
      },
    },
    (request) => getOutcome(fastify.db, request.params.id, request.viewer),
  )

  fastify.post(
    '/outcomes',
    {
      schema: {
        tags,
        summary: 'Add an outcome (its FY follows from its date)',
        body: OutcomeCreate,
        response: { 201: Outcome, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOutcome(fastify.db, request.body, request.viewer)),
  )

  fastify.patch(
    '/outcomes/:id',
    {
      schema: {
        tags,
        summary: 'Change an outcome (send the version you read); restsOn, when sent, replaces the set',
        params: IdParams,
        body: OutcomeUpdate,
        response: { 200: Outcome, ...writeErrorResponses },
      },
    },
    (request) => updateOutcome(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/outcomes/:id',
    {
      schema: {
        tags,
        summary: 'Delete an outcome',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteOutcome(fastify.db, request.params.id, request.viewer)
      return reply.code(204).send(null)
    },
  )
}

export default outcomes
