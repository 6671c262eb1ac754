import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { createTestDatabase } from '../helpers/database.ts'

describe('health and readiness', async () => {
  const database = await createTestDatabase()
  const app = await buildApp({ db: database.db })
  afterAll(async () => {
    await app.close()
  })

  it('says the process is up', async () => {
    const response = await app.inject('/api/health')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })

  it('is ready while the database answers, and 503 once it does not', async () => {
    expect((await app.inject('/api/ready')).statusCode).toBe(200)
    await database.close()
    const response = await app.inject('/api/ready')
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ status: 'database unavailable' })
  })
})
