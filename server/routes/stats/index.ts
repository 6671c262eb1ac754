import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { chartImage } from '../../charts/chart-images.ts'
import {
  adoptionStats,
  attendanceStats,
  filterOptions,
  funnelStats,
  institutionStats,
  overview,
  productStats,
} from '../../repositories/stats-repository.ts'
import { errorResponses } from '../../schemas/common.ts'
import {
  AdoptionStats,
  AttendanceStats,
  ChartImageParams,
  ChartImageQuery,
  FilterOptions,
  FunnelStats,
  InstitutionStats,
  InstitutionStatsQuery,
  Overview,
  ProductStats,
  StatsQuery,
} from '../../schemas/stats.ts'

const tags = ['stats']
const responses = <T>(ok: T) => ({ 200: ok, 400: errorResponses[400] })

const stats: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/stats/overview',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'KPIs: total, latest FY, the FY before it and the target',
        querystring: StatsQuery,
        response: responses(Overview),
      },
    },
    (request) => overview(fastify.db, request.query),
  )

  fastify.get(
    '/stats/adoptions',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Adoptions per fiscal year and subsidy menu, with the running total',
        querystring: StatsQuery,
        response: responses(AdoptionStats),
      },
    },
    (request) => adoptionStats(fastify.db, request.query),
  )

  fastify.get(
    '/stats/products',
    {
      config: { cache: true },
      schema: {
        tags,
        summary:
          'Products launched (and test sales) per fiscal year, with the running total; those hidden from the viewer are counted, not named',
        querystring: StatsQuery,
        response: responses(ProductStats),
      },
    },
    (request) => productStats(fastify.db, request.query, request.viewer),
  )

  fastify.get(
    '/stats/attendance',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Seminar and presentation attendance, per event and per fiscal year',
        querystring: StatsQuery,
        response: responses(AttendanceStats),
      },
    },
    (request) => attendanceStats(fastify.db, request.query),
  )

  fastify.get(
    '/stats/institutions',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Projects, findings and outcomes per partner institution, a page at a time',
        querystring: InstitutionStatsQuery,
        response: responses(InstitutionStats),
      },
    },
    (request) => institutionStats(fastify.db, request.query),
  )

  fastify.get(
    '/stats/filter-options',
    {
      config: { cache: true },
      schema: {
        tags,
        summary:
          "The dashboard filters' choices: fiscal years on record, menus, partner institutions and lead companies' municipalities",
        response: responses(FilterOptions),
      },
    },
    () => filterOptions(fastify.db),
  )

  fastify.get(
    '/stats/charts/:chart',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: "An overview chart as an SVG image, drawn on the server with the dashboard's own labels",
        description:
          'The image the dashboard shows while its interactive charts load; also for putting a chart in a document. Same filters as the chart data.',
        params: ChartImageParams,
        querystring: ChartImageQuery,
        response: {
          200: { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
          400: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const svg = await chartImage(
        fastify.db,
        request.params.chart,
        request.query as ChartImageQuery,
        request.viewer,
      )
      return reply.type('image/svg+xml; charset=utf-8').send(svg)
    },
  )

  fastify.get(
    '/stats/funnel',
    {
      config: { cache: true },
      schema: {
        tags,
        summary: 'Adopted → with a finding → with a product, per adoption fiscal year',
        querystring: StatsQuery,
        response: responses(FunnelStats),
      },
    },
    (request) => funnelStats(fastify.db, request.query),
  )
}

export default stats
