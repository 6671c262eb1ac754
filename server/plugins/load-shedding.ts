import { monitorEventLoopDelay } from 'node:perf_hooks'
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

/** Resolution of the event-loop delay histogram, in ms. */
const RESOLUTION_MS = 10

/**
 * The event loop's mean delay over each sample. @fastify/under-pressure's own check takes a sample with no
 * histogram entry as an infinite delay, so after one long synchronous step (an embedded-database query on a
 * starved machine) it refused every request for the next sample whatever the limit — seen as 503s under a
 * 60-second limit in test/reliability/soak.test.ts. Here such a sample counts as long as the sampler was late.
 * The health check takes the sample itself: a timer of its own raced under-pressure's, and a lagging sample
 * could be replaced by the next before the check read it.
 */
function loopDelayMonitor(sampleIntervalMs: number) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  let sampledAt = performance.now()
  return {
    /** The mean delay since the last sample; starts the next one. */
    sample: () => {
      const now = performance.now()
      const mean = histogram.mean / 1e6 - RESOLUTION_MS
      const delay = Math.max(0, Number.isNaN(mean) ? now - sampledAt - sampleIntervalMs : mean)
      sampledAt = now
      histogram.reset()
      return delay
    },
    stop: () => histogram.disable(),
  }
}

/**
 * `@fastify/under-pressure`: while the last sample was over a limit, every request answers 503 with
 * `Retry-After` and the API's error shape (see the errors plugin), costing next to nothing.
 */
export default fp<LoadSheddingConfig>(
  async (fastify: FastifyInstance, config) => {
    if (config.maxEventLoopDelayMs === 0 && config.maxHeapUsedBytes === 0) return
    const monitor = config.maxEventLoopDelayMs > 0 ? loopDelayMonitor(config.sampleIntervalMs) : undefined
    if (monitor) fastify.addHook('onClose', async () => monitor.stop())
    await fastify.register(underPressure, {
      maxHeapUsedBytes: config.maxHeapUsedBytes,
      sampleInterval: config.sampleIntervalMs,
      ...(monitor && {
        healthCheck: async () => monitor.sample() <= config.maxEventLoopDelayMs,
        healthCheckInterval: config.sampleIntervalMs,
      }),
      retryAfter: RETRY_AFTER_SECONDS,
      message: 'The server is too busy to answer now; try again shortly',
    })
  },
  { name: 'load-shedding', dependencies: ['errors'] },
)
