import { FONT_FAMILY } from './common.ts'
import type { ChartOption } from './types.ts'

// The dashboard's charts made for a projector: the same option builders, then every text scaled to the
// slide (read from the back of a room), darker ink, thicker lines, and no tooltip (nobody hovers on a slide).

export const SLIDE_INK = '#111827'
const GRID_LINE = '#c9d1da'

type Part = Record<string, unknown>
const part = (value: unknown): Part => (value && typeof value === 'object' ? (value as Part) : {})
const each = <T>(value: T | T[] | undefined, map: (item: T) => T): T | T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.map(map) : map(value)

/** `option` with its type at `fontSize` pixels (axis labels and legend), names a little smaller. */
export function slideChartOption(option: ChartOption, fontSize: number): ChartOption {
  const small = Math.round(fontSize * 0.85)
  const axis = (value: unknown): unknown => {
    const a = part(value)
    return {
      ...a,
      axisLabel: { ...part(a.axisLabel), fontSize, color: SLIDE_INK, margin: Math.round(fontSize * 0.5) },
      nameTextStyle: { ...part(a.nameTextStyle), fontSize: small, color: SLIDE_INK },
      nameGap: Math.round(fontSize * 0.8),
      axisLine: { ...part(a.axisLine), lineStyle: { color: SLIDE_INK, width: 2 } },
      splitLine: { ...part(a.splitLine), lineStyle: { color: GRID_LINE } },
    }
  }
  const legend = part(option.legend)
  const legendShown = option.legend !== undefined && legend.show !== false
  const series = each(option.series as unknown, (value: unknown) => {
    const s = part(value)
    return {
      ...s,
      ...(s.type === 'bar' ? { barMaxWidth: Math.round(fontSize * 3.5) } : {}),
      ...(s.type === 'line'
        ? {
            symbolSize: Math.round(fontSize * 0.6),
            lineStyle: { ...part(s.lineStyle), width: Math.max(3, Math.round(fontSize / 7)) },
          }
        : {}),
      ...(s.label ? { label: { ...part(s.label), fontSize, color: SLIDE_INK } } : {}),
    }
  })
  return {
    ...option,
    textStyle: { fontFamily: FONT_FAMILY, color: SLIDE_INK, fontSize },
    tooltip: { show: false },
    grid: {
      ...part(option.grid),
      left: Math.round(fontSize * 0.4),
      right: Math.round(fontSize * 0.4),
      bottom: Math.round(fontSize * 0.3),
      // Room above the plot for the legend's row and the axis names.
      top: Math.round(fontSize * (legendShown ? 4.2 : 2.4)),
    },
    ...(option.legend === undefined
      ? {}
      : {
          legend: {
            ...legend,
            textStyle: { ...part(legend.textStyle), fontSize, color: SLIDE_INK },
            itemWidth: Math.round(fontSize * 1.4),
            itemHeight: Math.round(fontSize * 0.9),
            itemGap: Math.round(fontSize * 1.2),
          },
        }),
    xAxis: each(option.xAxis as unknown, axis),
    yAxis: each(option.yAxis as unknown, axis),
    series,
  } as ChartOption
}
