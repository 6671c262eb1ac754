import fc from 'fast-check'

// Values for a field, from the JSON Schema the OpenAPI document gives it (the subset TypeBox writes): `valid`
// keeps to the schema, its edges included (the longest string, the largest number); `invalid` breaks it in
// one of the ways clients do (wrong type, one past a bound, an impossible date, a key of the prototype).

export interface JsonSchema {
  type?: string
  anyOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minProperties?: number
}

const INT32 = 2_147_483_647
/** Long enough to reach every edge; a few thousand characters is what the bad-input list sends beyond it. */
const SHORT = 40

const text = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.string({ minLength, maxLength: Math.min(maxLength, SHORT), unit: 'grapheme' }),
    fc.string({ minLength, maxLength: Math.min(maxLength, SHORT), unit: 'binary' }),
    fc.constantFrom('代謝物', 'メタボローム解析', '山形県鶴岡市', 'Ｎ．Ｄ．', 'γ-アミノ酪酸 (GABA)'),
  )

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 200
  switch (schema.format) {
    case 'date':
      return fc
        .date({ min: new Date('1980-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10))
    case 'date-time':
      return fc
        .date({ min: new Date('1980-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString())
    case 'email':
      return fc.emailAddress().filter((e) => e.length >= min && e.length <= max)
  }
  const edges = [...(max <= 4000 ? ['あ'.repeat(max)] : []), ...(min > 0 ? ['x'.repeat(min)] : [])]
  const strings = fc.oneof(
    { weight: 4, arbitrary: text(min, max) },
    fc.constantFrom(...(edges.length ? edges : ['x'])),
  )
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined
  return strings.filter((s) => s.length >= min && s.length <= max && (!pattern || pattern.test(s)))
}

export function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(valid))
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if ('const' in schema) return fc.constant(schema.const)
  switch (schema.type) {
    case 'integer': {
      const min = schema.minimum ?? -INT32 - 1
      const max = schema.maximum ?? INT32
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, fc.constantFrom(min, max))
    }
    case 'number': {
      const min = schema.minimum ?? -1e9
      const max = schema.maximum ?? 1e9
      return fc.oneof(
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(min, max, 0, 1e-12),
      )
    }
    case 'string':
      return validString(schema)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(schema.items ? valid(schema.items) : fc.anything(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 5, 5)),
      })
    case 'object':
      return validObject(schema)
    default:
      return fc.jsonValue()
  }
}

function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const arbitraries = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, valid(s)]))
  const record = fc.record(arbitraries, { requiredKeys: (schema.required ?? []) as never[] })
  const min = schema.minProperties ?? 0
  return record.filter((value) => Object.keys(value).length >= min) as fc.Arbitrary<Record<string, unknown>>
}

/** The kinds of wrong every field gets, whatever its type. */
const WRONG_ANYWHERE: unknown[] = [
  undefined,
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}'),
  [[[[[[[[[[1]]]]]]]]]],
  '\u0000',
  '\ud800',
  "'; drop table projects; --",
  'x'.repeat(100_000),
  Number.POSITIVE_INFINITY, // JSON.stringify sends it as null
]

export function invalid(schema: JsonSchema): fc.Arbitrary<unknown> {
  const wrong: unknown[] = [...WRONG_ANYWHERE.filter((v) => v !== undefined)]
  const branches = schema.anyOf ?? [schema]
  const nullable = branches.some((b) => b.type === 'null')
  if (!nullable) wrong.push(null)
  for (const branch of branches) {
    if (branch.enum) wrong.push('not-a-choice', `${String(branch.enum[0]).toUpperCase()}_`, 0)
    switch (branch.type) {
      case 'integer':
      case 'number': {
        const min = branch.minimum ?? -INT32 - 1
        const max = branch.maximum ?? INT32
        wrong.push('12', true, max + 1, min - 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2)
        if (branch.type === 'integer') wrong.push(min + 0.5)
        break
      }
      case 'string': {
        const max = branch.maxLength ?? 200
        wrong.push(42, false, ['x'], { x: 1 }, 'x'.repeat(max + 1), 'あ'.repeat(max + 1))
        if ((branch.minLength ?? 0) > 0) wrong.push('')
        if (branch.pattern === '\\S') wrong.push('   ', '\u3000\t\n')
        if (branch.format === 'date')
          wrong.push('2017-02-30', '2024-13-01', '2024/04/01', '令和6年4月1日', '99999-01-01')
        if (branch.format === 'email') wrong.push('not-an-email', '@', 'a@')
        break
      }
      case 'boolean':
        wrong.push('yes', 2, 'true ')
        break
      case 'array':
        wrong.push(
          '[]',
          {},
          Array.from({ length: (branch.maxItems ?? 1000) + 1 }, () => ({})),
        )
        if (branch.items) wrong.push([{ bogus: true }], [null])
        break
      case 'object':
        wrong.push([], 'object', { unexpectedKey: 1 })
        break
    }
  }
  return fc.constantFrom(...wrong)
}

/** As a query or path parameter: the text a client would put in the URL. */
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)

export const INVALID_TEXT = fc.constantFrom(
  '',
  '-1',
  'abc',
  '1.5',
  '1e400',
  'Infinity',
  'NaN',
  '0x10',
  '99999999999999999999',
  '__proto__',
  'constructor',
  '%',
  '..%2f..%2fetc%2fpasswd',
  '[]',
  "1' or '1'='1",
  'x'.repeat(5000),
  '\u0000',
)
