import type { ErrorResponse } from '../../server/schemas/common.ts'

// The API names each problem's place (`body.titleJa`, `body.metaboliteResults.2.foldChange`); the forms name
// their inputs the same way without the `body.` (`metaboliteResults.2.foldChange`), so a message lands
// beside the input it is about.

export type FieldProblem = NonNullable<ErrorResponse['errors']>[number]

/** Messages by field, in the order given. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>

/** `body.metaboliteResults.2.foldChange` → `metaboliteResults.2.foldChange`; `body` alone (the whole body) → ``. */
export function fieldKey(field: string): string {
  if (field === 'body') return ''
  return field.startsWith('body.') ? field.slice('body.'.length) : field
}

/** `say`: a problem in the reader's words (client/composables/problem-messages.ts); else the API's message. */
export function fieldErrors(
  problems: readonly FieldProblem[] | undefined,
  say: (problem: FieldProblem) => string = (problem) => problem.message,
): FieldErrors {
  const byField: Record<string, string[]> = {}
  for (const problem of problems ?? []) {
    const key = fieldKey(problem.field)
    const message = say(problem)
    const messages = byField[key] ?? []
    if (!messages.includes(message)) messages.push(message)
    byField[key] = messages
  }
  return byField
}

/** The id of the input for a field: `metaboliteResults.2.foldChange` → `field-metaboliteResults-2-foldChange`. */
export const inputId = (key: string) => `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`

/** Problems of a list's rows: `metaboliteResults.2.foldChange` and `metaboliteResults.2` count for row 2. */
export function rowHasErrors(errors: FieldErrors, list: string, index: number): boolean {
  const row = `${list}.${index}`
  return Object.keys(errors).some((key) => key === row || key.startsWith(`${row}.`))
}

// Reading what was typed. Text inputs hold strings; the API wants null for "not given" and numbers as numbers.
// A value that is not a number is refused here, keyed like the API's problems, rather than sent.

export const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim())

export type Parsed<T> = { value: T } | { problem: 'notNumber' | 'notInteger' }

/** '' → null; `1.5`, `1,5`, `2e-3` → a number; anything else a problem. */
export function parseDecimal(value: string): Parsed<number | null> {
  const text = value.trim().replace(',', '.')
  if (text === '') return { value: null }
  const number = Number(text)
  return Number.isFinite(number) ? { value: number } : { problem: 'notNumber' }
}

export function parseInteger(value: string): Parsed<number | null> {
  const parsed = parseDecimal(value.replace(/[\s,]/g, ''))
  if ('problem' in parsed || parsed.value === null) return parsed
  return Number.isInteger(parsed.value) ? parsed : { problem: 'notInteger' }
}

/** Collects parse problems under their field names while a form's body is built. */
export class BodyBuilder {
  readonly problems: FieldProblem[] = []

  /** `messages`: what to say, in the reader's language, of a value that is not a (whole) number. */
  constructor(private readonly messages: Readonly<Record<'notNumber' | 'notInteger' | 'required', string>>) {}

  /** Text the record cannot be without (a title): blank is refused here, in the reader's words. */
  requiredText(field: string, value: string): string {
    const text = value.trim()
    if (text === '') this.problems.push({ field: `body.${field}`, message: this.messages.required })
    return text
  }

  /** A value the form must have before anything is sent (a project to put a finding on). */
  required<T>(field: string, value: T | undefined): T | undefined {
    if (value === undefined) this.problems.push({ field: `body.${field}`, message: this.messages.required })
    return value
  }

  /** A number the record cannot be without (a fiscal year, an amount): blank is refused, never read as 0. */
  requiredInteger(field: string, value: string): number | undefined {
    if (value.trim() !== '') return this.integer(field, value) ?? undefined
    this.problems.push({ field: `body.${field}`, message: this.messages.required })
    return undefined
  }

  decimal(field: string, value: string): number | null {
    return this.take(field, parseDecimal(value))
  }

  integer(field: string, value: string): number | null {
    return this.take(field, parseInteger(value))
  }

  private take(field: string, parsed: Parsed<number | null>): number | null {
    if ('value' in parsed) return parsed.value
    this.problems.push({ field: `body.${field}`, message: this.messages[parsed.problem] })
    return null
  }
}

/** The fields of `next` that differ from `base` (compared as JSON): what an update sends. */
export function changedFields<T extends object>(next: T, base: T): Partial<T> {
  const changes: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(base[key])) changes[key] = next[key]
  }
  return changes
}
