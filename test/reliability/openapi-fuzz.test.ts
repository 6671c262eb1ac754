import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.ts'
import { backend } from '../helpers/database.ts'
import { snapshotTables } from '../helpers/snapshot.ts'
import { asText, INVALID_TEXT, invalid, type JsonSchema, valid } from './schema-arbitraries.ts'
import { recordReliability } from './summary.ts'

// Every operation of the OpenAPI document, as an admin (so requests get past the policy to validation and the
// repositories): valid requests, requests at the edges, and requests with one or more fields wrong, generated
// from the document's own schemas. Whatever comes in: no 5xx, no stack trace, SQL or file path in a body,
// every answer's status and body as the document declares, and a refused request changes nothing.
//
// `npm test` sends FUZZ_RUNS (default 10) requests per operation; `npm run test:reliability` sends 200.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10)

interface Parameter {
  name: string
  in: 'query' | 'path'
  required?: boolean
  schema: JsonSchema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema?: JsonSchema }> }
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>
}
interface Endpoint {
  method: string
  path: string
  operation: Operation
}

const LEAK =
  /node_modules|\/work\/|\bat .*\.[jt]s:\d+|\bselect\b.*\bfrom\b|\binsert into\b|syntax error|\bstack\b|kysely/i

let t: TestApp
let endpoints: Endpoint[]
const ajv = addFormats(new Ajv({ strict: false, allErrors: false, validateFormats: true }))

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const document = (await t.app.inject('/docs/json')).json()
  endpoints = Object.entries<Record<string, Operation>>(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  )
}, 60_000)
afterAll(() => t?.close())

/** What a refused request must leave as it was: the records' version and the audit trail. */
async function writeMark(): Promise<string> {
  const { rows } = await sql<{ mark: string }>`
    select (select version from data_version)::text || '/' || (select count(*) from audit_log)::text as mark
  `.execute(t.database.db)
  return rows[0]?.mark ?? ''
}

type Mode = 'valid' | 'one-wrong' | 'any'

function parameterValue(parameter: Parameter, mode: 'valid' | 'wrong'): fc.Arbitrary<string> {
  if (mode === 'wrong') return fc.oneof(invalid(parameter.schema).map(asText), INVALID_TEXT)
  if (parameter.in === 'path' && parameter.name === 'id')
    // Mostly the ids the brochure's records have, so that valid requests reach real records.
    return fc
      .oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }) }, valid(parameter.schema))
      .map(String)
  return valid(parameter.schema).map(asText)
}

interface Draft {
  path: Record<string, string>
  query: Record<string, string>
  body: unknown
}

/** One request for an operation: every field valid, exactly one wrong, or each field either way. */
function requestFor(endpoint: Endpoint): fc.Arbitrary<Draft> {
  const parameters = endpoint.operation.parameters ?? []
  const bodySchema = endpoint.operation.requestBody?.content['application/json']?.schema
  const fields = [...parameters.map((p) => p.name), ...(bodySchema ? ['(body)'] : [])]
  return fc
    .record({
      mode: fc.constantFrom<Mode>('valid', 'one-wrong', 'any'),
      wrongField: fc.constantFrom(...(fields.length ? fields : ['(none)'])),
      present: fc.array(fc.boolean(), { minLength: parameters.length, maxLength: parameters.length }),
    })
    .chain(({ mode, wrongField, present }) => {
      const pick = (name: string) =>
        mode === 'valid'
          ? 'valid'
          : mode === 'one-wrong'
            ? name === wrongField
              ? 'wrong'
              : 'valid'
            : undefined
      const values = parameters.map((parameter, i) => {
        const wanted = pick(parameter.name)
        const arbitrary = wanted
          ? parameterValue(parameter, wanted)
          : fc.oneof(parameterValue(parameter, 'valid'), parameterValue(parameter, 'wrong'))
        const keep = parameter.required || wanted === 'wrong' || present[i]
        return keep ? arbitrary.map((value) => [parameter, value] as const) : fc.constant(undefined)
      })
      const body = !bodySchema
        ? fc.constant(undefined)
        : pick('(body)') === 'valid'
          ? valid(bodySchema)
          : pick('(body)') === 'wrong'
            ? bodyWithOneWrongField(bodySchema)
            : fc.oneof(valid(bodySchema), bodyWithOneWrongField(bodySchema), invalid(bodySchema))
      return fc.tuple(fc.tuple(...values), body).map(([chosen, bodyValue]) => {
        const draft: Draft = { path: {}, query: {}, body: bodyValue }
        for (const entry of chosen) if (entry) draft[entry[0].in][entry[0].name] = entry[1]
        return draft
      })
    })
}

function bodyWithOneWrongField(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {})
  if (keys.length === 0) return invalid(schema)
  return fc
    .tuple(valid(schema), fc.constantFrom(...keys))
    .chain(([body, key]) =>
      invalid(schema.properties?.[key] ?? {}).map((wrong) => ({ ...(body as object), [key]: wrong })),
    )
}

/** The version field of a PATCH is the record's current one when the request means to be valid. */
async function currentVersion(path: string): Promise<number | undefined> {
  const response = await t.app.inject(path)
  return response.statusCode === 200 ? response.json().version : undefined
}

