import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IMPORT_KINDS, type ImportKind } from '../../../db/tables/import-mappings.ts'
import { FieldRefusedError, RuleViolationError } from '../../domain/errors.ts'
import { encodingOfCharset } from '../../import/metabolome/encoding.ts'
import { HEAD_BYTES, ImportFileError } from '../../import/metabolome/index.ts'
import { uniqueHeaders } from '../../import/metabolome/normalize.ts'
import { fieldsOf } from '../../import/records/fields.ts'
import { findHeader } from '../../import/records/headers.ts'
import { mappingProblems, planColumns } from '../../import/records/mapping.ts'
import { readRecordTable } from '../../import/records/read-table.ts'
import { charsetOf, contentLength, spoolToFile } from '../../import/spool.ts'
import { validationProblems } from '../../plugins/errors.ts'
import { bodyValidator } from '../../plugins/validation.ts'
import { getImportMapping } from '../../repositories/import-mappings-repository.ts'
import { ImportRefusedError, importRecords } from '../../repositories/record-import-repository.ts'
import { authErrorResponses, ErrorResponse, errorResponses } from '../../schemas/common.ts'
import { METABOLITE_FILE_TYPES } from '../../schemas/metabolite-import.ts'
import {
  ImportColumns,
  RecordImportQuery,
  RecordImportRefused,
  RecordImportReport,
} from '../../schemas/record-import.ts'
import importMappings from './mappings.ts'

/** A spreadsheet of records is far smaller than a metabolome result file; the body goes to disk all the same. */
export const RECORD_IMPORT_BODY_LIMIT = 32 * 1024 * 1024

/** The same media types as the metabolite import: CSV, TSV and XLSX as browsers send them. */
const FILE_TYPES = METABOLITE_FILE_TYPES.filter((type) => type !== 'application/json')

const fileBody = {
  description:
    'The spreadsheet itself, as the request body: CSV or TSV (UTF-8 with or without BOM, or Shift_JIS), or XLSX ' +
    '(its first worksheet with anything in it). A header row, then a record per row',
}

const validColumns = bodyValidator(ImportColumns)

/** The mapping the request gives (inline, or saved), or undefined for the suggested one. */
async function requestedMapping(
  fastify: Parameters<FastifyPluginAsyncTypebox>[0],
  kind: ImportKind,
  query: RecordImportQuery,
  viewer: Parameters<typeof getImportMapping>[2],
): Promise<Record<string, string> | undefined> {
  if (query.mapping !== undefined && query.mappingId !== undefined)
    throw new FieldRefusedError([
      {
        field: 'querystring.mapping',
        message: 'give mapping or mappingId, not both',
        keyword: 'notBoth',
        params: { other: 'mappingId' },
      },
    ])
  if (query.mappingId !== undefined) {
    const saved = await getImportMapping(fastify.db, query.mappingId, viewer)
    if (saved.kind !== kind) {
      throw new RuleViolationError([
        {
          field: 'querystring.mappingId',
          message: `is a mapping of ${saved.kind}, not of ${kind}`,
          keyword: 'otherKind',
          params: { kind: saved.kind, expected: kind },
        },
      ])
    }
    return saved.columns
  }
  if (query.mapping === undefined) return undefined
  let columns: Record<string, string>
  try {
    columns = JSON.parse(query.mapping)
  } catch {
    throw new FieldRefusedError([
      {
        field: 'querystring.mapping',
        message: 'must be JSON: {"column header": "field", …}',
        keyword: 'format',
        params: { format: 'json' },
      },
    ])
  }
  if (!validColumns(columns))
    throw new FieldRefusedError(validationProblems('querystring.mapping', validColumns.errors ?? []))
  const problems = mappingProblems(kind, columns, 'querystring.mapping')
  if (problems.length > 0) throw new RuleViolationError(problems)
  return columns
}

/**
 * POST /imports/<kind> for each kind of record. Its own plugin (not wrapped in fastify-plugin) so that its
 * content-type parsers, which leave the body unread for the handler to stream to disk, apply here only.
 */
const recordImports: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser([...FILE_TYPES], (_request, _payload, done) => done(null))

  for (const kind of IMPORT_KINDS) {
    fastify.post(
      `/imports/${kind}`,
      {
        bodyLimit: RECORD_IMPORT_BODY_LIMIT,
        schema: {
          tags: ['imports'],
          summary: `Import ${kind} from a spreadsheet (or dry-run it)`,
          description:
            'Each row is created, updated, left unchanged or refused with its reasons (the API’s own schema and ' +
            'rules). All or nothing: any refused row refuses the file (422, with the report) and nothing is ' +
            'written; a dry run reports and writes nothing. Re-importing a file changes nothing.',
          querystring: RecordImportQuery,
          body: {
            content: Object.fromEntries(FILE_TYPES.map((type) => [type, { schema: fileBody }])),
          } as never,
          response: {
            200: RecordImportReport,
            ...errorResponses,
            ...authErrorResponses,
            413: ErrorResponse,
            415: ErrorResponse,
            422: RecordImportRefused,
          },
        },
      },
      async (request, reply) => {
        const { query, viewer } = request
        const mapping = await requestedMapping(fastify, kind, query, viewer)
        const spool = await spoolToFile(request.raw, RECORD_IMPORT_BODY_LIMIT, contentLength(request.headers))
        try {
          const encoding = query.encoding ?? encodingOfCharset(charsetOf(request.headers['content-type']))
          const table = await readRecordTable(
            await spool.head(HEAD_BYTES),
            () => spool.open() as AsyncIterable<Buffer>,
            encoding,
          )
          const header = findHeader(kind, fieldsOf(kind), table.rows)
          if (!header) throw new ImportFileError('The file has no rows')
          const rows = table.rows.filter((row) => row.line > header.line)
          if (rows.length === 0)
            throw new ImportFileError(`The file has no rows under its header (line ${header.line})`)
          const { plan, columns, missing } = planColumns(kind, uniqueHeaders(header.cells), mapping)
          const report = {
            kind,
            dryRun: query.dryRun ?? false,
            layout: table.layout,
            encoding: table.encoding,
            headerLine: header.line,
            fields: fieldsOf(kind),
            columns: plan,
            missingColumns: missing,
          }
          try {
            const result = await importRecords(
              fastify.db,
              { kind, rows, columns, dryRun: report.dryRun },
              viewer,
            )
            return { ...report, ...result }
          } catch (error) {
            if (!(error instanceof ImportRefusedError)) throw error
            return reply.code(422).send({
              statusCode: 422,
              error: 'Unprocessable Entity',
              message: error.message,
              report: { ...report, ...error.result },
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
}

const imports: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(recordImports)
  await fastify.register(importMappings)
}

export default imports
