import type { ProjectSummary } from '../../server/schemas/findings.ts'
import type { OutcomeListItem } from '../../server/schemas/outcomes.ts'
import { formatDate, formatFy } from '../i18n/format.ts'
import type { Locale } from '../i18n/index.ts'

// How records are named on the list screens (outcomes, institutions, findings), in the current language.

type Translate = (key: string, named?: Record<string, unknown>) => string

/** The English text where there is one, else the Japanese (the records' language of record). */
export const localText = (ja: string, en: string | null | undefined, locale: Locale) =>
  locale === 'en' && en ? en : ja

type ProjectNaming = Pick<ProjectSummary, 'id' | 'themeJa' | 'themeEn'> & {
  company: { nameJa: string; nameEn: string | null } | null
}

/** A project by its theme, else its lead company, else its number (historic records lack both). */
export function projectLabel(project: ProjectNaming, locale: Locale, t: Translate) {
  if (project.themeJa) return localText(project.themeJa, project.themeEn, locale)
  if (project.company) return localText(project.company.nameJa, project.company.nameEn, locale)
  return t('records.projectNumber', { id: project.id })
}

export const companyLabel = (project: Pick<ProjectNaming, 'company'>, locale: Locale) =>
  project.company ? localText(project.company.nameJa, project.company.nameEn, locale) : undefined

const monthFormat = (locale: Locale) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })

/** When an outcome happened, as precisely as the record says: the day, the month, or only the FY. */
export function outcomeWhen(
  outcome: Pick<OutcomeListItem, 'fy' | 'occurredOn' | 'datePrecision'>,
  locale: Locale,
): string | undefined {
  if (outcome.occurredOn) {
    return outcome.datePrecision === 'month'
      ? monthFormat(locale).format(new Date(`${outcome.occurredOn}T00:00:00Z`))
      : formatDate(outcome.occurredOn, locale)
  }
  return outcome.fy === null ? undefined : formatFy(outcome.fy, locale)
}
