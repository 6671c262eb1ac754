import type { AdoptionStats } from '../../server/schemas/stats.ts'
import { type Filters, recordsLink } from '../composables/filters.ts'
import { formatFy, formatNumber } from '../i18n/format.ts'
import {
  baseOption,
  CUMULATIVE_COLOR,
  categoryAxis,
  countAxis,
  fyAxisLabels,
  localName,
  SERIES_COLORS,
  UNKNOWN_COLOR,
  valueFormatter,
} from './common.ts'
import type { ChartClick, ChartContext, ChartOption, ChartTable } from './types.ts'

const UNKNOWN = 'unknown'
const MENU_PREFIX = 'menu:'
const CUMULATIVE = 'cumulative'

interface MenuColumn {
  code: string
  name: string
  color: string
}

/** The listed menus in their display order, then "menu not given" when some adoptions lack one. */
function menuColumns(data: AdoptionStats, ctx: ChartContext): MenuColumn[] {
  const columns = data.menus.map((menu, i) => ({
    code: menu.code,
    name: localName(menu.name, ctx.locale),
    color: SERIES_COLORS[i % SERIES_COLORS.length] ?? UNKNOWN_COLOR,
  }))
  if (data.years.some((year) => (year.byMenu[UNKNOWN] ?? 0) > 0)) {
    // Grey sets "not given" apart from the menus; alone, it is simply the data.
    const color = columns.length > 0 ? UNKNOWN_COLOR : (SERIES_COLORS[0] as string)
    columns.push({ code: UNKNOWN, name: ctx.t('menus.unknown'), color })
  }
  return columns
}

/** Adoptions per FY, one stacked bar series per subsidy menu, with the cumulative count on the right axis. */
export function adoptionsOption(data: AdoptionStats, ctx: ChartContext): ChartOption {
  const menus = menuColumns(data, ctx)
  return {
    ...baseOption(ctx),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      valueFormatter: valueFormatter(ctx),
    },
    xAxis: categoryAxis(
      fyAxisLabels(
        data.years.map((y) => y.fy),
        ctx,
      ),
      ctx,
    ),
    yAxis: [
      countAxis(ctx.t('charts.adoptions.count'), ctx),
      countAxis(ctx.t('charts.cumulative'), ctx, { right: true }),
    ],
    series: [
      ...menus.map((menu) => ({
        type: 'bar' as const,
        id: `${MENU_PREFIX}${menu.code}`,
        name: menu.name,
        stack: 'adoptions',
        barMaxWidth: 56,
        itemStyle: { color: menu.color },
        emphasis: { focus: 'series' as const },
        data: data.years.map((year) => year.byMenu[menu.code] ?? 0),
      })),
      {
        type: 'line' as const,
        id: CUMULATIVE,
        name: ctx.t('charts.cumulative'),
        yAxisIndex: 1,
        symbolSize: 8,
        itemStyle: { color: CUMULATIVE_COLOR },
        lineStyle: { width: 2 },
        data: data.years.map((year) => year.cumulative),
      },
    ],
  }
}

/** The projects behind a bar (that FY, that menu) or behind a cumulative point (every FY up to it). */
export function adoptionsTarget(data: AdoptionStats, click: ChartClick, filters: Filters) {
  const year = data.years[click.dataIndex]
  if (!year) return undefined
  if (click.seriesId === CUMULATIVE) return recordsLink('/projects', filters, { fyTo: year.fy })
  const menu = click.seriesId?.startsWith(MENU_PREFIX) ? click.seriesId.slice(MENU_PREFIX.length) : undefined
  return recordsLink('/projects', filters, {
    fyFrom: year.fy,
    fyTo: year.fy,
    menu: menu && menu !== UNKNOWN ? menu : filters.menu,
  })
}

export function adoptionsTable(data: AdoptionStats, ctx: ChartContext, filters: Filters): ChartTable {
  const menus = menuColumns(data, ctx)
  const n = (value: number) => formatNumber(value, ctx.locale)
  return {
    columns: [
      ctx.t('charts.fy'),
      ...menus.map((m) => m.name),
      ctx.t('charts.total'),
      ctx.t('charts.cumulative'),
    ],
    rows: data.years.map((year) => ({
      header: formatFy(year.fy, ctx.locale),
      link: recordsLink('/projects', filters, { fyFrom: year.fy, fyTo: year.fy }),
      cells: [...menus.map((m) => n(year.byMenu[m.code] ?? 0)), n(year.total), n(year.cumulative)],
    })),
  }
}
