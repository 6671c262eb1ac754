import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

// Query strings and path parameters arrive as text and are coerced to their schema's types ("2016" → 2016);
// JSON bodies are taken as sent, so `"version": true` is a 400, not version 1. Unknown fields are refused
// (named in the 400) rather than dropped, and every problem is reported at once.
const common: Options = { removeAdditional: false, useDefaults: true, allErrors: true }

const textual = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }))
const json = addFormats.default(new Ajv({ ...common, coerceTypes: false }))

/** A request body's validator, as the routes have it (the spreadsheet import checks its rows with the same). */
export const bodyValidator = (schema: object): ValidateFunction => json.compile(schema)

export function useValidators(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodyValidator(schema) : finiteOnly(textual.compile(schema)),
  )
}

/** The path of the first number in `data` that is not finite, if any. */
function nonFinite(data: unknown, path: string): string | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? undefined : path
  if (data === null || typeof data !== 'object') return undefined
  for (const [key, value] of Object.entries(data)) {
    const found = nonFinite(value, `${path}/${key}`)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * Ajv coerces the text `1e400` to Infinity and then lets it through `integer` and `maximum`; such a value
 * would reach the database. Refused here as the field's own 400.
 */
function finiteOnly(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    const valid = validate(data)
    checked.errors = validate.errors ?? null
    if (!valid) return false
    const path = nonFinite(data, '')
    if (path === undefined) return true
    const error: ErrorObject = {
      keyword: 'finite',
      instancePath: path,
      schemaPath: '#',
      params: {},
      message: 'must be a finite number',
    }
    checked.errors = [error]
    return false
  }) as ValidateFunction
  return checked
}
