// The KPI queries, all in one place (split by subject under ./stats/). Every figure is computed from the
// records on each request, over the Bio-cluster program's projects, with a fixed number of queries.
export { filterOptions } from './stats/filter-options.ts'
export { overview } from './stats/overview.ts'
export { funnelStats, institutionStats } from './stats/participation.ts'
export { adoptionStats, attendanceStats, productStats } from './stats/series.ts'
