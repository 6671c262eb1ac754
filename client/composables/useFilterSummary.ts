import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FilterOptions } from '../../server/schemas/stats.ts'
import { localName } from '../charts/common.ts'
import type { Translate } from '../charts/types.ts'
import { formatFy } from '../i18n/format.ts'
import type { Locale } from '../i18n/index.ts'
import type { Filters } from './filters.ts'

/**
 * The filters besides the FY range in words (`食品`, a menu's or an institution's name), named from `options`
 * where given, else by their code.
 */
export function filterChoices(
  f: Filters,
  options: Partial<Pick<FilterOptions, 'menus' | 'institutions'>> | undefined,
  t: Translate,
  lang: Locale,
): string[] {
  const parts: string[] = []
  if (f.menu) {
    const menu = options?.menus?.find((m) => m.code === f.menu)
    parts.push(menu ? localName(menu.name, lang) : f.menu)
  }
  if (f.field) parts.push(t(`fields.${f.field}`))
  if (f.institution !== undefined) {
    const institution = options?.institutions?.find((i) => i.id === f.institution)
    parts.push(institution ? localName(institution.name, lang) : `#${f.institution}`)
  }
  if (f.municipality) parts.push(f.municipality)
  return parts
}

/** The active filters in words (`平成26年度〜平成28年度 · 食品`), shown under the title and in print. */
export function useFilterSummary({
  filters,
  options,
}: {
  filters: Ref<Filters>
  options: Ref<FilterOptions | undefined>
}) {
  const { t, locale } = useI18n()
  return computed(() => {
    const lang = locale.value as Locale
    const f = filters.value
    const parts: string[] = []
    if (f.fyFrom === undefined && f.fyTo === undefined) parts.push(t('filters.allYears'))
    else if (f.fyFrom !== undefined && f.fyFrom === f.fyTo) parts.push(formatFy(f.fyFrom, lang))
    else
      parts.push(
        `${f.fyFrom === undefined ? '' : formatFy(f.fyFrom, lang)}〜${f.fyTo === undefined ? '' : formatFy(f.fyTo, lang)}`,
      )
    parts.push(...filterChoices(f, options.value, (key, named) => (named ? t(key, named) : t(key)), lang))
    return parts.join(' · ')
  })
}
