import { createI18n } from 'vue-i18n'
import type { Locale } from '../../server/domain/fiscal-year.ts'
import en from './en.ts'
import ja, { type Messages } from './ja.ts'

export type { Locale }
export const LOCALES: readonly Locale[] = ['ja', 'en']

export const isLocale = (value: unknown): value is Locale => value === 'ja' || value === 'en'

/**
 * The reader's choice of language travels in a cookie, so that the server renders a page in it
 * (server/pages/rendered-pages.ts). Earlier versions kept it in the browser's storage only: still read.
 */
export const LOCALE_COOKIE = 'locale'
const OLD_STORAGE_KEY = 'locale'
const YEAR_SECONDS = 365 * 24 * 60 * 60

/** The language chosen in this browser, if any. */
export function chosenLocale(): Locale | undefined {
  const cookie = globalThis.document?.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1)
  if (isLocale(cookie)) return cookie
  try {
    const stored = globalThis.localStorage?.getItem(OLD_STORAGE_KEY)
    return isLocale(stored) ? stored : undefined
  } catch {
    return undefined // storage may be disabled (private mode, strict cookie settings)
  }
}

export function createAppI18n(locale: Locale = chosenLocale() ?? 'ja') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'ja',
    messages: { ja, en },
  })
}

// Message keys are checked at compile time against ja.ts.
declare module 'vue-i18n' {
  export interface DefineLocaleMessage extends Messages {}
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** Switches every label (main.ts keeps <html lang> in step) and remembers the choice across visits. */
export function applyLocale(current: { value: string }, locale: Locale) {
  current.value = locale
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser the dashboard serves
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`
}
