import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { LocationQueryRaw } from 'vue-router'
import type { Locale } from '../../server/domain/fiscal-year.ts'

/** The option of every chart on the dashboard: only the parts registered in register.ts. */
export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

export type Translate = (key: string, named?: Record<string, unknown>) => string

export interface ChartContext {
  locale: Locale
  t: Translate
  /** A phone-width container: fewer, slanted labels. */
  narrow: boolean
}

/** Where a click on a bar or point leads: the records behind the figure. */
export interface RecordsLink {
  path: string
  query: LocationQueryRaw
}

/** The chart's data as a table, for screen readers and the "show as table" toggle. */
export interface ChartTable {
  columns: string[]
  rows: { header: string; link?: RecordsLink; cells: string[] }[]
}

/** What ECharts hands a click handler, narrowed to what the builders read. */
export interface ChartClick {
  componentType?: string
  seriesId?: string
  dataIndex: number
}

/** An axis tooltip's params, narrowed likewise. */
export interface AxisTooltipParam {
  dataIndex: number
  seriesId?: string
  seriesName?: string
  marker?: unknown
  value?: unknown
}
