import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { stringify } from 'csv-stringify/sync'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, type TObject, Type } from 'typebox'
import { errorResponses } from '../schemas/common.ts'

export interface CsvColumn<T> {
  header: string
  value: (item: T) => string | number | boolean | null | undefined
}

/** The most rows one export answers; lists of this program are far smaller. */
export const CSV_ROW_LIMIT = 100_000

/**
 * Excel and LibreOffice run a cell that starts with one of these as a formula (CSV injection); a leading
 * apostrophe makes it text. Numbers are written as numbers, so a negative figure stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/
export const neutralize = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value)

export function toCsv<T>(items: T[], columns: CsvColumn<T>[]): string {
  const rows = items.map((item) =>
    columns.map(({ value }) => {
      const cell = value(item)
      return typeof cell === 'string' ? neutralize(cell) : (cell ?? '')
    }),
  )
  // The BOM makes Excel read the file as UTF-8, so Japanese shows correctly.
  return `\uFEFF${stringify([columns.map((c) => c.header), ...rows], { record_delimiter: '\r\n' })}`
}

/**
 * `GET <url>.csv`: the list at `url` as a spreadsheet, with the same filters and sort (paging ignored).
 */
export function registerCsvExport<Q extends TObject, T>(
  fastify: FastifyInstance,
  options: {
    url: string
    querystring: Q
    tags: string[]
    /** The list for this request: the same viewer sees the same records as in the JSON list. */
    list: (
      query: Static<Q> & { limit: number; offset: number },
      request: FastifyRequest,
    ) => Promise<{ items: T[] }>
    columns: CsvColumn<T>[]
    filename: string
  },
) {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get(
    `${options.url}.csv`,
    {
      schema: {
        tags: options.tags,
        summary: `The same list as CSV (UTF-8 with BOM), all pages`,
        querystring: options.querystring,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const query = { ...(request.query as Static<Q>), limit: CSV_ROW_LIMIT, offset: 0 }
      const { items } = await options.list(query, request)
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${options.filename}.csv"`)
        .send(toCsv(items, options.columns))
    },
  )
}
