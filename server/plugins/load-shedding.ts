import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** When the process is too busy to answer in time, it says so (503) at once rather than queueing. */
export interface LoadSheddingConfig {
  /** Mean event-loop delay over a sample above which requests are refused; 0 turns the check off. */
  maxEventLoopDelayMs: number
  /** Heap in use above which requests are refused; 0 turns the check off. */
  maxHeapUsedBytes: number
  /** How often the process measures itself. */
  sampleIntervalMs: number
}

/** Off: an app built without limits (tests, tools) sheds nothing; the entry point sets them from the config. */
export const DEFAULT_LOAD_SHEDDING: LoadSheddingConfig = {
  maxEventLoopDelayMs: 0,
  maxHeapUsedBytes: 0,
  sampleIntervalMs: 1000,
}

/** Seconds a refused client is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5

/**
 * `@fastify/under-pressure`: while the last sample was over a limit, every request answers 503 with
 * `Retry-After` and the API's error shape (see the errors plugin), costing next to nothing.
 */
export default fp<LoadSheddingConfig>(
  async (fastify: FastifyInstance, config) => {
    if (config.maxEventLoopDelayMs === 0 && config.maxHeapUsedBytes === 0) return
    await fastify.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.maxHeapUsedBytes,
      sampleInterval: config.sampleIntervalMs,
      retryAfter: RETRY_AFTER_SECONDS,
      message: 'The server is too busy to answer now; try again shortly',
    })
  },
  { name: 'load-shedding', dependencies: ['errors'] },
)
