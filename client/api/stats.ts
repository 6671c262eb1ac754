import type {
  AdoptionStats,
  AttendanceStats,
  ChartImageName,
  ChartImageQuery,
  FilterOptions,
  InstitutionStats,
  InstitutionStatsQuery,
  Overview,
  ProductStats,
  StatsQuery,
} from '../../server/schemas/stats.ts'
import { apiGet, type RequestOptions, toSearch } from './client.ts'

export const statsApi = {
  overview: (query: StatsQuery, options?: RequestOptions) =>
    apiGet<Overview>('/stats/overview', query, options),
  adoptions: (query: StatsQuery, options?: RequestOptions) =>
    apiGet<AdoptionStats>('/stats/adoptions', query, options),
  products: (query: StatsQuery, options?: RequestOptions) =>
    apiGet<ProductStats>('/stats/products', query, options),
  attendance: (query: StatsQuery, options?: RequestOptions) =>
    apiGet<AttendanceStats>('/stats/attendance', query, options),
  institutions: (query: InstitutionStatsQuery, options?: RequestOptions) =>
    apiGet<InstitutionStats>('/stats/institutions', query, options),
  filterOptions: (options?: RequestOptions) =>
    apiGet<FilterOptions>('/stats/filter-options', undefined, options),
}

/** The address of an overview chart drawn by the server as SVG, for an <img>: the same filters as its data. */
export const chartImageUrl = (chart: ChartImageName, query: ChartImageQuery) =>
  `/api/stats/charts/${chart}${toSearch(query)}`