/** A lone surrogate cannot go into a URL: it goes as U+FFFD, as a browser sends it. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/gu, '\ufffd')

function toInject(endpoint: Endpoint, draft: Draft): InjectOptions {
  let url = endpoint.path.replace(/\{(\w+)\}/g, (_, name) =>
    encodeURIComponent(wellFormed(draft.path[name] ?? '1')),
  )
  const query = new URLSearchParams(draft.query).toString()
  if (query) url += `?${query}`
  const options: InjectOptions = { method: endpoint.method as 'GET', url }
  if (endpoint.path.endsWith('/metabolites/import')) {
    options.headers = { 'content-type': 'text/csv' }
    options.payload = typeof draft.body === 'string' ? draft.body : '化合物名,比\nGABA,1.5\n'
  } else if (draft.body !== undefined) {
    options.headers = { 'content-type': 'application/json' }
    options.payload = JSON.stringify(draft.body)
  }
  return options
}

const validators = new Map<object, ReturnType<typeof ajv.compile>>()
function checkAnswer(endpoint: Endpoint, response: LightMyRequestResponse): string | undefined {
  const status = response.statusCode
  if (status >= 500) return `${status}: ${response.body.slice(0, 300)}`
  const declared = endpoint.operation.responses[String(status)]
  if (!declared) return `undeclared status ${status}: ${response.body.slice(0, 300)}`
  const type = String(response.headers['content-type'] ?? '')
  if (!type.includes('json')) return undefined
  if (LEAK.test(response.body)) return `leak: ${response.body.slice(0, 300)}`
  const schema = declared.content?.['application/json']?.schema
  if (!schema) return undefined
  const validate = validators.get(schema) ?? ajv.compile(schema)
  validators.set(schema, validate)
  if (!validate(response.json())) return `body does not match its schema: ${ajv.errorsText(validate.errors)}`
  return undefined
}

/** The admin's own account is left alone: a generated request disabling it would end the run's session. */
function sparesTheAdmin(endpoint: Endpoint, draft: Draft): boolean {
  return !(
    endpoint.path === '/api/users/{id}' &&
    endpoint.method !== 'GET' &&
    draft.path.id === String(t.admin.user?.id)
  )
}

describe(`generated requests for every operation on ${backend}`, () => {
  it(`${RUNS} per operation: no 5xx, no leak, answers as documented, refusals change nothing`, async () => {
    const started = performance.now()
    const before = await snapshotTables(t.database.db)
    // One line per operation and kind of failure (the first request showing it), so that a broken rule reads
    // as one finding, not two hundred.
    const failures = new Map<string, string>()
    let failed = 0
    const fail = (endpoint: Endpoint, label: string, problem: string) => {
      failed++
      const kind = `${endpoint.method} ${endpoint.path}: ${problem.replace(/\d+/g, 'N').slice(0, 60)}`
      if (!failures.has(kind))
        failures.set(kind, `${kind}\n    e.g. ${label}\n    → ${problem.slice(0, 300)}`)
    }
    const statuses = new Map<number, number>()
    let sent = 0
    let refusedWrites = 0
    for (const endpoint of endpoints) {
      // Signing out ends the session the run is signed in with; the documents describe themselves.
      if (endpoint.path === '/api/auth/sign-out' || endpoint.path.startsWith('/docs')) continue
      const drafts = fc.sample(
        requestFor(endpoint).filter((d) => sparesTheAdmin(endpoint, d)),
        {
          numRuns: RUNS,
          seed: Number(process.env.FUZZ_SEED ?? 20261129),
        },
      )
      for (const draft of drafts) {
        if (endpoint.method === 'PATCH' || endpoint.path.endsWith('/freeze')) {
          const body = draft.body as Record<string, unknown> | undefined
          if (
            body &&
            typeof body === 'object' &&
            typeof body.version === 'number' &&
            body.version % 2 === 0
          ) {
            const path = endpoint.path
              .replace('/freeze', '')
              .replace(/\{(\w+)\}/g, (_, n) => draft.path[n] ?? '1')
            body.version = (await currentVersion(path)) ?? body.version
          }
        }
        const request = toInject(endpoint, draft)
        const mark = endpoint.method === 'GET' ? undefined : await writeMark()
        const response = await t.app.inject(request)
        sent++
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
        const label = `${request.method} ${String(request.url).slice(0, 150)} ${String(request.payload ?? '').slice(0, 150)}`
        const problem = checkAnswer(endpoint, response)
        if (problem) fail(endpoint, label, problem)
        if (mark !== undefined && response.statusCode >= 400) {
          refusedWrites++
          if ((await writeMark()) !== mark) fail(endpoint, label, `refused ${response.statusCode} but wrote`)
        }
      }
    }
    const seconds = (performance.now() - started) / 1000
    console.info(
      `[${backend}] ${sent} generated requests over ${endpoints.length} operations in ${seconds.toFixed(1)} s; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${failed} failures`,
    )
    const count = (keep: (status: number) => boolean) =>
      [...statuses].filter(([status]) => keep(status)).reduce((n, [, c]) => n + c, 0)
    recordReliability({
      check: 'generated requests (OpenAPI)',
      backend,
      figures: { requests: sent, operations: endpoints.length, accepted: count((s) => s < 300) },
      failures: { '5xx': count((s) => s >= 500), 'other failures': failed - count((s) => s >= 500) },
    })
    expect([...failures.values()]).toEqual([])
    expect(sent).toBeGreaterThanOrEqual(RUNS * 60)
    // Valid requests went through too: the sweep is not only refusals.
    expect(count((s) => s < 300)).toBeGreaterThan(sent / 5)
    expect(refusedWrites).toBeGreaterThan(0)
    // Valid writes changed records; the sweep did run against the database it checked.
    expect(await snapshotTables(t.database.db)).not.toEqual(before)
  }, 600_000)
})
