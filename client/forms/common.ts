import type { Visibility } from '../../server/schemas/common.ts'

// Shared by the record forms' models: the form holds what the inputs hold (strings), the body what the API
// takes. Each model is a pair of pure functions, record → values and values → body, tested without a DOM.

/** What an input shows for a value the record may not have. */
export const shown = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value)

/** A whole number as an input shows it for reading back: `1500000` → `1,500,000` (the forms read commas). */
export const grouped = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : value.toLocaleString('en-US', { maximumFractionDigits: 20 })

/** The fields only the program office sets (a partner sending one is refused with 400). */
export interface Publication {
  visibility: Visibility
  embargoUntil: string
}

export const publicationOf = (
  record: { visibility: Visibility; embargoUntil: string | null } | undefined,
) => ({
  visibility: record?.visibility ?? ('public' as Visibility),
  embargoUntil: shown(record?.embargoUntil),
})

/** A row of a list in a form (a metabolite result, a partner): a key that stays with it while rows move. */
let nextKey = 0
export const rowKey = () => ++nextKey

/** `?project=12` → 12; anything else undefined. */
export function parseId(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || !/^[1-9]\d{0,9}$/.test(text)) return undefined
  const id = Number(text)
  return id <= 2_147_483_647 ? id : undefined
}

type Translate = (
  key: 'forms.problems.notNumber' | 'forms.problems.notInteger' | 'forms.problems.required',
) => string

/** The messages of the problems a form finds itself, in the reader's language. */
export const problemMessages = (t: Translate) => ({
  notNumber: t('forms.problems.notNumber'),
  notInteger: t('forms.problems.notInteger'),
  required: t('forms.problems.required'),
})
