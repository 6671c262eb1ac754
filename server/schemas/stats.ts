import { type Static, Type } from 'typebox'
import { FiscalYear, Id, IsoDate, Nullable, Paging } from './common.ts'
import { DashboardFilterQuery, DashboardFilters } from './filters.ts'

// KPIs and chart series, computed from the records on every request (server/repositories/stats-repository.ts).
// They count the Bio-cluster program's projects only; the earlier program's results are records, not KPIs.
// Counts include records hidden from the viewer (the program's totals are public figures); contents (titles,
// themes, statements) of hidden records never appear. No stats query takes free text, so counts cannot be
// used to probe hidden text.

export const StatsQuery = DashboardFilterQuery
export type StatsQuery = Static<typeof StatsQuery>

/** The overview's charts that the server draws as images (server/charts/chart-images.ts). */
export const CHART_IMAGES = ['adoptions', 'products', 'attendance-years', 'attendance-events'] as const
export const ChartImageName = Type.Enum(CHART_IMAGES)
export type ChartImageName = Static<typeof ChartImageName>
export const ChartImageParams = Type.Object({ chart: ChartImageName }, { additionalProperties: false })

export const ChartImageQuery = Type.Object(
  {
    ...DashboardFilters,
    locale: Type.Optional(
      Type.Enum(['ja', 'en'], { default: 'ja', description: 'the language of the labels' }),
    ),
    width: Type.Optional(Type.Integer({ minimum: 240, maximum: 4000, default: 800, description: 'pixels' })),
    height: Type.Optional(Type.Integer({ minimum: 160, maximum: 3000, default: 400, description: 'pixels' })),
  },
  { additionalProperties: false },
)
/** As the handler sees it: the defaults filled in by validation. */
export type ChartImageQuery = Required<Pick<Static<typeof ChartImageQuery>, 'locale' | 'width' | 'height'>> &
  StatsQuery

const Bilingual = { ja: Type.String(), en: Nullable(Type.String()) }
export const Name = Type.Object(Bilingual)
export type Name = Static<typeof Name>

export const Kpi = Type.Object({
  total: Type.Number({ description: 'over the whole filtered range' }),
  latest: Type.Number({ description: 'in the latest fiscal year' }),
  previous: Type.Number({ description: 'in the fiscal year before it' }),
  target: Nullable(Type.Number({ description: "the latest fiscal year's target, null when none is set" })),
})
export type Kpi = Static<typeof Kpi>

export const Overview = Type.Object({
  latestFy: Nullable(FiscalYear),
  previousFy: Nullable(FiscalYear),
  kpis: Type.Object({
    adoptions: Kpi,
    products: Kpi,
    attendance: Kpi,
    events: Kpi,
    activeProjects: Kpi,
    partnerInstitutions: Kpi,
    grantsYen: Kpi,
  }),
})
export type Overview = Static<typeof Overview>

export const MenuSummary = Type.Object({ code: Type.String(), name: Name })
export type MenuSummary = Static<typeof MenuSummary>

export const AdoptionStats = Type.Object({
  menus: Type.Array(MenuSummary, {
    description: 'the menus in byMenu, in display order; `unknown` is not listed',
  }),
  years: Type.Array(
    Type.Object({
      fy: FiscalYear,
      total: Type.Integer(),
      cumulative: Type.Integer(),
      byMenu: Type.Record(Type.String(), Type.Integer(), {
        description: 'adoptions per menu code; `unknown` counts those whose menu the source does not give',
      }),
    }),
  ),
})
export type AdoptionStats = Static<typeof AdoptionStats>

export const ProductSummary = Type.Object({
  id: Id,
  kind: Type.String(),
  title: Name,
  company: Nullable(Name),
  projectId: Id,
  date: Nullable(IsoDate),
})
export type ProductSummary = Static<typeof ProductSummary>

/**
 * Products named per fiscal year: what a chart's tooltip or a slide can show. Up to NAMED_PRODUCTS_PER_FY (a
 * year's report), fewer when the answer spans many years, so that it names about NAMED_PRODUCTS in all, but
 * never fewer than NAMED_PRODUCTS_LEAST_PER_FY a year (server/repositories/stats/scope.ts).
 */
export const NAMED_PRODUCTS_PER_FY = 12
export const NAMED_PRODUCTS = 48
export const NAMED_PRODUCTS_LEAST_PER_FY = 2
/** At most this many events are named: the latest in the range. */
export const NAMED_EVENTS = 12

