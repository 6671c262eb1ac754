import type { AttendanceStats } from '../../server/schemas/stats.ts'
import { type Filters, recordsLink } from '../composables/filters.ts'
import { formatDate, formatFy, formatFyShort, formatNumber } from '../i18n/format.ts'
import {
  baseOption,
  categoryAxis,
  countAxis,
  escapeHtml,
  fyAxisLabels,
  localName,
  SERIES_COLORS,
} from './common.ts'
import type { AxisTooltipParam, ChartClick, ChartContext, ChartOption, ChartTable } from './types.ts'

type AttendanceEvent = AttendanceStats['events'][number]

const KIND_PREFIX = 'kind:'
const kindName = (kind: string, ctx: ChartContext) => {
  const key = `eventKinds.${kind}`
  const name = ctx.t(key)
  return name === key ? kind : name
}

/** Events in the order they were held (FY, then date where known). */
const chronological = (data: AttendanceStats) =>
  [...data.events].sort((a, b) => a.fy - b.fy || (a.date ?? '').localeCompare(b.date ?? '') || a.id - b.id)

const kindsOf = (events: AttendanceEvent[]) => [...new Set(events.map((e) => e.kind))]

const eventAxisLabel = (event: AttendanceEvent, ctx: ChartContext) =>
  ctx.narrow
    ? `${formatFyShort(event.fy, ctx.locale)} ${event.city ?? ''}`
    : `${formatFy(event.fy, ctx.locale)}\n${event.city ?? ''}`

/** Said with the per-event chart when the API lists only the latest events of the range. */
export function latestEventsNote(data: AttendanceStats, { t, locale }: Pick<ChartContext, 't' | 'locale'>) {
  if (data.moreCount === 0) return undefined
  return t('charts.attendanceEvents.latest', {
    shown: formatNumber(data.events.length, locale),
    count: formatNumber(data.events.length + data.moreCount, locale),
  })
}

/** One bar per event (the latest the API lists), over time; a series per event kind so the legend explains the colours. */
export function attendanceEventsOption(data: AttendanceStats, ctx: ChartContext): ChartOption {
  const events = chronological(data)
  const kinds = kindsOf(events)
  return {
    ...baseOption(ctx),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      extraCssText: 'max-width: 22rem; white-space: normal;',
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const event = first ? events[first.dataIndex] : undefined
        return event ? eventTooltip(event, ctx) : ''
      }) as never,
    },
    xAxis: categoryAxis(
      events.map((event) => eventAxisLabel(event, ctx)),
      ctx,
      { rotate: ctx.narrow ? 45 : 0 },
    ),
    yAxis: countAxis(ctx.t('charts.attendanceEvents.attendance'), ctx),
    series: kinds.map((kind, i) => ({
      type: 'bar' as const,
      id: `${KIND_PREFIX}${kind}`,
      name: kindName(kind, ctx),
      stack: 'events',
      barMaxWidth: 40,
      itemStyle: { color: SERIES_COLORS[(i + 4) % SERIES_COLORS.length] },
      data: events.map((event) => (event.kind === kind ? event.attendance : null)),
    })),
  }
}

function eventTooltip(event: AttendanceEvent, ctx: ChartContext) {
  const when = event.date ? formatDate(event.date, ctx.locale) : formatFy(event.fy, ctx.locale)
  const attendance =
    event.attendance === null
      ? ctx.t('charts.attendanceEvents.unknown')
      : formatNumber(event.attendance, ctx.locale)
  return (
    `<strong>${escapeHtml(localName(event.title, ctx.locale))}</strong><br>` +
    `${escapeHtml(kindName(event.kind, ctx))} · ${escapeHtml(when)}${event.city ? ` · ${escapeHtml(event.city)}` : ''}<br>` +
    `${escapeHtml(ctx.t('charts.attendanceEvents.attendance'))}: ${escapeHtml(attendance)}`
  )
}

export function attendanceEventsTarget(data: AttendanceStats, click: ChartClick, filters: Filters) {
  const event = chronological(data)[click.dataIndex]
  return event ? recordsLink('/seminars', filters, { fyFrom: event.fy, fyTo: event.fy }) : undefined
}

export function attendanceEventsTable(
  data: AttendanceStats,
  ctx: ChartContext,
  filters: Filters,
): ChartTable {
  return {
    columns: [
      ctx.t('charts.attendanceEvents.event'),
      ctx.t('charts.fy'),
      ctx.t('charts.attendanceEvents.city'),
      ctx.t('charts.attendanceEvents.attendance'),
    ],
    rows: chronological(data).map((event) => ({
      header: localName(event.title, ctx.locale),
      link: recordsLink('/seminars', filters, { fyFrom: event.fy, fyTo: event.fy }),
      cells: [
        event.date ? formatDate(event.date, ctx.locale) : formatFy(event.fy, ctx.locale),
        event.city ?? '—',
        event.attendance === null ? '—' : formatNumber(event.attendance, ctx.locale),
      ],
    })),
  }
}

/** Attendance per FY; the tooltip adds how many events it came from. */
export function attendanceYearsOption(data: AttendanceStats, ctx: ChartContext): ChartOption {
  return {
    ...baseOption(ctx),
    legend: { show: false },
    grid: { ...baseOption(ctx).grid, top: 32 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const year = first ? data.years[first.dataIndex] : undefined
        if (!year) return ''
        return (
          `<strong>${escapeHtml(formatFy(year.fy, ctx.locale))}</strong><br>` +
          `${escapeHtml(ctx.t('charts.attendanceYears.attendance'))}: ${formatNumber(year.attendance, ctx.locale)}<br>` +
          `${escapeHtml(ctx.t('charts.attendanceYears.events'))}: ${formatNumber(year.events, ctx.locale)}`
        )
      }) as never,
    },
    xAxis: categoryAxis(
      fyAxisLabels(
        data.years.map((y) => y.fy),
        ctx,
      ),
      ctx,
    ),
    yAxis: countAxis(ctx.t('charts.attendanceYears.attendance'), ctx),
    series: [
      {
        type: 'bar',
        id: 'attendance',
        name: ctx.t('charts.attendanceYears.attendance'),
        barMaxWidth: 56,
        itemStyle: { color: SERIES_COLORS[0] },
        data: data.years.map((year) => year.attendance),
      },
    ],
  }
}

export function attendanceYearsTarget(data: AttendanceStats, click: ChartClick, filters: Filters) {
  const year = data.years[click.dataIndex]
  return year ? recordsLink('/seminars', filters, { fyFrom: year.fy, fyTo: year.fy }) : undefined
}

export function attendanceYearsTable(data: AttendanceStats, ctx: ChartContext, filters: Filters): ChartTable {
  const n = (value: number) => formatNumber(value, ctx.locale)
  return {
    columns: [
      ctx.t('charts.fy'),
      ctx.t('charts.attendanceYears.attendance'),
      ctx.t('charts.attendanceYears.events'),
    ],
    rows: data.years.map((year) => ({
      header: formatFy(year.fy, ctx.locale),
      link: recordsLink('/seminars', filters, { fyFrom: year.fy, fyTo: year.fy }),
      cells: [n(year.attendance), n(year.events)],
    })),
  }
}
