import { type Static, Type } from 'typebox'
import { FiscalYear, Id, IsoDate, Nullable } from './common.ts'
import { DashboardFilterQuery } from './filters.ts'

// KPIs and chart series, computed from the records on every request (server/repositories/stats-repository.ts).
// They count the Bio-cluster program's projects only; the earlier program's results are records, not KPIs.
// Counts include records hidden from the viewer (the program's totals are public figures); contents (titles,
// themes, statements) of hidden records never appear. No stats query takes free text, so counts cannot be
// used to probe hidden text.

export const StatsQuery = DashboardFilterQuery
export type StatsQuery = Static<typeof StatsQuery>

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

export const ProductStats = Type.Object({
  years: Type.Array(
    Type.Object({
      fy: FiscalYear,
      count: Type.Integer({ description: 'every product of the year, whether or not the viewer may see it' }),
      cumulative: Type.Integer(),
      products: Type.Array(ProductSummary, { description: 'the products the viewer may see' }),
      hiddenCount: Type.Integer({
        minimum: 0,
        description: 'products counted in `count` that the viewer may not see: counted, not named',
      }),
    }),
  ),
})
export type ProductStats = Static<typeof ProductStats>

export const AttendanceStats = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Id,
      date: Nullable(IsoDate),
      fy: FiscalYear,
      kind: Type.String(),
      title: Name,
      city: Nullable(Type.String()),
      attendance: Nullable(Type.Integer()),
    }),
  ),
  years: Type.Array(Type.Object({ fy: FiscalYear, events: Type.Integer(), attendance: Type.Integer() })),
})
export type AttendanceStats = Static<typeof AttendanceStats>

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
  ),
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
