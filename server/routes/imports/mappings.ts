import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createImportMapping,
  deleteImportMapping,
  listImportMappings,
  updateImportMapping,
} from '../../repositories/import-mappings-repository.ts'
import { authErrorResponses, errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import {
  ImportMapping,
  ImportMappingCreate,
  ImportMappingList,
  ImportMappingQuery,
  ImportMappingUpdate,
} from '../../schemas/record-import.ts'

const tags = ['imports']

/** Column mappings of the spreadsheet import, saved by name per kind of record. */
const importMappings: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'The saved column mappings of the kinds of record you may import',
        querystring: ImportMappingQuery,
        response: { 200: ImportMappingList, 400: errorResponses[400], ...authErrorResponses },
      },
    },
    (request) => listImportMappings(fastify.db, request.query, request.viewer),
  )

  fastify.post(
    '/import-mappings',
    {
      schema: {
        tags,
        summary: 'Save a column mapping under a name (unique per kind of record)',
        body: ImportMappingCreate,
        response: { 201: ImportMapping, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createImportMapping(fastify.db, request.body, request.viewer)),
  )

  fastify.patch(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Rename a saved mapping or change its columns (send the version you read)',
        params: IdParams,
        body: ImportMappingUpdate,
        response: { 200: ImportMapping, ...writeErrorResponses },
      },
    },
    (request) => updateImportMapping(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/import-mappings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved mapping',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteImportMapping(fastify.db, request.params.id, request.viewer)
      return reply.code(204).send(null)
    },
  )
}

export default importMappings
