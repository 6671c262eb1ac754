import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getProjectDetail } from '../../repositories/project-detail-repository.ts'
import {
  createProject,
  deleteProject,
  listProjects,
  updateProject,
} from '../../repositories/projects-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import {
  ProjectCreate,
  ProjectDetail,
  ProjectList,
  ProjectQuery,
  ProjectUpdate,
} from '../../schemas/projects.ts'
import { registerListExports } from '../list-export.ts'
import grants from './grants.ts'

const tags = ['projects']

const projects: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/projects',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Adopted projects, with their program, menu, lead company and partner count',
        querystring: ProjectQuery,
        response: { 200: ProjectList, 400: errorResponses[400] },
      },
    },
    (request) => listProjects(fastify.db, request.query, request.viewer),
  )

  registerListExports(fastify, {
    url: '/projects',
    querystring: ProjectQuery,
    tags,
    filename: 'projects',
    list: (query, request) => listProjects(fastify.db, query, request.viewer),
    columns: [
      { header: 'id', value: (p) => p.id },
      { header: 'ref', value: (p) => p.ref },
      { header: 'adopted_fy', value: (p) => p.adoptedFy },
      { header: 'start_fy', value: (p) => p.startFy },
      { header: 'end_fy', value: (p) => p.endFy },
      { header: 'program', value: (p) => p.program.code },
      { header: 'menu', value: (p) => p.menu?.code },
      { header: 'company_ja', value: (p) => p.company?.nameJa },
      { header: 'company_en', value: (p) => p.company?.nameEn },
      { header: 'municipality', value: (p) => p.company?.municipality },
      { header: 'theme_ja', value: (p) => p.themeJa },
      { header: 'theme_en', value: (p) => p.themeEn },
      { header: 'field', value: (p) => p.field },
      { header: 'status', value: (p) => p.status },
      { header: 'partners', value: (p) => p.partnerCount },
      { header: 'details_known', value: (p) => p.detailsKnown },
      { header: 'visibility', value: (p) => p.visibility },
    ],
  })

  fastify.get(
    '/projects/:id',
    {
      config: { cache: true },
      schema: {
        tags,
        summary:
          'One project with everything its page shows: menu, company, partners, grants, findings, outcomes, events',
        params: IdParams,
        response: { 200: ProjectDetail, ...errorResponses },
      },
    },
    (request) => getProjectDetail(fastify.db, request.params.id, request.viewer),
  )

  fastify.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Record an adoption (with its partners)',
        body: ProjectCreate,
        response: { 201: ProjectDetail, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProject(fastify.db, request.body, request.viewer)),
  )

  fastify.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Change a project (send the version you read); partners, when given, replace the set',
        params: IdParams,
        body: ProjectUpdate,
        response: { 200: ProjectDetail, ...writeErrorResponses },
      },
    },
    (request) => updateProject(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Delete a project with its partners, grants, findings and outcomes',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteProject(fastify.db, request.params.id)
      return reply.code(204).send(null)
    },
  )

  await fastify.register(grants)
}

export default projects
