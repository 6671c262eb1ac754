import type { Locale } from '../../server/domain/fiscal-year.ts'
import type { ProjectDetail, ProjectListItem } from '../../server/schemas/projects.ts'
import { formatFy } from '../i18n/format.ts'

// How a project's own facts read on the Projects screens, in the current language.

type Translate = (key: string, named?: Record<string, unknown>) => string

const other = (locale: Locale): Locale => (locale === 'ja' ? 'en' : 'ja')

/**
 * A fiscal year in both forms, the current language's first: `平成26年度` with `FY2014 (H26)`, or the other way
 * round. Both come from the one shared FY function.
 */
export const fyBoth = (fy: number, locale: Locale) => ({
  main: formatFy(fy, locale),
  alt: formatFy(fy, other(locale)),
  altLang: other(locale),
})

const range = (from: string, to: string, locale: Locale) =>
  locale === 'ja' ? `${from}〜${to}` : `${from} – ${to}`

/** A project's period in both forms; a single FY when it starts and ends in one. */
export function periodBoth(project: Pick<ProjectListItem, 'startFy' | 'endFy'>, locale: Locale) {
  const { startFy, endFy } = project
  if (startFy === null) return undefined
  if (endFy === null || endFy === startFy) return fyBoth(startFy, locale)
  const to = other(locale)
  return {
    main: range(formatFy(startFy, locale), formatFy(endFy, locale), locale),
    alt: range(formatFy(startFy, to), formatFy(endFy, to), to),
    altLang: to,
  }
}

/** A message for an enum value, or the value itself when the messages do not know it. */
export function enumLabel(t: Translate, section: string, value: string) {
  const key = `${section}.${value}`
  const text = t(key)
  return text === key ? value : text
}

/** The menu's name in the current language. */
export const menuName = (
  menu: Pick<NonNullable<ProjectListItem['menu']>, 'nameJa' | 'nameEn'>,
  locale: Locale,
) => (locale === 'en' && menu.nameEn ? menu.nameEn : menu.nameJa)

export const programName = (program: ProjectDetail['program'], locale: Locale) =>
  locale === 'en' && program.nameEn ? program.nameEn : program.nameJa

const yenFormats = new Map<Locale, Intl.NumberFormat>()
/** Yen in full (`￥1,500,000`), as a grant table reads: the compact form of the KPI cards would round it. */
export function formatYenFull(value: number, locale: Locale) {
  let format = yenFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' })
    yenFormats.set(locale, format)
  }
  return format.format(value)
}
