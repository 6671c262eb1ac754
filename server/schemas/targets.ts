import { type Static, Type } from 'typebox'
import { KPI_METRICS } from '../../db/tables/targets.ts'
import { FiscalYear, Id, ListOf, Paging, Sort, Timestamp, Version } from './common.ts'

/** The metrics the overview's KPIs look their targets up by (server/repositories/stats/overview.ts). */
export const KpiMetric = Type.Enum([...KPI_METRICS])
export type KpiMetric = Static<typeof KpiMetric>

const TargetValue = Type.Number({
  minimum: 0,
  maximum: 1_000_000_000_000,
  description: 'the value aimed at: a count, a number of people, or yen for grants_yen',
})

export const KpiTarget = Type.Object({
  id: Id,
  metric: KpiMetric,
  fy: FiscalYear,
  target: TargetValue,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type KpiTarget = Static<typeof KpiTarget>
export const KpiTargetList = ListOf(KpiTarget)
export type KpiTargetList = Static<typeof KpiTargetList>

const writable = { metric: KpiMetric, fy: FiscalYear, target: TargetValue }

export const KpiTargetCreate = Type.Object(writable, {
  additionalProperties: false,
  description: 'one target per metric and fiscal year',
})
export type KpiTargetCreate = Static<typeof KpiTargetCreate>

export const KpiTargetUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(writable)).properties },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type KpiTargetUpdate = Static<typeof KpiTargetUpdate>

export const KpiTargetQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'metric', 'fy', 'target']),
    metric: Type.Optional(
      Type.Array(KpiMetric, {
        minItems: 1,
        maxItems: KPI_METRICS.length,
        description: 'one or several: metric=adoptions&metric=products',
      }),
    ),
    fyFrom: Type.Optional(FiscalYear),
    fyTo: Type.Optional(FiscalYear),
  },
  { additionalProperties: false },
)
export type KpiTargetQuery = Static<typeof KpiTargetQuery>
