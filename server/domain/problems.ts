import type { FieldProblem } from './errors.ts'

// The app's own refusals of a field, each with a machine-readable reason beside its English message, so that a
// client can say it in its reader's language (client/composables/problem-messages.ts). The reasons are listed
// in server/schemas/common.ts (FIELD_REASONS).

/** The records a field may refer to, as the English messages name them. */
const NOUNS = {
  project: 'project',
  organization: 'organization',
  finding: 'finding',
  menu: 'subsidy menu',
  program: 'program',
} as const
export type ReferredRecord = keyof typeof NOUNS

export const unknownRecord = (field: string, record: ReferredRecord, id: number): FieldProblem => ({
  field,
  message: `${NOUNS[record]} ${id} does not exist`,
  keyword: 'unknownRecord',
  params: { record, id },
})

export const listedTwice = (field: string, record: ReferredRecord, id: number): FieldProblem => ({
  field,
  message: `${NOUNS[record]} ${id} is listed twice`,
  keyword: 'listedTwice',
  params: { record, id },
})

/** A value the record needs in this case (a partner's institution, a described project's company). */
export const requiredHere = (field: string, message: string): FieldProblem => ({
  field,
  message,
  keyword: 'required',
  params: {},
})

/** A value another record already holds. */
export const taken = (field: string, message: string): FieldProblem => ({
  field,
  message,
  keyword: 'taken',
  params: {},
})

/** A fiscal year before the project's first: a grant's year, or the project's own end year. */
export const beforeStart = (
  field: string,
  message: string,
  params: { fy: number; startFy: number },
): FieldProblem => ({ field, message, keyword: 'beforeStart', params })

/**
 * A fiscal year sent beside a date it does not fall in (`fy` null: sent empty). `advice` follows the English
 * reason where the record says what to do instead.
 */
export const fyMismatch = (
  field: string,
  { fy, date, dateFy }: { fy: number | null; date: string; dateFy: number },
  advice = '',
): FieldProblem => ({
  field,
  message: `${fy === null ? 'is empty' : `is FY${fy}`}, but ${date} falls in FY${dateFy}${advice}`,
  keyword: 'fyMismatch',
  params: { fy, date, dateFy },
})

/** A fiscal year of a record without a date, too far ahead to be planned yet. */
export const fyTooFarAhead = (field: string, fy: number): FieldProblem => ({
  field,
  message: `FY${fy} is more than a year from today`,
  keyword: 'tooFarAhead',
  params: { fy },
})

/** A date's precision sent for a record without a date; `dateField` names the date it would qualify. */
export const precisionWithoutDate = (dateField: string): FieldProblem => ({
  field: 'body.datePrecision',
  message: `needs a date (${dateField}) to be the precision of`,
  keyword: 'needsDate',
  params: { dateField },
})
