import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDate, formatFy, formatNumber } from '../i18n/format.ts'
import type { Locale } from '../i18n/index.ts'
import { type FieldProblem, fieldErrors } from './field-errors.ts'
import { formatYenFull } from './project-labels.ts'

// The API refuses a field with an English message and, beside it, the reason as a keyword with its params
// (server/schemas/common.ts, FieldError). Known reasons are said in the reader's language; an unknown one falls
// back to the API's English.

/**
 * How a named value is said: in the reader's number, fiscal-year, yen or date format; as the message of its
 * value in a section of the messages (a kind of record, a role), or as itself when there is none; or, for a
 * reason inside another (a grant a project's change would break), as that reason.
 */
export type ValueKind = 'number' | 'fy' | 'yen' | 'date' | 'reason' | { labels: string }

export interface Reason {
  key: string
  named?: Record<string, unknown>
  /** The named values said in the reader's format; the others are said as they are. */
  as?: Record<string, ValueKind>
}

const REQUIRED: Reason = { key: 'forms.problems.required' }
const RECORDS = new Set(['project', 'organization', 'finding', 'menu', 'program'])
const FORMATS = new Set([
  'date',
  'date-time',
  'email',
  'uri',
  'json',
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
  'menuOfOtherProgram',
  'needsDate',
  'projectSlideOnly',
  'frozen',
])
/** Reasons said by one message of several, chosen by a param. */
const VARIANTS: Record<string, { param: string; values: ReadonlySet<unknown> }> = {
  projectLacks: { param: 'missing', values: new Set(['menuId', 'startFy']) },
  ownAccount: { param: 'action', values: new Set(['disable', 'demote', 'delete']) },
}

const aboutRecord = (key: string, params: Record<string, unknown>): Reason | undefined =>
  typeof params.record === 'string' && RECORDS.has(params.record)
    ? {
        key,
        named: { id: params.id, record: params.record },
        as: { record: { labels: 'forms.reasons.records' } },
      }
    : undefined

/** The rate a grant was held to, as the grant form writes it: `2/3`. */
function rateOf(rate: unknown): string | undefined {
  if (typeof rate !== 'object' || rate === null) return undefined
  const { numerator, denominator } = rate as Record<string, unknown>
  return typeof numerator === 'number' && typeof denominator === 'number'
    ? `${numerator}/${denominator}`
    : undefined
}

/** The grant rules' reasons (server/domain/grant-rules.ts): years of the project, caps and rates. */
function grantReasonOf(keyword: string, params: Record<string, unknown>): Reason | undefined {
  switch (keyword) {
    case 'beforeStart':
      return {
        key: 'forms.reasons.beforeStart',
        named: { fy: params.fy, startFy: params.startFy },
        as: { fy: 'fy', startFy: 'fy' },
      }
    case 'afterEnd':
      return {
        key: 'forms.reasons.afterEnd',
        named: { fy: params.fy, endFy: params.endFy, lastYear: params.lastYear },
        as: { fy: 'fy', endFy: 'fy' },
      }
    case 'yearBeyondMenu':
      return {
        key: 'forms.reasons.yearBeyondMenu',
        named: { fy: params.fy, year: params.year, maxYears: params.maxYears },
        as: { fy: 'fy' },
      }
    case 'periodBeyondMenu':
      return {
        key: 'forms.reasons.periodBeyondMenu',
        named: {
          startFy: params.startFy,
          endFy: params.endFy,
          years: params.years,
          maxYears: params.maxYears,
        },
        as: { startFy: 'fy', endFy: 'fy' },
      }
    case 'noCap':
      return { key: 'forms.reasons.noCap', named: { year: params.year } }
    case 'overCap':
      return {
        key: 'forms.reasons.overCap',
        named: { amount: params.amountYen, cap: params.capYen, year: params.year },
        as: { amount: 'yen', cap: 'yen' },
      }
    case 'overRate': {
      // No size: the lead company's is unknown, and the SME rate applied.
      const size = params.size === null ? 'unknown' : params.size
      const rate = rateOf(params.rate)
      if ((size !== 'sme' && size !== 'large' && size !== 'unknown') || !rate) return undefined
      return {
        key: `forms.reasons.overRate.${size}`,
        named: { amount: params.amountYen, eligibleCost: params.eligibleCostYen, max: params.maxYen, rate },
        as: { amount: 'yen', eligibleCost: 'yen', max: 'yen' },
      }
    }
    default:
      return undefined
  }
}

