import type { ProductStats } from '../../server/schemas/stats.ts'
import { type Filters, recordsLink } from '../composables/filters.ts'
import { formatFy, formatNumber } from '../i18n/format.ts'
import {
  baseOption,
  CUMULATIVE_COLOR,
  categoryAxis,
  countAxis,
  escapeHtml,
  fyAxisLabels,
  localName,
  SERIES_COLORS,
} from './common.ts'
import type { AxisTooltipParam, ChartClick, ChartContext, ChartOption, ChartTable } from './types.ts'

const CUMULATIVE = 'cumulative'
type ProductYear = ProductStats['years'][number]
const listFormat = (ctx: ChartContext) => new Intl.ListFormat(ctx.locale, { type: 'unit' })

const productLine = (product: ProductYear['products'][number], ctx: ChartContext) => {
  const title = localName(product.title, ctx.locale)
  return product.company ? `${title} (${localName(product.company, ctx.locale)})` : title
}

/** The products named (the API names the first few of a year), then how many more there are. */
const namedLines = (year: ProductYear, ctx: ChartContext) => [
  ...year.products.map((p) => productLine(p, ctx)),
  ...(year.moreCount > 0
    ? [ctx.t('charts.products.more', { count: formatNumber(year.moreCount, ctx.locale) })]
    : []),
]

/** The axis tooltip: the FY's count and cumulative count, then the products launched in it. */
export function productsTooltip(data: ProductStats, ctx: ChartContext) {
  return (params: AxisTooltipParam | AxisTooltipParam[]) => {
    const first = Array.isArray(params) ? params[0] : params
    const year = first ? data.years[first.dataIndex] : undefined
    if (!year) return ''
    const n = (value: number) => formatNumber(value, ctx.locale)
    const names = namedLines(year, ctx)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')
    return (
      `<strong>${escapeHtml(formatFy(year.fy, ctx.locale))}</strong><br>` +
      `${escapeHtml(ctx.t('charts.products.count'))}: ${n(year.count)}<br>` +
      `${escapeHtml(ctx.t('charts.cumulative'))}: ${n(year.cumulative)}` +
      (names ? `<ul class="chart-tooltip-list">${names}</ul>` : '')
    )
  }
}

/** Products launched per FY with the cumulative line; the tooltip names the products. */
export function productsOption(data: ProductStats, ctx: ChartContext): ChartOption {
  return {
    ...baseOption(ctx),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      extraCssText: 'max-width: 22rem; white-space: normal;',
      formatter: productsTooltip(data, ctx) as never,
    },
    xAxis: categoryAxis(
      fyAxisLabels(
        data.years.map((y) => y.fy),
        ctx,
      ),
      ctx,
    ),
    yAxis: [
      countAxis(ctx.t('charts.products.count'), ctx),
      countAxis(ctx.t('charts.cumulative'), ctx, { right: true }),
    ],
    series: [
      {
        type: 'bar',
        id: 'count',
        name: ctx.t('charts.products.count'),
        barMaxWidth: 56,
        itemStyle: { color: SERIES_COLORS[2] },
        data: data.years.map((year) => year.count),
      },
      {
        type: 'line',
        id: CUMULATIVE,
        name: ctx.t('charts.cumulative'),
        yAxisIndex: 1,
        symbolSize: 8,
        itemStyle: { color: CUMULATIVE_COLOR },
        data: data.years.map((year) => year.cumulative),
      },
    ],
  }
}

/**
 * The outcomes behind a bar: that FY's, of the kind they share (`product`, or `test_sale` where the API counts
 * test sales as launches); of every kind when they differ, or when some are not named, so that none is hidden.
 */
function outcomesOf(years: ProductYear[], filters: Filters, range: { fyFrom?: number; fyTo: number }) {
  const kinds = new Set(years.flatMap((year) => year.products.map((p) => p.kind)))
  const unnamed = years.some((year) => year.moreCount > 0)
  const kind = unnamed || kinds.size > 1 ? undefined : ([...kinds][0] ?? 'product')
  return recordsLink('/outcomes', filters, { ...range, kind })
}

export function productsTarget(data: ProductStats, click: ChartClick, filters: Filters) {
  const year = data.years[click.dataIndex]
  if (!year) return undefined
  if (click.seriesId === CUMULATIVE) {
    return outcomesOf(data.years.slice(0, click.dataIndex + 1), filters, {
      fyFrom: filters.fyFrom,
      fyTo: year.fy,
    })
  }
  return outcomesOf([year], filters, { fyFrom: year.fy, fyTo: year.fy })
}

export function productsTable(data: ProductStats, ctx: ChartContext, filters: Filters): ChartTable {
  const n = (value: number) => formatNumber(value, ctx.locale)
  return {
    columns: [
      ctx.t('charts.fy'),
      ctx.t('charts.products.count'),
      ctx.t('charts.cumulative'),
      ctx.t('charts.products.names'),
    ],
    rows: data.years.map((year) => ({
      header: formatFy(year.fy, ctx.locale),
      link: outcomesOf([year], filters, { fyFrom: year.fy, fyTo: year.fy }),
      cells: [n(year.count), n(year.cumulative), listFormat(ctx).format(namedLines(year, ctx))],
    })),
  }
}
