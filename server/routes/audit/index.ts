import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listActors, listAudit, recordHistory } from '../../repositories/audit-repository.ts'
import { AuditActors, AuditList, AuditQuery, HistoryParams } from '../../schemas/audit.ts'
import { authErrorResponses, errorResponses } from '../../schemas/common.ts'

const tags = ['audit']

/** Who changed what, when, from what to what: managers and admins (server/auth/policy.ts). */
const audit: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Every change to the records, newest first, by table, record, actor and time',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: errorResponses[400], ...authErrorResponses },
      },
    },
    (request) => listAudit(fastify.db, request.query),
  )

  fastify.get(
    '/audit/actors',
    {
      schema: {
        tags,
        summary: 'Everyone who has changed a record: the choices of the list of changes',
        response: { 200: AuditActors, ...authErrorResponses },
      },
    },
    () => listActors(fastify.db),
  )

  fastify.get(
    '/audit/:table/:id',
    {
      schema: {
        tags,
        summary:
          'The history of one record, oldest first, with the rows that belong to it (partners, metabolite results, links)',
        params: HistoryParams,
        // 404: a path value longer than the router takes matches no route. A record with no history is an
        // empty list, not a 404: the history of a deleted record is still there.
        response: { 200: AuditList, ...errorResponses, ...authErrorResponses },
      },
    },
    (request) => recordHistory(fastify.db, request.params),
  )
}

export default audit
