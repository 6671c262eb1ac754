import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.ts'

let t: Awaited<ReturnType<typeof createTestApp>>

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await t.app.inject('/docs/json')
    expect(response.statusCode).toBe(200)
    const document = response.json()
    const result = await new Validator().validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(document.openapi).toMatch(/^3\./)
  })

  it('documents every API route with its responses', async () => {
    const document = (await t.app.inject('/docs/json')).json()
    const paths = Object.keys(document.paths)
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/ready', '/api/organizations', '/api/organizations/{id}']),
    )
    for (const [path, operations] of Object.entries<Record<string, { responses?: object }>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).not.toHaveLength(0)
      }
    }
  })

  it('serves the interactive documentation at /docs', async () => {
    const response = await t.app.inject('/docs/')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })
})
