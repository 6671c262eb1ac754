import { createI18n } from 'vue-i18n'
import type { Locale } from '../../server/domain/fiscal-year.ts'
import en from './en.ts'
import ja, { type Messages } from './ja.ts'

export type { Locale }
export const LOCALES: readonly Locale[] = ['ja', 'en']
const STORAGE_KEY = 'locale'

export const isLocale = (value: unknown): value is Locale => value === 'ja' || value === 'en'

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(value) ? value : 'ja'
  } catch {
    return 'ja' // storage may be disabled (private mode, strict cookie settings)
  }
}

export function createAppI18n(locale: Locale = storedLocale()) {
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
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {}
}