export const ProductStats = Type.Object({
  years: Type.Array(
    Type.Object({
      fy: FiscalYear,
      count: Type.Integer({ description: 'every product of the year, whether or not the viewer may see it' }),
      cumulative: Type.Integer(),
      products: Type.Array(ProductSummary, {
        maxItems: NAMED_PRODUCTS_PER_FY,
        description:
          'the first products the viewer may see, by launch date (undated last), then id: as many a year as ' +
          `${NAMED_PRODUCTS} over the years the answer spans, from ${NAMED_PRODUCTS_LEAST_PER_FY} to ${NAMED_PRODUCTS_PER_FY}`,
      }),
      moreCount: Type.Integer({
        minimum: 0,
        description: 'products the viewer may see past those named: counted, not named',
      }),
      hiddenCount: Type.Integer({
        minimum: 0,
        description: 'products counted in `count` that the viewer may not see: counted, not named',
      }),
    }),
    { description: 'count = products named + moreCount + hiddenCount' },
  ),
})
export type ProductStats = Static<typeof ProductStats>

export const AttendanceEvent = Type.Object({
  id: Id,
  date: Nullable(IsoDate),
  fy: FiscalYear,
  kind: Type.String(),
  title: Name,
  city: Nullable(Type.String()),
  attendance: Nullable(Type.Integer()),
})
export type AttendanceEvent = Static<typeof AttendanceEvent>

export const CityAttendance = Type.Object({
  city: Nullable(Type.String({ description: 'null: the source does not say where' })),
  events: Type.Integer(),
  attendance: Type.Integer(),
  reported: Type.Integer({ description: 'events whose attendance is given' }),
})
export type CityAttendance = Static<typeof CityAttendance>

export const AttendanceStats = Type.Object({
  events: Type.Array(AttendanceEvent, {
    maxItems: NAMED_EVENTS,
    description: `the latest ${NAMED_EVENTS} events of the range, in the order held; all of them: GET /api/events?sort=fy`,
  }),
  moreCount: Type.Integer({ minimum: 0, description: 'events of the range before those named' }),
  years: Type.Array(Type.Object({ fy: FiscalYear, events: Type.Integer(), attendance: Type.Integer() })),
  cities: Type.Array(CityAttendance, {
    description: 'every event of the range summed per city; by name, the unknown city last',
  }),
})
export type AttendanceStats = Static<typeof AttendanceStats>

/** The institutions answer lists this many a page, at most INSTITUTIONS_PAGE_MAX. */
export const INSTITUTIONS_PAGE = 50
export const INSTITUTIONS_PAGE_MAX = 200

export const InstitutionStatsQuery = Type.Object(
  {
    ...DashboardFilters,
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: INSTITUTIONS_PAGE_MAX, default: INSTITUTIONS_PAGE }),
    ),
    offset: Paging.offset,
  },
  { additionalProperties: false },
)
export type InstitutionStatsQuery = Static<typeof InstitutionStatsQuery>

export const InstitutionStats = Type.Object({
  institutions: Type.Array(
    Type.Object({
      id: Id,
      kind: Type.String(),
      name: Name,
      projects: Type.Integer(),
      findings: Type.Integer(),
      outcomes: Type.Integer(),
    }),
    {
      maxItems: INSTITUTIONS_PAGE_MAX,
      description: 'a page of them: by projects (most first), then name in code-point order, then id',
    },
  ),
  total: Type.Integer({ minimum: 0, description: 'every partner institution of the projects in the range' }),
})
export type InstitutionStats = Static<typeof InstitutionStats>

export const FunnelStats = Type.Object({
  years: Type.Array(
    Type.Object({
      fy: FiscalYear,
      adopted: Type.Integer(),
      withFinding: Type.Integer(),
      withProduct: Type.Integer(),
      medianYearsToLaunch: Nullable(Type.Number({ description: 'from adoption FY to first product FY' })),
    }),
  ),
  total: Type.Object({ adopted: Type.Integer(), withFinding: Type.Integer(), withProduct: Type.Integer() }),
})
export type FunnelStats = Static<typeof FunnelStats>

export const FilterOptions = Type.Object({
  fiscalYears: Type.Array(FiscalYear, {
    description: 'every FY from the first to the last with an adoption, a product or an event, ascending',
  }),
  menus: Type.Array(MenuSummary, { description: 'the menus of the adopted projects, in display order' }),
  institutions: Type.Array(Type.Object({ id: Id, kind: Type.String(), name: Name }), {
    description: 'every partner institution of the projects, by name in code-point order',
  }),
  municipalities: Type.Array(Type.String(), {
    description: "the seats of the projects' lead companies, each once, in code-point order",
  }),
})
export type FilterOptions = Static<typeof FilterOptions>
