import autocannon from 'autocannon'

export interface HttpResult {
  name: string
  path: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

/**
 * What the dashboard's requests carry that changes the answer: every browser accepts compressed answers
 * (Chromium sends `br` and `zstd` only over HTTPS, `gzip, deflate` always).
 */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' }

/** autocannon against one URL, with a browser's headers: `connections` at once, no pipelining, for `seconds`. */
export async function measure(
  name: string,
  baseUrl: string,
  path: string,
  options: { connections: number; seconds: number },
): Promise<HttpResult> {
  const result = await autocannon({
    url: `${baseUrl}${path}`,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    headers: BROWSER_HEADERS,
  })
  return {
    name,
    path,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

export interface Target {
  name: string
  baseUrl: string
  path: string
}

export interface Paired {
  yardstick: HttpResult
  result: HttpResult
  /** The endpoint's requests/s over the yardstick's, the median of the slices' shares. */
  share: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/** Slices of one endpoint's or one yardstick's measurement, as one: rates averaged, the worst p99 kept. */
function combined(slices: HttpResult[]): HttpResult {
  const [first] = slices
  if (!first) throw new Error('no slice measured')
  return {
    name: first.name,
    path: first.path,
    requestsPerSecond: Math.round(slices.reduce((sum, s) => sum + s.requestsPerSecond, 0) / slices.length),
    p50Ms: median(slices.map((s) => s.p50Ms)),
    p99Ms: Math.max(...slices.map((s) => s.p99Ms)),
    non2xx: slices.reduce((sum, s) => sum + s.non2xx, 0),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
  }
}

/**
 * An endpoint against its yardstick, in alternating slices (yardstick, endpoint, yardstick, …) of
 * `seconds / slices` each: the machine's speed drifts within seconds (the bare route measured 35,000 and
 * 54,000 req/s a few seconds apart), and alternating cancels what a drift would do to one long measurement
 * of each. Both are warmed up first (plans, pools, JIT).
 */
export async function measurePair(
  yardstick: Target,
  endpoint: Target,
  options: { connections: number; seconds: number; slices: number },
): Promise<Paired> {
  const slice = { connections: options.connections, seconds: options.seconds / options.slices }
  for (const target of [yardstick, endpoint])
    await measure(target.name, target.baseUrl, target.path, { connections: 10, seconds: 1 })
  const references: HttpResult[] = []
  const results: HttpResult[] = []
  for (let i = 0; i < options.slices; i++) {
    references.push(await measure(yardstick.name, yardstick.baseUrl, yardstick.path, slice))
    results.push(await measure(endpoint.name, endpoint.baseUrl, endpoint.path, slice))
  }
  const shares = results.map((r, i) => r.requestsPerSecond / (references[i]?.requestsPerSecond ?? 1))
  return { yardstick: combined(references), result: combined(results), share: median(shares) }
}
