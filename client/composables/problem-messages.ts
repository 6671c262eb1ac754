import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatNumber } from '../i18n/format.ts'
import type { Locale } from '../i18n/index.ts'
import { type FieldProblem, fieldErrors } from './field-errors.ts'

// The API refuses a field with an English message and, beside it, the reason as a keyword with its params
// (server/schemas/common.ts, FieldError). Known reasons are said in the reader's language; an unknown one falls
// back to the API's English.

export interface Reason {
  key: string
  named?: Record<string, unknown>
  /** The key of the record's name, when the message names a kind of record ("project 7"). */
  record?: string
}

const REQUIRED: Reason = { key: 'forms.problems.required' }
const RECORDS = new Set(['project', 'organization', 'finding', 'menu', 'program'])
const FORMATS = new Set([
  'date',
  'date-time',
  'email',
  'uri',
  'hmdbId',
  'keggId',
  'chebiId',
  'pubchemCid',
  'inchikey',
])
const TYPES = new Set(['integer', 'number', 'string', 'boolean', 'array', 'object'])
/** Reasons said by one message, with the schema's limit where they have one. */
const PLAIN = new Set([
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'finite',
  'enum',
  'additionalProperties',
  'taken',
  'editorsOnly',
  'reference',
  'rule',
  'malformed',
  'positiveRatio',
  'probability',
])

const aboutRecord = (key: string, params: Record<string, unknown>): Reason | undefined =>
  typeof params.record === 'string' && RECORDS.has(params.record)
    ? { key, named: { id: params.id }, record: `forms.reasons.records.${params.record}` }
    : undefined

/** The message key and values for a problem's reason; undefined when the reason is not one the dashboard knows. */
export function reasonOf({ keyword, params = {} }: FieldProblem): Reason | undefined {
  if (keyword === undefined) return undefined
  if (PLAIN.has(keyword)) return { key: `forms.reasons.${keyword}`, named: { limit: params.limit } }
  switch (keyword) {
    case 'required':
      return REQUIRED
    case 'minLength':
      return params.limit === 1
        ? REQUIRED
        : { key: 'forms.reasons.minLength', named: { limit: params.limit } }
    // A schema's pattern `\S` is "not only spaces": as good as empty.
    case 'pattern':
      return params.pattern === '\\S' ? REQUIRED : { key: 'forms.reasons.pattern' }
    case 'format':
      return typeof params.format === 'string' && FORMATS.has(params.format)
        ? { key: `forms.reasons.formats.${params.format === 'date-time' ? 'dateTime' : params.format}` }
        : { key: 'forms.reasons.pattern' }
    case 'type':
      return typeof params.type === 'string' && TYPES.has(params.type)
        ? { key: `forms.reasons.types.${params.type}` }
        : undefined
    case 'unknownRecord':
    case 'listedTwice':
      return aboutRecord(`forms.reasons.${keyword}`, params)
    case 'notParticipant':
      return { key: 'forms.reasons.notParticipant', named: { id: params.id } }
    case 'stale':
      return { key: 'forms.reasons.stale', named: { version: params.version, current: params.current } }
    case 'repeated':
      return typeof params.result === 'number'
        ? { key: 'forms.reasons.repeated', named: { n: params.result + 1 } }
        : undefined
    case 'directionMismatch':
      return params.direction === 'up' || params.direction === 'down'
        ? { key: `forms.reasons.direction.${params.direction}`, named: { foldChange: params.foldChange } }
        : undefined
    default:
      return undefined
  }
}

/** A problem's message in the reader's language (limits in its number format), else the API's English. */
export function useProblemMessage() {
  const { t, locale } = useI18n()
  return (problem: FieldProblem): string => {
    const reason = reasonOf(problem)
    if (!reason) return problem.message
    const { limit, ...named } = reason.named ?? {}
    return t(reason.key, {
      ...named,
      ...(typeof limit === 'number' ? { limit: formatNumber(limit, locale.value as Locale) } : {}),
      ...(reason.record ? { record: t(reason.record) } : {}),
    })
  }
}

/** The messages beside each field, in the reader's language, for a form's context (useFormContext.ts). */
export function useFieldErrors(problems: () => readonly FieldProblem[] | undefined) {
  const say = useProblemMessage()
  return computed(() => fieldErrors(problems(), say))
}
