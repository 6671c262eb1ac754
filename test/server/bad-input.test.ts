import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.ts'
import { snapshotTables } from '../helpers/snapshot.ts'

// Every operation of the OpenAPI document, sent values of the wrong shape in each place: nothing may answer
// 5xx, leak internals, or change the database. (The full generative run is the reliability issue's.)

let t: Awaited<ReturnType<typeof createTestApp>>
let operations: { method: string; path: string; operation: OpenApiOperation }[]

interface OpenApiOperation {
  parameters?: { name: string; in: string }[]
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const document = (await t.app.inject('/docs/json')).json()
  operations = Object.entries<Record<string, OpenApiOperation>>(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  )
})
afterAll(() => t.close())

const badIds = ['0', '-1', 'abc', '1.5', '99999999999999999999', '%2e%2e%2f', '__proto__', '%00', "1'--"]
const badValues: unknown[] = [
  '',
  'x'.repeat(5000),
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  true,
  null,
  [],
  {},
  { __proto__: { admin: true } },
  '\u0000',
  "'; drop table projects; --",
  '2017-02-30',
]

const LEAK = /node_modules|at .*\.ts:\d+|\bselect\b.*\bfrom\b|\binsert into\b|syntax error|stack/i

function requestsFor(method: string, path: string, operation: OpenApiOperation): InjectOptions[] {
  const hasId = path.includes('{id}')
  const withId = (id: string) => path.replace('{id}', id)
  const requests: InjectOptions[] = []
  if (hasId) for (const id of badIds) requests.push({ method: method as 'GET', url: withId(id) })
  const url = withId('1')
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'query') continue
    for (const value of ['', '-1', 'abc', '1e309', 'x'.repeat(3000), '__proto__', '%', '[]']) {
      requests.push({ method: method as 'GET', url: `${url}?${parameter.name}=${encodeURIComponent(value)}` })
    }
  }
  if (method !== 'GET' && method !== 'DELETE') {
    const properties = Object.keys(
      operation.requestBody?.content?.['application/json']?.schema?.properties ?? {},
    )
    for (const body of [
      undefined,
      'not json',
      [],
      null,
      42,
      { __proto__: null, constructor: { prototype: 1 } },
    ]) {
      requests.push({
        method: method as 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
      })
    }
    for (const property of properties) {
      for (const value of badValues)
        requests.push({ method: method as 'POST', url, body: { [property]: value } })
    }
    requests.push({
      method: method as 'POST',
      url,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    })
    requests.push({
      method: method as 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    })
  }
  return requests
}

describe('bad input on every operation', () => {
  it('never answers 5xx or leaks internals, and changes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    let sent = 0
    const failures: string[] = []
    for (const { method, path, operation } of operations) {
      // Sign-out reads no input, and would end the session the sweep runs in.
      if (path.startsWith('/docs') || path === '/api/auth/sign-out') continue
      for (const request of requestsFor(method, path, operation)) {
        const response = await t.app.inject(request)
        sent++
        const label = `${request.method} ${request.url} ${String(request.payload ?? JSON.stringify(request.body) ?? '').slice(0, 80)}`
        if (response.statusCode >= 500 && !path.endsWith('/ready'))
          failures.push(`${response.statusCode} ${label}`)
        if (response.statusCode < 400 && method !== 'GET')
          failures.push(`accepted ${response.statusCode} ${label}`)
        if (LEAK.test(response.body) && !path.endsWith('.csv'))
          failures.push(`leak ${label}: ${response.body.slice(0, 200)}`)
      }
    }
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(100)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  }, 120_000)
})
