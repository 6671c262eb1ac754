import type { AttendanceStats } from '../../server/schemas/stats.ts'
import { formatNumber } from '../i18n/format.ts'
import { baseOption, categoryAxis, countAxis, escapeHtml, SERIES_COLORS } from './common.ts'
import type { AxisTooltipParam, ChartContext, ChartOption, ChartTable } from './types.ts'

export interface CityAttendance {
  /** null: the source does not say where it was held. */
  city: string | null
  events: number
  attendance: number
  /** Events whose attendance is not given: counted as events, not as zero attendees. */
  unknownAttendance: number
}

/** Attendance per city (summed by the API over every event of the range), the largest first (then by name, so the order is stable). */
export function attendanceByCity(data: AttendanceStats): CityAttendance[] {
  return data.cities
    .map(({ city, events, attendance, reported }) => ({
      city,
      events,
      attendance,
      unknownAttendance: events - reported,
    }))
    .sort(
      (a, b) =>
        b.attendance - a.attendance ||
        (a.city === null ? 1 : 0) - (b.city === null ? 1 : 0) ||
        (a.city ?? '').localeCompare(b.city ?? '', 'ja'),
    )
}

const cityName = (row: CityAttendance, ctx: ChartContext) => row.city ?? ctx.t('seminars.unknownCity')

/** Horizontal bars, one per city, the largest at the top; the tooltip adds how many events it came from. */
export function seminarCitiesOption(data: AttendanceStats, ctx: ChartContext): ChartOption {
  const rows = attendanceByCity(data)
  const base = baseOption(ctx)
  return {
    ...base,
    legend: { show: false },
    grid: { ...base.grid, top: 8, right: 48 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const row = first ? rows[first.dataIndex] : undefined
        if (!row) return ''
        return (
          `<strong>${escapeHtml(cityName(row, ctx))}</strong><br>` +
          `${escapeHtml(ctx.t('seminars.attendance'))}: ${formatNumber(row.attendance, ctx.locale)}<br>` +
          `${escapeHtml(ctx.t('seminars.events'))}: ${formatNumber(row.events, ctx.locale)}`
        )
      }) as never,
    },
    yAxis: {
      ...categoryAxis(
        rows.map((row) => cityName(row, ctx)),
        ctx,
      ),
      inverse: true,
    },
    xAxis: { ...countAxis(ctx.t('seminars.attendance'), ctx), name: '' },
    series: [
      {
        type: 'bar',
        id: 'attendance',
        name: ctx.t('seminars.attendance'),
        barMaxWidth: 32,
        itemStyle: { color: SERIES_COLORS[4] },
        label: {
          show: true,
          position: 'right',
          formatter: ({ value }: { value?: unknown }) =>
            typeof value === 'number' ? formatNumber(value, ctx.locale) : '',
        },
        data: rows.map((row) => row.attendance),
      },
    ],
  }
}

export function seminarCitiesTable(data: AttendanceStats, ctx: ChartContext): ChartTable {
  const n = (value: number) => formatNumber(value, ctx.locale)
  return {
    columns: [ctx.t('seminars.city'), ctx.t('seminars.events'), ctx.t('seminars.attendance')],
    rows: attendanceByCity(data).map((row) => ({
      header: cityName(row, ctx),
      cells: [n(row.events), row.unknownAttendance === row.events ? '—' : n(row.attendance)],
    })),
  }
}
