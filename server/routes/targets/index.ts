import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createTarget,
  deleteTarget,
  getTarget,
  listTargets,
  updateTarget,
} from '../../repositories/targets-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import {
  KpiTarget,
  KpiTargetCreate,
  KpiTargetList,
  KpiTargetQuery,
  KpiTargetUpdate,
} from '../../schemas/targets.ts'
import { registerListExports } from '../list-export.ts'

const tags = ['targets']

const targets: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/targets',
    {
      schema: {
        tags,
        summary: 'KPI targets: a value aimed at for a metric in a fiscal year',
        querystring: KpiTargetQuery,
        response: { 200: KpiTargetList, 400: errorResponses[400] },
      },
    },
    (request) => listTargets(fastify.db, request.query),
  )

  registerListExports(fastify, {
    url: '/targets',
    querystring: KpiTargetQuery,
    tags,
    filename: 'targets',
    list: (query) => listTargets(fastify.db, query),
    columns: [
      { header: 'id', value: (t) => t.id },
      { header: 'metric', value: (t) => t.metric },
      { header: 'fy', value: (t) => t.fy },
      { header: 'target', value: (t) => t.target },
    ],
  })

  fastify.get(
    '/targets/:id',
    {
      schema: {
        tags,
        summary: 'One KPI target',
        params: IdParams,
        response: { 200: KpiTarget, ...errorResponses },
      },
    },
    (request) => getTarget(fastify.db, request.params.id),
  )

  fastify.post(
    '/targets',
    {
      schema: {
        tags,
        summary: 'Set the target of a metric for a fiscal year',
        body: KpiTargetCreate,
        response: { 201: KpiTarget, ...writeErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createTarget(fastify.db, request.body)),
  )

  fastify.patch(
    '/targets/:id',
    {
      schema: {
        tags,
        summary: 'Change a KPI target (send the version you read)',
        params: IdParams,
        body: KpiTargetUpdate,
        response: { 200: KpiTarget, ...writeErrorResponses },
      },
    },
    (request) => updateTarget(fastify.db, request.params.id, request.body),
  )

  fastify.delete(
    '/targets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a KPI target',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteTarget(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default targets
