import type { Locale } from '../../server/domain/fiscal-year.ts'
import type { Name } from '../../server/schemas/stats.ts'
import { formatFy, formatFyShort, formatNumber } from '../i18n/format.ts'
import type { ChartContext } from './types.ts'

// Colour-blind-safe series colours (Okabe–Ito), a neutral grey for "not given", ink for cumulative lines.
/** A chart narrower than this (its box, in CSS pixels) gets the phone layout: fewer, slanted labels. */
export const NARROW_CHART_PX = 520

export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442']
export const UNKNOWN_COLOR = '#9aa3ad'
export const CUMULATIVE_COLOR = '#1f2933'
export const TEXT_COLOR = '#33404d'
export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", Meiryo, sans-serif'

/** A bilingual name in the current language, falling back to Japanese where no English is given. */
export const localName = (name: Name, locale: Locale) => (locale === 'en' && name.en ? name.en : name.ja)

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** FY axis labels: the full `平成28年度` / `FY2016 (H28)`, or the short form on a phone. */
export function fyAxisLabels(fys: number[], ctx: ChartContext) {
  return fys.map((fy) => (ctx.narrow ? formatFyShort(fy, ctx.locale) : formatFy(fy, ctx.locale)))
}

/** The category axis of every chart: all labels shown, slanted when asked (many categories on a phone). */
export function categoryAxis(labels: string[], ctx: ChartContext, options: { rotate?: number } = {}) {
  return {
    type: 'category' as const,
    data: labels,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      interval: 0,
      rotate: options.rotate ?? 0,
      color: TEXT_COLOR,
      fontSize: ctx.narrow ? 11 : 12,
      hideOverlap: false,
    },
  }
}

export function countAxis(name: string, ctx: ChartContext, extra: { right?: boolean } = {}) {
  return {
    type: 'value' as const,
    name,
    minInterval: 1,
    nameTextStyle: { color: TEXT_COLOR, align: extra.right ? ('right' as const) : ('left' as const) },
    axisLabel: { color: TEXT_COLOR, formatter: (value: number) => formatNumber(value, ctx.locale) },
    ...(extra.right ? { splitLine: { show: false } } : {}),
  }
}

export const baseOption = (ctx: ChartContext) => ({
  textStyle: { fontFamily: FONT_FAMILY, color: TEXT_COLOR },
  grid: {
    left: 8,
    right: 8,
    top: 64,
    bottom: 8,
    outerBoundsMode: 'same' as const,
    outerBoundsContain: 'axisLabel' as const,
  },
  legend: {
    top: 0,
    left: 0,
    textStyle: { color: TEXT_COLOR, fontSize: ctx.narrow ? 11 : 12 },
  },
})

export const valueFormatter = (ctx: ChartContext) => (value: unknown) =>
  typeof value === 'number' ? formatNumber(value, ctx.locale) : '—'
