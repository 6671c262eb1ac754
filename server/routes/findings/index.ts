import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listFindingMetabolites } from '../../repositories/finding-metabolites-repository.ts'
import {
  createFinding,
  deleteFinding,
  getFinding,
  listFindings,
  searchMetabolites,
  updateFinding,
} from '../../repositories/findings-repository.ts'
import { errorResponses, IdParams, writeErrorResponses } from '../../schemas/common.ts'
import { FindingMetaboliteList, FindingMetaboliteQuery } from '../../schemas/finding-metabolites.ts'
import {
  Finding,
  FindingCreate,
  FindingList,
  FindingQuery,
  FindingUpdate,
  MetaboliteList,
  MetaboliteQuery,
} from '../../schemas/findings.ts'
import { registerListExports } from '../list-export.ts'
import metaboliteImport from './metabolite-import.ts'

const tags = ['findings']

const findings: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(metaboliteImport)

  fastify.get(
    '/findings',
    {
      schema: {
        tags,
        summary: 'Metabolome findings, with their project and how many metabolite results they hold',
        querystring: FindingQuery,
        response: { 200: FindingList, 400: errorResponses[400] },
      },
    },
    (request) => listFindings(fastify.db, request.query, request.viewer),
  )

  registerListExports(fastify, {
    url: '/findings',
    querystring: FindingQuery,
    tags,
    filename: 'findings',
    list: (query, request) => listFindings(fastify.db, query, request.viewer),
    columns: [
      { header: 'id', value: (f) => f.id },
      { header: 'project_id', value: (f) => f.projectId },
      { header: 'company_ja', value: (f) => f.project.company?.nameJa },
      { header: 'statement_ja', value: (f) => f.statementJa },
      { header: 'statement_en', value: (f) => f.statementEn },
      { header: 'material_ja', value: (f) => f.materialJa },
      { header: 'comparison_ja', value: (f) => f.comparisonJa },
      { header: 'platform', value: (f) => f.platform },
      { header: 'evidence_level', value: (f) => f.evidenceLevel },
      { header: 'reported_on', value: (f) => f.reportedOn, type: 'date' },
      { header: 'metabolite_count', value: (f) => f.metaboliteCount },
    ],
  })

  fastify.get(
    '/findings/:id',
    {
      schema: {
        tags,
        summary: 'One finding with its most significant metabolite results and the outcomes that rest on it',
        params: IdParams,
        response: { 200: Finding, ...errorResponses },
      },
    },
    (request) => getFinding(fastify.db, request.params.id, request.viewer),
  )

  fastify.get(
    '/findings/:id/metabolites',
    {
      schema: {
        tags,
        summary:
          "All of a finding's metabolite results, a page at a time, with the columns of an imported file",
        description:
          'The finding’s detail and its project page name only its most significant results; this pages ' +
          'through every one. A finding hidden from the viewer answers 404, as a missing one.',
        params: IdParams,
        querystring: FindingMetaboliteQuery,
        response: { 200: FindingMetaboliteList, ...errorResponses },
      },
    },
    (request) => listFindingMetabolites(fastify.db, request.params.id, request.query, request.viewer),
  )

  fastify.post(
    '/findings',
    {
      schema: {
        tags,
        summary: 'Add a finding with its metabolite results (identifiers are normalized, then checked)',
        body: FindingCreate,
        response: { 201: Finding, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFinding(fastify.db, request.body, request.viewer)),
  )

  fastify.patch(
    '/findings/:id',
    {
      schema: {
        tags,
        summary:
          'Change a finding (send the version you read); metaboliteResults, when sent, replaces a set entered by hand',
        params: IdParams,
        body: FindingUpdate,
        response: { 200: Finding, ...writeErrorResponses },
      },
    },
    (request) => updateFinding(fastify.db, request.params.id, request.body, request.viewer),
  )

  fastify.delete(
    '/findings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a finding and its metabolite results',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteFinding(fastify.db, request.params.id, request.viewer)
      return reply.code(204).send(null)
    },
  )

  fastify.get(
    '/metabolites',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Metabolite results across findings, by name or by any identifier',
        querystring: MetaboliteQuery,
        response: { 200: MetaboliteList, 400: errorResponses[400] },
      },
    },
    (request) => searchMetabolites(fastify.db, request.query, request.viewer),
  )
}

export default findings
