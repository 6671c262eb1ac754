import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Locale } from '../i18n/index.ts'
import type { TextContext } from './slide-content.ts'

/** The current language and messages, as the slide builders take them; follows the language switch. */
export function useSlideText() {
  const { t, locale } = useI18n()
  return computed<TextContext>(() => ({
    locale: locale.value as Locale,
    t: (key, named) => (named ? t(key, named) : t(key)),
  }))
}
