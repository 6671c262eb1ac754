import type { RouteLocationRaw } from 'vue-router'
import type { Overview } from '../../server/schemas/stats.ts'
import { targetRecords } from '../api/records.ts'
import { metricOfKpi } from '../forms/target.ts'
import { isEditor } from './permissions.ts'
import { useAsync } from './useAsync.ts'
import { useSession } from './useSession.ts'

/**
 * For the program office, where each KPI card's target is set: the form of the latest fiscal year's target of
 * its metric, or a new one for that year. Nobody else gets a link (and no request is made for them).
 */
export function useKpiTargetLinks({ latestFy }: { latestFy: () => number | null | undefined }) {
  const { user } = useSession()
  const targets = useAsync({
    key: () => (isEditor(user.value) ? (latestFy() ?? undefined) : undefined),
    load: (fy, signal) =>
      fy === undefined
        ? Promise.resolve(undefined)
        : targetRecords.list({ fyFrom: fy, fyTo: fy }, { signal }),
  })
  return (kpi: keyof Overview['kpis']): RouteLocationRaw | undefined => {
    const fy = latestFy()
    const list = targets.data.value
    if (fy === null || fy === undefined || !list) return undefined
    const metric = metricOfKpi(kpi)
    const target = list.find((t) => t.metric === metric && t.fy === fy)
    return target ? `/targets/${target.id}/edit` : { path: '/targets/new', query: { metric, fy } }
  }
}
