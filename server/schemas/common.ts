import { type Static, type TSchema, Type } from 'typebox'

// Building blocks of the API contract. Route schemas are the one source of request and response types:
// the client imports the `Static` types exported beside each schema.

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

export const FiscalYear = Type.Integer({
  minimum: 1980,
  maximum: 2100,
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

export const FieldError = Type.Object({
  field: Type.String({ description: 'where the problem is, e.g. body.attendance or querystring.fyFrom' }),
  message: Type.String(),
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
