import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

// Query strings and path parameters arrive as text and are coerced to their schema's types ("2016" → 2016);
// JSON bodies are taken as sent, so `"version": true` is a 400, not version 1. Unknown fields are refused
// (named in the 400) rather than dropped, and every problem is reported at once.
const common: Options = { removeAdditional: false, useDefaults: true, allErrors: true }

const textual = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }))
const json = addFormats.default(new Ajv({ ...common, coerceTypes: false }))

export function useValidators(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? json : textual).compile(schema))
}
