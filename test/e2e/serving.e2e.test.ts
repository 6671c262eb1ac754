import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.ts'

// server/plugins/client.ts on the production build (the e2e global setup builds it).
describe('the built dashboard, served by the API server', () => {
  let test: Awaited<ReturnType<typeof createTestApp>>
  beforeAll(async () => {
    test = await createTestApp()
  })
  afterAll(() => test.close())

  const get = (url: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
    test.app.inject({ method: 'GET', url, headers: { accept } })
  const script = readdirSync('client/dist/assets').find((name) => name.endsWith('.js'))

  it('serves index.html for the dashboard’s own routes, revalidated on every visit', async () => {
    for (const url of ['/', '/projects?fyFrom=2014&fyTo=2014', '/outcomes', '/no/such/page']) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type']).toContain('text/html')
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(response.body).toContain('<div id="app"></div>')
    }
  })

  it('serves the hashed assets for good', async () => {
    const response = await get(`/assets/${script}`, '*/*')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('javascript')
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
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
