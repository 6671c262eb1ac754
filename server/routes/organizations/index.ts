import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from '../../repositories/organizations-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import {
  Organization,
  OrganizationCreate,
  OrganizationList,
  OrganizationQuery,
  OrganizationUpdate,
} from '../../schemas/organizations.ts'
import { registerListExports } from '../list-export.ts'

const tags = ['organizations']

const organizations: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Companies, universities, labs, ventures and agencies',
        querystring: OrganizationQuery,
        response: { 200: OrganizationList, 400: errorResponses[400] },
      },
    },
    (request) => listOrganizations(fastify.db, request.query),
  )

  registerListExports(fastify, {
    url: '/organizations',
    querystring: OrganizationQuery,
    tags,
    filename: 'organizations',
    list: (query) => listOrganizations(fastify.db, query),
    columns: [
      { header: 'id', value: (o) => o.id },
      { header: 'kind', value: (o) => o.kind },
      { header: 'name_ja', value: (o) => o.nameJa },
      { header: 'name_en', value: (o) => o.nameEn },
      { header: 'municipality', value: (o) => o.municipality },
      { header: 'size', value: (o) => o.size },
      { header: 'listed_as_adopted', value: (o) => o.listedAsAdopted },
      { header: 'note', value: (o) => o.note },
    ],
  })

  fastify.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organization',
        params: IdParams,
        response: { 200: Organization, ...errorResponses },
      },
    },
    (request) => getOrganization(fastify.db, request.params.id),
  )

  fastify.post(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Add an organization',
        body: OrganizationCreate,
        response: { 201: Organization, ...writeErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createOrganization(fastify.db, request.body)),
  )

  fastify.patch(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organization (send the version you read)',
        params: IdParams,
        body: OrganizationUpdate,
        response: { 200: Organization, ...writeErrorResponses },
      },
    },
    (request) => updateOrganization(fastify.db, request.params.id, request.body),
  )

  fastify.delete(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an organization no project refers to',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteOrganization(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default organizations
