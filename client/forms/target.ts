import { KPI_METRICS } from '../../db/tables/targets.ts'
import type { Overview } from '../../server/schemas/stats.ts'
import type { KpiMetric, KpiTarget, KpiTargetCreate } from '../../server/schemas/targets.ts'
import { BodyBuilder, type FieldProblem } from '../composables/field-errors.ts'
import { grouped, shown } from './common.ts'

/** The overview's KPI cards name their metric in camelCase (`activeProjects` → `active_projects`). */
export const metricOfKpi = (kpi: keyof Overview['kpis']): KpiMetric =>
  kpi.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as KpiMetric

export const isMetric = (value: unknown): value is KpiMetric =>
  typeof value === 'string' && (KPI_METRICS as readonly string[]).includes(value)

export interface TargetDraft {
  metric: KpiMetric
  fy: string
  target: string
}

/** A new target may start from a metric and a year (the overview's "set target" link). */
export function targetDraft(
  target: KpiTarget | undefined,
  preset: { metric?: KpiMetric | undefined; fy?: number | undefined } = {},
): TargetDraft {
  return {
    metric: target?.metric ?? preset.metric ?? 'adoptions',
    fy: shown(target?.fy ?? preset.fy),
    target: grouped(target?.target),
  }
}

export function targetBody(
  draft: TargetDraft,
  messages: ConstructorParameters<typeof BodyBuilder>[0],
): { body: KpiTargetCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const body: KpiTargetCreate = {
    metric: draft.metric,
    fy: read.requiredInteger('fy', draft.fy) ?? 0,
    target: read.requiredInteger('target', draft.target.replace(/[¥￥円]/g, '')) ?? 0,
  }
  return { body, problems: read.problems }
}
