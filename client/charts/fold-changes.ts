import type { ProjectDetail } from '../../server/schemas/projects.ts'
import { formatNumber } from '../i18n/format.ts'
import { baseOption, escapeHtml, TEXT_COLOR } from './common.ts'
import type { AxisTooltipParam, ChartContext, ChartOption, ChartTable, Translate } from './types.ts'

// One finding's metabolite results as horizontal bars of log2 fold change: increases to the right in
// vermillion, decreases to the left in blue (Okabe–Ito, told apart without colour vision too, and by side).

export type MetaboliteResult = ProjectDetail['findings'][number]['metaboliteResults'][number]

export const UP_COLOR = '#d55e00'
export const DOWN_COLOR = '#0072b2'

export interface FoldChangeRow {
  id: number
  name: string
  foldChange: number
  log2: number
  pValue: number | null
}

/** A result's name, else its first identifier, else "name not given". */
export function metaboliteName(result: MetaboliteResult, t: Translate) {
  return (
    result.name ??
    result.hmdbId ??
    result.keggId ??
    result.chebiId ??
    (result.pubchemCid === null ? null : `CID ${result.pubchemCid}`) ??
    result.inchikey ??
    t('findingsPage.unnamed')
  )
}

/**
 * The results that have a fold change to draw, the largest increase first and the largest decrease last. A
 * result giving only its direction has no length to draw: it stays in the finding's table, never invented here.
 */
export function foldChangeRows(results: MetaboliteResult[], t: Translate): FoldChangeRow[] {
  return results
    .filter(
      (r): r is MetaboliteResult & { foldChange: number } =>
        r.foldChange !== null && Number.isFinite(r.foldChange) && r.foldChange > 0,
    )
    .map((r) => ({
      id: r.id,
      name: metaboliteName(r, t),
      foldChange: r.foldChange,
      log2: Math.log2(r.foldChange),
      pValue: r.pValue,
    }))
    .sort((a, b) => b.log2 - a.log2 || a.name.localeCompare(b.name))
}

const decimals = (locale: ChartContext['locale'], sign = false) =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    ...(sign ? { signDisplay: 'exceptZero' as const } : {}),
  })

export const formatFoldChange = (value: number, locale: ChartContext['locale']) =>
  `×${decimals(locale).format(value)}`
export const formatLog2 = (value: number, locale: ChartContext['locale']) =>
  decimals(locale, true).format(value)
export function formatPValue(value: number, locale: ChartContext['locale']) {
  const format = (v: number) => new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(v)
  return value < 0.001 ? `< ${format(0.001)}` : format(value)
}

const directionOf = (row: FoldChangeRow) => (row.log2 > 0 ? 'up' : row.log2 < 0 ? 'down' : 'unchanged')

/** Every bar's length is `log2(fold change)`; the axis is symmetric so that zero sits in the middle. */
export function foldChangesOption(results: MetaboliteResult[], ctx: ChartContext): ChartOption {
  const rows = foldChangeRows(results, ctx.t)
  const reach = Math.max(1, Math.ceil(Math.max(0, ...rows.map((r) => Math.abs(r.log2)))))
  const base = baseOption(ctx)
  const label = (position: 'right' | 'left') => ({
    show: true,
    position,
    color: TEXT_COLOR,
    fontSize: ctx.narrow ? 11 : 12,
    formatter: ({ dataIndex }: { dataIndex: number }) => {
      const row = rows[dataIndex]
      return row ? formatFoldChange(row.foldChange, ctx.locale) : ''
    },
  })
  const series = (id: 'up' | 'down') => ({
    type: 'bar' as const,
    id,
    name: ctx.t(`directions.${id}`),
    stack: 'log2',
    barMaxWidth: 28,
    itemStyle: { color: id === 'up' ? UP_COLOR : DOWN_COLOR },
    label: label(id === 'up' ? 'right' : 'left'),
    data: rows.map((row) => (directionOf(row) === id ? row.log2 : null)),
  })
  return {
    ...base,
    legend: { show: false },
    grid: { ...base.grid, top: 8, right: 16, bottom: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const row = first ? rows[first.dataIndex] : undefined
        return row ? rowTooltip(row, ctx) : ''
      }) as never,
    },
    xAxis: {
      type: 'value',
      min: -reach,
      max: reach,
      interval: reach > 4 ? Math.ceil(reach / 4) : 1,
      axisLabel: { color: TEXT_COLOR, formatter: (value: number) => formatNumber(value, ctx.locale) },
      splitLine: { lineStyle: { color: '#e4e9ee' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.name),
      // The names stay at the left edge, clear of the bars that reach left of zero.
      axisLine: { onZero: false, show: false },
      axisTick: { show: false },
      axisLabel: {
        color: TEXT_COLOR,
        fontSize: ctx.narrow ? 11 : 12,
        width: ctx.narrow ? 96 : 200,
        overflow: 'truncate',
        interval: 0,
      },
    },
    series: [
      {
        ...series('up'),
        // Zero, drawn firmer than the grid: the line between increase and decrease.
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: TEXT_COLOR, type: 'solid', width: 1 },
          data: [{ xAxis: 0 }],
        },
      },
      series('down'),
    ],
  }
}

function rowTooltip(row: FoldChangeRow, ctx: ChartContext) {
  const lines = [
    `${escapeHtml(ctx.t('findingsPage.direction'))}: ${escapeHtml(ctx.t(`directions.${directionOf(row)}`))}`,
    `${escapeHtml(ctx.t('findingsPage.foldChange'))}: ${formatFoldChange(row.foldChange, ctx.locale)}`,
    `${escapeHtml(ctx.t('projects.detail.log2'))}: ${formatLog2(row.log2, ctx.locale)}`,
  ]
  if (row.pValue !== null) {
    lines.push(
      `${escapeHtml(ctx.t('findingsPage.pValue'))}: ${escapeHtml(formatPValue(row.pValue, ctx.locale))}`,
    )
  }
  return `<strong>${escapeHtml(row.name)}</strong><br>${lines.join('<br>')}`
}

/** The charted results as a table: what a screen reader gets instead of the bars. */
export function foldChangesTable(results: MetaboliteResult[], ctx: ChartContext): ChartTable {
  return {
    columns: [
      ctx.t('projects.detail.metabolite'),
      ctx.t('findingsPage.direction'),
      ctx.t('findingsPage.foldChange'),
      ctx.t('projects.detail.log2'),
      ctx.t('findingsPage.pValue'),
    ],
    rows: foldChangeRows(results, ctx.t).map((row) => ({
      header: row.name,
      cells: [
        ctx.t(`directions.${directionOf(row)}`),
        formatFoldChange(row.foldChange, ctx.locale),
        formatLog2(row.log2, ctx.locale),
        row.pValue === null ? '—' : formatPValue(row.pValue, ctx.locale),
      ],
    })),
  }
}
