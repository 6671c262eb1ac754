import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RuleViolationError } from '../../domain/errors.ts'
import { encodingOfCharset } from '../../import/metabolome/encoding.ts'
import { HEAD_BYTES, ImportFileError, readMetaboliteFile } from '../../import/metabolome/index.ts'
import { charsetOf, contentLength, type Spool, spoolToFile } from '../../import/spool.ts'
import {
  checkMayImport,
  ImportRejectedError,
  importMetaboliteResults,
} from '../../repositories/metabolite-import-repository.ts'
import { authErrorResponses, ErrorResponse, errorResponses, IdParams } from '../../schemas/common.ts'
import {
  METABOLITE_FILE_TYPES,
  MetaboliteImportQuery,
  MetaboliteImportRefused,
  MetaboliteImportReport,
} from '../../schemas/metabolite-import.ts'

/**
 * The most an import reads. The API's bodyLimit (1 MiB) is for JSON; a result file of 100,000 rows is
 * 10-30 MB as CSV and more as mwTab JSON with many samples. The body is streamed to a temporary file, never
 * held in memory, so the limit guards the disk, not the heap.
 */
export const IMPORT_BODY_LIMIT = 256 * 1024 * 1024

const fileBody = {
  description:
    'The file itself, as the request body: a lab delivery table (CSV or TSV, UTF-8 with or without BOM or ' +
    'Shift_JIS, or XLSX), a MetaboLights m_*_maf.tsv, or an mwTab file (text or JSON)',
}

/**
 * The file as the request body, in the format the content shows. Its own plugin (not wrapped in
 * fastify-plugin) so that its content-type parsers, which leave the body unread for the handler to stream,
 * apply to this route only.
 */
const metaboliteImport: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser([...METABOLITE_FILE_TYPES], (_request, _payload, done) => done(null))

  fastify.post(
    '/findings/:id/metabolites/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['findings'],
        summary: "Replace a finding's metabolite results with those of a result file (or dry-run it)",
        description:
          'All or nothing: any row that cannot be read refuses the whole file (422), listing every such row ' +
          'with its line and reason. Identifiers are normalized (old 5-digit HMDB ids, several ids in a cell, ' +
          'PubChem 0 as none); the original row and unknown columns are kept with each result. Rows identical ' +
          'to the finding’s current results are left as they are, so re-importing a file changes nothing.',
        params: IdParams,
        querystring: MetaboliteImportQuery,
        body: {
          content: Object.fromEntries(METABOLITE_FILE_TYPES.map((type) => [type, { schema: fileBody }])),
        } as never,
        response: {
          200: MetaboliteImportReport,
          ...errorResponses,
          ...authErrorResponses,
          413: ErrorResponse,
          415: ErrorResponse,
          422: MetaboliteImportRefused,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { format, encoding, dryRun = false, caseGroup, controlGroup } = request.query
      // Who may import here is settled before a byte of the file is read.
      await checkMayImport(fastify.db, id, request.viewer)
      const spool = await spoolToFile(request.raw, IMPORT_BODY_LIMIT, contentLength(request.headers))
      try {
        const file = readMetaboliteFile(await spool.head(HEAD_BYTES), () => openSpool(spool), {
          format,
          encoding: encoding ?? encodingOfCharset(charsetOf(request.headers['content-type'])),
          comparison: caseGroup && controlGroup ? { case: caseGroup, control: controlGroup } : undefined,
        })
        const report = {
          findingId: id,
          dryRun,
          format: file.format,
          layout: file.layout,
          encoding: file.encoding,
        }
        try {
          const counts = await importMetaboliteResults(fastify.db, id, file.items, request.viewer, {
            dryRun,
            joinsParts: file.joinsParts,
          })
          return { ...report, ...counts, committed: !dryRun }
        } catch (error) {
          if (!(error instanceof ImportRejectedError)) throw error
          return reply.code(422).send({
            statusCode: 422,
            error: 'Unprocessable Entity',
            message: error.message,
            report: { ...report, ...error.counts, added: 0, removed: 0, unchanged: 0, committed: false },
          })
        }
      } catch (error) {
        if (error instanceof ImportFileError)
          throw new RuleViolationError([{ field: 'body', message: error.message }])
        throw error
      } finally {
        await spool.remove()
      }
    },
  )
}

const openSpool = (spool: Spool) => spool.open() as AsyncIterable<Buffer>

export default metaboliteImport
