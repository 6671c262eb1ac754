import type { OutcomeListItem } from '../../server/schemas/outcomes.ts'
import { formatFy, formatNumber } from '../i18n/format.ts'
import { baseOption, categoryAxis, countAxis, escapeHtml, fyAxisLabels } from './common.ts'
import { kindColor, kindName, kindsIn } from './outcome-kinds.ts'
import type { AxisTooltipParam, ChartContext, ChartOption, ChartTable } from './types.ts'

type Outcome = Pick<OutcomeListItem, 'id' | 'kind' | 'fy' | 'titleJa' | 'titleEn'>

export interface OutcomeYear<T extends Outcome = Outcome> {
  fy: number
  outcomes: T[]
}

/**
 * The dated outcomes per FY, from the first FY to the last with none skipped, so that the axis is a true
 * timeline (a year without outcomes shows as a gap). Outcomes without an FY are not on it.
 */
export function outcomesByFy<T extends Outcome>(items: T[]): OutcomeYear<T>[] {
  const dated = items.filter((item): item is T & { fy: number } => item.fy !== null)
  if (dated.length === 0) return []
  const fys = dated.map((item) => item.fy)
  const first = Math.min(...fys)
  const last = Math.max(...fys)
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    fy: first + i,
    outcomes: dated.filter((item) => item.fy === first + i),
  }))
}

const title = (outcome: Outcome, ctx: ChartContext) =>
  ctx.locale === 'en' && outcome.titleEn ? outcome.titleEn : outcome.titleJa

const countOf = (year: OutcomeYear, kind: string) => year.outcomes.filter((o) => o.kind === kind).length

/** Outcomes per FY, one stacked series per kind; the tooltip names that FY's outcomes. */
export function outcomesTimelineOption(items: Outcome[], ctx: ChartContext): ChartOption {
  const years = outcomesByFy(items)
  const kinds = kindsIn(years.flatMap((year) => year.outcomes))
  return {
    ...baseOption(ctx),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      extraCssText: 'max-width: 24rem; white-space: normal;',
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const year = first ? years[first.dataIndex] : undefined
        if (!year) return ''
        const lines = year.outcomes
          .map((o) => `<li>${escapeHtml(kindName(o.kind, ctx))}: ${escapeHtml(title(o, ctx))}</li>`)
          .join('')
        return (
          `<strong>${escapeHtml(formatFy(year.fy, ctx.locale))}</strong><br>` +
          `${escapeHtml(ctx.t('outcomesPage.axis'))}: ${formatNumber(year.outcomes.length, ctx.locale)}` +
          (lines ? `<ul class="chart-tooltip-list">${lines}</ul>` : '')
        )
      }) as never,
    },
    xAxis: categoryAxis(
      fyAxisLabels(
        years.map((y) => y.fy),
        ctx,
      ),
      ctx,
    ),
    yAxis: countAxis(ctx.t('outcomesPage.axis'), ctx),
    series: kinds.map((kind) => ({
      type: 'bar' as const,
      id: `kind:${kind}`,
      name: kindName(kind, ctx),
      stack: 'outcomes',
      barMaxWidth: 56,
      itemStyle: { color: kindColor(kind) },
      // No zero-height segments: an empty stack part would still catch the pointer.
      data: years.map((year) => countOf(year, kind) || null),
    })),
  }
}

export function outcomesTimelineTable(items: Outcome[], ctx: ChartContext): ChartTable {
  const years = outcomesByFy(items)
  const kinds = kindsIn(years.flatMap((year) => year.outcomes))
  const n = (value: number) => formatNumber(value, ctx.locale)
  const list = new Intl.ListFormat(ctx.locale, { type: 'unit' })
  return {
    columns: [
      ctx.t('charts.fy'),
      ...kinds.map((kind) => kindName(kind, ctx)),
      ctx.t('charts.total'),
      ctx.t('outcomesPage.titles'),
    ],
    rows: years.map((year) => ({
      header: formatFy(year.fy, ctx.locale),
      cells: [
        ...kinds.map((kind) => n(countOf(year, kind))),
        n(year.outcomes.length),
        list.format(year.outcomes.map((o) => title(o, ctx))),
      ],
    })),
  }
}
