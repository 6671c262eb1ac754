import { type Static, type TSchema, Type } from 'typebox'
import { FIRST_FY, LAST_FY } from '../domain/fiscal-year.ts'

// Building blocks of the API contract. Route schemas are the one source of request and response types:
// the client imports the `Static` types exported beside each schema.

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

export const FiscalYear = Type.Integer({
  minimum: FIRST_FY,
  maximum: LAST_FY,
  description: 'Japanese fiscal year (April–March)',
})
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const Timestamp = Type.String({ format: 'date-time' })
export const Text = (maxLength = 2000) => Type.String({ minLength: 1, maxLength })

export const Visibility = Type.Enum(['public', 'program', 'confidential'])
export type Visibility = Static<typeof Visibility>
export const DatePrecision = Type.Enum(['day', 'month'])

/** Optimistic concurrency: updates send back the version they read; a stale one answers 409. */
export const Version = Type.Integer({
  minimum: 1,
  description: 'version of the record the update is based on',
})

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
}

/** `sort=field` ascending, `sort=-field` descending, among a resource's allowed fields. */
export const Sort = <const T extends string[]>(fields: readonly [...T]) =>
  Type.Optional(Type.Enum([...fields, ...fields.map((f) => `-${f}` as `-${T[number]}`)]))

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) })

/**
 * The app's own reasons for refusing a field, beside the JSON Schema keywords of a malformed request (required,
 * maxLength, format…): a record referred to that does not exist or is listed twice, a value another record
 * holds, a field only managers may set, a project the partner's organization is not part of, a stale version,
 * a database rule, the rules of metabolite results, and a finding's imported results, which only another import
 * replaces; then the subsidy rules of grants and project periods, the dating of records, users, decks and saved
 * import mappings.
 */
export const FIELD_REASONS = [
  'unknownRecord',
  'listedTwice',
  'taken',
  'editorsOnly',
  'notParticipant',
  'stale',
  'reference',
  'rule',
  'malformed',
  'positiveRatio',
  'directionMismatch',
  'probability',
  'repeated',
  'importedResults',
  // Grants and project periods (server/domain/grant-rules.ts, projects-repository.ts).
  'projectLacks',
  'beforeStart',
  'afterEnd',
  'yearBeyondMenu',
  'periodBeyondMenu',
  'noCap',
  'overCap',
  'overRate',
  'menuOfOtherProgram',
  'leadKind',
  'breaksGrant',
  // Dates and fiscal years of findings, outcomes and events.
  'fyMismatch',
  'tooFarAhead',
  'tooEarly',
  'needsDate',
  // Users, decks, record imports.
  'partnersOnly',
  'ownAccount',
  'projectSlideOnly',
  'notPublic',
  'frozen',
  'notBoth',
  'otherKind',
] as const
export type FieldReason = (typeof FIELD_REASONS)[number]

export const FieldError = Type.Object({
  field: Type.String({ description: 'where the problem is, e.g. body.attendance or querystring.fyFrom' }),
  message: Type.String({ description: 'the reason in English' }),
  keyword: Type.Optional(
    Type.String({
      description: `the reason, for a client to say in its own words: the JSON Schema keyword that failed (required, minLength, maxLength, minimum, maximum, format, pattern, enum, type, additionalProperties…), or one of the app's: ${FIELD_REASONS.join(', ')}`,
    }),
  ),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        "the details of the reason: the keyword's limit ({ limit: 200 }), format or allowed values; for unknownRecord and listedTwice the record and its id; for the app's other reasons the values the message names (fiscal years, amounts in yen, dates, the menu); breaksGrant gives the grant's own reason as { keyword, params }",
    }),
  ),
})

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { description: 'The one error shape of the API' },
)
export type ErrorResponse = Static<typeof ErrorResponse>

/** Error responses every route may give; routes add their own success schema. */
export const errorResponses = {
  400: ErrorResponse,
  404: ErrorResponse,
}
/** Refusals of server/auth/policy.ts: 401 to anonymous visitors, 403 to signed-in users. */
export const authErrorResponses = {
  401: ErrorResponse,
  403: ErrorResponse,
}
export const writeErrorResponses = {
  ...errorResponses,
  ...authErrorResponses,
  409: ErrorResponse,
  422: ErrorResponse,
}
