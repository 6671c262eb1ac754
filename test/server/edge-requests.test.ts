import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { createTestApp } from '../helpers/app.ts'
import { snapshotTables } from '../helpers/snapshot.ts'

// The hand-written part of the bad-input set: what generated requests do not reach (sizes, encodings,
// content types, paths), and overload. Each answer has the API's error shape and no internals.

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
})
afterAll(() => t.close())

const LEAK = /node_modules|at .*\.ts:\d+|\bselect\b.*\bfrom\b|syntax error|\/work\/|stack/i

function expectErrorShape(response: { statusCode: number; body: string; json(): unknown }, status: number) {
  expect(response.statusCode, response.body).toBe(status)
  expect(response.body).not.toMatch(LEAK)
  expect(response.json()).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
  })
}

const event = { kind: 'seminar', titleJa: '境界値の報告会', heldOn: '2017-02-01' }

describe('requests no schema can describe', () => {
  it('refuses a body over 1 MiB with 413, and writes nothing', async () => {
    const before = await snapshotTables(t.database.db)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...event, venue: 'x'.repeat(1024 * 1024) }),
    })
    expectErrorShape(response, 413)
    expect(await snapshotTables(t.database.db)).toEqual(before)
  })

  it('refuses a content type it does not read with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'content-type': type },
        payload: 'kind=seminar',
      })
      expectErrorShape(response, 415)
    }
  })

  it('refuses broken JSON and invalid UTF-8 with 400', async () => {
    for (const payload of ['{"kind": "seminar",', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expectErrorShape(response, 400)
    }
  })

  it('refuses __proto__ and constructor keys without polluting any prototype', async () => {
    for (const payload of [
      `{"kind":"seminar","titleJa":"汚染","heldOn":"2017-02-01","__proto__":{"polluted":true}}`,
      `{"kind":"seminar","titleJa":"汚染","heldOn":"2017-02-01","constructor":{"prototype":{"polluted":true}}}`,
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expectErrorShape(response, 400)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    }
    expect((await t.app.inject(`/api/events?q=${encodeURIComponent('汚染')}`)).json().total).toBe(0)
  })

  it('answers a literal :id, a huge number and an unlisted sort with 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/projects/:id', 'params.id'],
      ['/api/projects/1e400', 'params.id'],
      ['/api/projects?limit=1e400', 'querystring.limit'],
      ['/api/projects?offset=99999999999999999999999', 'querystring.offset'],
      ['/api/projects?sort=password', 'querystring.sort'],
      ['/api/projects?sort=-id;drop%20table%20projects', 'querystring.sort'],
    ] as const) {
      const response = await t.app.inject(url)
      expectErrorShape(response, 400)
      expect(
        response.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field)
    }
  })

  it('never serves a file outside the dashboard for an encoded ../', async () => {
    for (const url of [
      '/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%2e%2e%2f%2e%2e%2fserver%2fconfig.ts',
      '/api/..%2fpackage.json',
    ]) {
      const response = await t.app.inject(url)
      expect(response.statusCode, url).toBeLessThan(500)
      expect(response.body, url).not.toContain('"metabolome-dashboard"')
      expect(response.body, url).not.toContain('SESSION_SECRET')
    }
  })
})

describe('overload', () => {
  it('answers 503 with Retry-After at once while the process is over a limit', async () => {
    // Any heap is over one byte: the first sample puts this instance under pressure for good.
    const app = await buildApp({
      db: t.database.db,
      loadShedding: { maxHeapUsedBytes: 1, sampleIntervalMs: 10 },
    })
    try {
      await app.ready()
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = performance.now()
      const response = await app.inject('/api/projects')
      const elapsed = performance.now() - started
      expectErrorShape(response, 503)
      expect(response.headers['retry-after']).toBe('5')
      expect(elapsed).toBeLessThan(100)
    } finally {
      await app.close()
    }
    // The default limits leave a normal process alone.
    expect((await t.app.inject('/api/projects')).statusCode).toBe(200)
  })
})
