import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../server/app.ts'
import { createTestApp, type TestApp } from '../../helpers/app.ts'

// Load shedding on event-loop delay: a loop held longer than the limit refuses requests (503) until it
// recovers; a loop held for longer than a sample but well under the limit refuses nothing (under-pressure's
// own check took such a sample as an infinite delay).

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const hold = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function appWith(maxEventLoopDelayMs: number) {
  const app = await buildApp({
    db: t.database.db,
    loadShedding: { maxEventLoopDelayMs, sampleIntervalMs: 50 },
  })
  await app.ready()
  return app
}

describe('load shedding on event-loop delay', () => {
  it('refuses while the loop lags past the limit, and serves again once it does not', async () => {
    const app = await appWith(50)
    try {
      expect((await app.inject('/api/health')).statusCode).toBe(200)
      hold(500)
      // The next samples see the held loop: some request within them is refused.
      const statuses: number[] = []
      let refused: Awaited<ReturnType<typeof app.inject>> | undefined
      for (let i = 0; i < 30 && !refused; i++) {
        const response = await app.inject('/api/health')
        statuses.push(response.statusCode)
        if (response.statusCode === 503) refused = response
        else await pause(10)
      }
      expect(refused?.headers['retry-after'], statuses.join(' ')).toBe('5')
      await pause(300)
      expect((await app.inject('/api/health')).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('refuses nothing for a step longer than a sample but far under the limit', async () => {
    const app = await appWith(5_000)
    try {
      for (let i = 0; i < 5; i++) {
        hold(200)
        await pause(60)
        expect((await app.inject('/api/health')).statusCode).toBe(200)
      }
    } finally {
      await app.close()
    }
  })
})
