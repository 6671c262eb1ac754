import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * The CSP is the one the dashboard and /docs run under: scripts from this origin only (the Vite build has
 * no inline script, ECharts needs no eval); inline styles are allowed because ECharts writes its tooltips
 * as HTML with style attributes. `hsts` only where the site is HTTPS.
 */
const helmetOptions = (hsts: boolean): FastifyHelmetOptions => ({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
})

/** Headers every answer has of its own, whatever helmet says. */
const OWN_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive'])

/**
 * The headers helmet sets, read once from an answer of a throwaway instance: @fastify/helmet builds helmet's
 * middleware again on every request (parsing the CSP each time: a sixth of the time of an answer served
 * from the response cache), and the headers are the same for every answer.
 */
async function helmetHeaders(hsts: boolean): Promise<Record<string, string>> {
  const probe = Fastify()
  await probe.register(helmet, helmetOptions(hsts))
  probe.get('/', async () => 'ok')
  try {
    const { headers } = await probe.inject('/')
    return Object.fromEntries(
      Object.entries(headers)
        .filter(([name]) => !OWN_HEADERS.has(name))
        .map(([name, value]) => [name, String(value)]),
    )
  } finally {
    await probe.close()
  }
}

/** Security headers on every answer. */
export default fp<{ hsts: boolean }>(
  async (fastify: FastifyInstance, { hsts }) => {
    const headers = await helmetHeaders(hsts)
    fastify.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers)
      done()
    })
  },
  { name: 'security' },
)
