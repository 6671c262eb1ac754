import { PassThrough } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, type TObject, Type } from 'typebox'
import { errorResponses } from '../schemas/common.ts'
import { toCsv } from './csv-export.ts'
import { writeXlsx, XLSX_CONTENT_TYPE } from './xlsx-export.ts'

export interface ExportColumn<T> {
  header: string
  value: (item: T) => string | number | boolean | null | undefined
  /** The value is a `YYYY-MM-DD` text, written to XLSX as a date cell. */
  type?: 'date'
}

/** The most rows one export answers; lists of this program are far smaller. */
export const EXPORT_ROW_LIMIT = 100_000

export interface ListExportOptions<Q extends TObject, T> {
  url: string
  querystring: Q
  tags: string[]
  /** The list for this request: the same viewer sees the same records as in the JSON list. */
  list: (
    query: Static<Q> & { limit: number; offset: number },
    request: FastifyRequest,
  ) => Promise<{ items: T[] }>
  columns: ExportColumn<T>[]
  filename: string
}

/**
 * `GET <url>.csv` and `GET <url>.xlsx`: the list at `url` as a spreadsheet, with the same filters and sort
 * (paging ignored). Both formats read their rows through the one `list` call and write the same columns.
 */
export function registerListExports<Q extends TObject, T>(
  fastify: FastifyInstance,
  options: ListExportOptions<Q, T>,
) {
  const rowsOf = async (request: FastifyRequest) => {
    const query = { ...(request.query as Static<Q>), limit: EXPORT_ROW_LIMIT, offset: 0 }
    return (await options.list(query, request)).items
  }
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    `${options.url}.csv`,
    {
      schema: {
        tags: options.tags,
        summary: 'The same list as CSV (UTF-8 with BOM), all pages',
        querystring: options.querystring,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV' }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${options.filename}.csv"`)
        .send(toCsv(await rowsOf(request), options.columns)),
  )

  // Untyped reply: the body is a stream, which the typed 200 (a binary string in the document) does not admit.
  fastify.get(
    `${options.url}.xlsx`,
    {
      schema: {
        tags: options.tags,
        summary: 'The same list as an Excel workbook (XLSX), all pages',
        querystring: options.querystring,
        produces: [XLSX_CONTENT_TYPE],
        response: { 200: Type.String({ format: 'binary', description: 'XLSX' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      // Read before the first byte goes out, so a failing query still answers with an error status.
      const items = await rowsOf(request)
      const body = new PassThrough()
      writeXlsx(body, options.filename, items, options.columns).catch((error) => body.destroy(error))
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${options.filename}.xlsx"`)
        .send(body)
    },
  )
}
