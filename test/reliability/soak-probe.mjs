// Loaded into the server under soak (`node --expose-gc --import ./test/reliability/soak-probe.mjs …`): once a
// second, one `SOAK-PROBE {json}` line on stdout for test/reliability/soak.test.ts: the live heap after a
// full collection, the RSS, and the event loop's delay p99 since the soak began. SIGWINCH marks the start, so
// that the start-up's own work is not counted (the server ends gracefully on SIGUSR2, so not that one).
import { monitorEventLoopDelay } from 'node:perf_hooks'

const delay = monitorEventLoopDelay({ resolution: 10 })
delay.enable()
process.on('SIGWINCH', () => delay.reset())
setInterval(() => {
  const p99 = delay.percentile(99) / 1e6
  const max = delay.max / 1e6
  globalThis.gc?.()
  const { heapUsed, rss } = process.memoryUsage()
  process.stdout.write(`SOAK-PROBE ${JSON.stringify({ heapUsed, rss, p99, max })}\n`)
}, 1000).unref()
