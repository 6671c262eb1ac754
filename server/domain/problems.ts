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
