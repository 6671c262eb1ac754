import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Versioned } from './common.ts'

export const KPI_METRICS = [
  'adoptions',
  'products',
  'attendance',
  'events',
  'active_projects',
  'partner_institutions',
  'grants_yen',
] as const
export type KpiMetric = (typeof KPI_METRICS)[number]

export interface KpiTargetsTable extends Versioned {
  id: Generated<number>
  metric: KpiMetric
  fy: number
  target: number
}

export type KpiTarget = Selectable<KpiTargetsTable>
export type NewKpiTarget = Insertable<KpiTargetsTable>
export type KpiTargetUpdate = Updateable<KpiTargetsTable>
