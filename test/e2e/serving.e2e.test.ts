import { readdirSync, statSync } from 'node:fs'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureBundle } from '../../bench/bundle.ts'
import { createTestApp } from '../helpers/app.ts'

// server/plugins/client.ts on the production build (the e2e global setup builds it).
describe('the built dashboard, served by the API server', () => {
  let test: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    test = await createTestApp()
  })
  afterAll(() => test.close())

  const get = (url: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8', encoding?: string) =>
    test.app.inject({
      method: 'GET',
      url,
      headers: { accept, ...(encoding && { 'accept-encoding': encoding }) },
    })
  const script = readdirSync('client/dist/assets').find((name) => name.endsWith('.js'))
  // The largest script: ECharts.
  const largest = readdirSync('client/dist/assets')
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => statSync(`client/dist/assets/${b}`).size - statSync(`client/dist/assets/${a}`).size)[0]

  it('serves the dashboard’s pages, the overview rendered, revalidated on every visit and never shared', async () => {
    for (const url of ['/', '/projects?fyFrom=2014&fyTo=2014', '/outcomes', '/no/such/page']) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type']).toContain('text/html')
      expect(response.headers['cache-control']).toBe('private, no-cache')
      if (url === '/') expect(response.body).toContain('<script type="application/json" id="rendered-state">')
      else expect(response.body).toContain('<div id="app"><!--app-html--></div>')
    }
  })

  it('loads neither ECharts nor pptxgenjs first: the first load stays within 250 KB gzipped', () => {
    const { initialJsGzipKb, chunks } = measureBundle()
    const initial = chunks.filter((chunk) => chunk.initial).map((chunk) => chunk.file)
    expect(initial.some((file) => file.startsWith('index-'))).toBe(true)
    expect(initial.filter((file) => /echarts|pptxgenjs/.test(file))).toEqual([])
    expect(chunks.map((chunk) => chunk.file).filter((file) => /echarts|pptxgenjs/.test(file))).toHaveLength(2)
    expect(initialJsGzipKb).toBeLessThanOrEqual(250)
  })

  it('serves the hashed assets for good', async () => {
    const response = await get(`/assets/${script}`, '*/*')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('javascript')
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('sends the files as the build compressed them, to a browser that accepts it', async () => {
    const plain = await get(`/assets/${largest}`, '*/*')
    expect(plain.headers['content-encoding']).toBeUndefined()
    for (const [accepted, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const response = await get(`/assets/${largest}`, '*/*', accepted)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding'], accepted).toBe(encoding)
      expect(response.headers.vary).toContain('accept-encoding')
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2)
      expect(decode(response.rawPayload).equals(plain.rawPayload)).toBe(true)
    }
    const page = await get('/', undefined, 'gzip')
    expect(page.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(page.rawPayload).toString()).toContain('id="rendered-state"')
  })

  it('keeps the JSON 404 for unknown API paths, missing assets and non-HTML requests', async () => {
    for (const [url, accept] of [
      ['/api/nope', undefined],
      ['/api', undefined],
      ['/docs/nope', undefined],
      ['/assets/missing.js', '*/*'],
      ['/projects', 'application/json'],
    ] as const) {
      const response = await get(url, accept)
      expect(response.statusCode, url).toBe(404)
      expect(response.json(), url).toMatchObject({ statusCode: 404, error: 'Not Found' })
    }
  })

  it('never serves a file from outside the build', async () => {
    for (const url of [
      '/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await get(url, '*/*')
      expect(response.statusCode, url).toBe(404)
      expect(response.body).not.toContain('"dependencies"')
    }
  })

  it('leaves the API as it was', async () => {
    expect((await get('/api/health', 'application/json')).json()).toEqual({ status: 'ok' })
  })
})