/** The dating rules of findings, outcomes and events: a fiscal year that agrees with the date, nothing too far. */
function datingReasonOf(keyword: string, params: Record<string, unknown>): Reason | undefined {
  switch (keyword) {
    case 'fyMismatch':
      return {
        key: params.fy === null ? 'forms.reasons.fyMismatch.empty' : 'forms.reasons.fyMismatch.year',
        named: { fy: params.fy, date: params.date, dateFy: params.dateFy },
        as: { fy: 'fy', date: 'date', dateFy: 'fy' },
      }
    case 'tooFarAhead':
      return typeof params.date === 'string'
        ? { key: 'forms.reasons.tooFarAhead.date', named: { date: params.date }, as: { date: 'date' } }
        : { key: 'forms.reasons.tooFarAhead.fy', named: { fy: params.fy }, as: { fy: 'fy' } }
    case 'tooEarly':
      return {
        key: 'forms.reasons.tooEarly',
        named: { date: params.date, earliest: params.earliest },
        as: { date: 'date', earliest: 'date' },
      }
    default:
      return undefined
  }
}

/** The message key and values for a problem's reason; undefined when the reason is not one the dashboard knows. */
export const reasonOf = ({ keyword, params = {} }: FieldProblem): Reason | undefined =>
  keyword === undefined ? undefined : reasonFor(keyword, params)

function reasonFor(keyword: string, params: Record<string, unknown>): Reason | undefined {
  if (PLAIN.has(keyword))
    return { key: `forms.reasons.${keyword}`, named: { limit: params.limit }, as: { limit: 'number' } }
  const variant = VARIANTS[keyword]
  if (variant) {
    const value = params[variant.param]
    return variant.values.has(value) ? { key: `forms.reasons.${keyword}.${value}` } : undefined
  }
  switch (keyword) {
    case 'required':
      return REQUIRED
    case 'minLength':
      return params.limit === 1
        ? REQUIRED
        : { key: 'forms.reasons.minLength', named: { limit: params.limit }, as: { limit: 'number' } }
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
    case 'notPublic':
      return { key: `forms.reasons.${keyword}`, named: { id: params.id } }
    case 'importedResults':
      return { key: 'forms.reasons.importedResults', named: { count: params.count } }
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
    case 'leadKind':
      return {
        key: 'forms.reasons.leadKind',
        named: { name: params.name, kind: params.kind },
        as: { kind: { labels: 'orgKinds' } },
      }
    case 'breaksGrant': {
      // The grant's own reason, said as the grant form says it; unknown, the API's whole sentence instead.
      const grant = params.reason as Partial<FieldProblem> | undefined
      const grantReason =
        grant?.keyword === undefined ? undefined : reasonFor(grant.keyword, grant.params ?? {})
      return grantReason
        ? {
            key: 'forms.reasons.breaksGrant',
            named: { id: params.id, fy: params.fy, reason: grantReason },
            as: { fy: 'fy', reason: 'reason' },
          }
        : undefined
    }
    case 'partnersOnly':
      return {
        key: 'forms.reasons.partnersOnly',
        named: { role: params.role },
        as: { role: { labels: 'auth.roles' } },
      }
    case 'notBoth':
      return { key: 'forms.reasons.notBoth', named: { other: params.other } }
    case 'otherKind':
      return {
        key: 'forms.reasons.otherKind',
        named: { kind: params.kind, expected: params.expected },
        as: { kind: { labels: 'imports.kinds' }, expected: { labels: 'imports.kinds' } },
      }
    default:
      return grantReasonOf(keyword, params) ?? datingReasonOf(keyword, params)
  }
}

/** A problem's message in the reader's language (numbers, years, yen and dates in its formats), else the API's English. */
export function useProblemMessage() {
  const { t, te, locale } = useI18n()
  const lang = () => locale.value as Locale

  function sayValue(value: unknown, kind: ValueKind): unknown {
    if (typeof kind === 'object') {
      const key = `${kind.labels}.${String(value)}`
      return te(key) ? t(key) : value
    }
    if (kind === 'reason') return sayReason(value as Reason)
    if (kind === 'date') return typeof value === 'string' ? formatDate(value, lang()) : value
    if (typeof value !== 'number') return value
    if (kind === 'fy') return formatFy(value, lang())
    if (kind === 'yen') return formatYenFull(value, lang())
    return formatNumber(value, lang())
  }

  function sayReason({ key, named = {}, as = {} }: Reason): string {
    const said = Object.entries(named).map(([name, value]) => {
      const kind = as[name]
      return [name, kind === undefined ? value : sayValue(value, kind)]
    })
    return t(key, Object.fromEntries(said))
  }

  return (problem: FieldProblem): string => {
    const reason = reasonOf(problem)
    return reason ? sayReason(reason) : problem.message
  }
}

/** The messages beside each field, in the reader's language, for a form's context (useFormContext.ts). */
export function useFieldErrors(problems: () => readonly FieldProblem[] | undefined) {
  const say = useProblemMessage()
  return computed(() => fieldErrors(problems(), say))
}
