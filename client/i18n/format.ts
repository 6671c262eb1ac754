import { eraOf, fiscalYearLabel, type Locale } from '../../server/domain/fiscal-year.ts'

// Every number, amount and date on screen goes through Intl with the current locale.

// An Intl formatter costs far more to build than to use, and a chart's table formats hundreds of values:
// each is built once per locale and options.
function builtOnce<Options, Format>(build: (locale: Locale, options: Options) => Format) {
  const built = new Map<string, Format>()
  return (locale: Locale, options: Options): Format => {
    const key = `${locale}:${JSON.stringify(options)}`
    let format = built.get(key)
    if (!format) {
      format = build(locale, options)
      built.set(key, format)
    }
    return format
  }
}
const numberFormat = builtOnce(
  (locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
)
const dateFormat = builtOnce(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
)

export const formatNumber = (value: number, locale: Locale) => numberFormat(locale, {}).format(value)

/** `+3`, `−2`, `0`: a change from the previous fiscal year. */
export const formatChange = (value: number, locale: Locale) =>
  numberFormat(locale, { signDisplay: 'exceptZero' }).format(value)

export const formatPercent = (ratio: number, locale: Locale) =>
  numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio)

/** Yen, compact: `￥1.23億` / `¥123M`. */
export const formatYen = (value: number, locale: Locale) =>
  numberFormat(locale, {
    style: 'currency',
    currency: 'JPY',
    notation: 'compact',
    maximumSignificantDigits: 3,
  }).format(value)

/** An ISO date (`YYYY-MM-DD`) as a calendar date, never shifted by the viewer's time zone. */
export const formatDate = (iso: string, locale: Locale) =>
  dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))

export const formatFy = (fy: number, locale: Locale) => fiscalYearLabel(fy, locale)

/** Where space is short (a phone's chart axis): `平成28` / `FY2016`; the full label stays in tooltips and tables. */
export function formatFyShort(fy: number, locale: Locale) {
  if (locale === 'en') return `FY${fy}`
  const era = eraOf(fy)
  return `${era.ja}${era.year === 1 ? '元' : era.year}`
}

/** A moment (an ISO timestamp) in Japan time, where the program is: `2024/05/01 14:03` / `May 1, 2024, 2:03 PM`. */
export const formatDateTime = (iso: string, locale: Locale) =>
  dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  )
