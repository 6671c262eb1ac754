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
