import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Security headers on every answer. The CSP is the one the dashboard and /docs run under: scripts from this
 * origin only (the Vite build has no inline script, ECharts needs no eval); inline styles are allowed
 * because ECharts writes its tooltips as HTML with style attributes. `hsts` only where the site is HTTPS.
 */
export default fp<{ hsts: boolean }>(
  async (fastify: FastifyInstance, { hsts }) => {
    await fastify.register(helmet, {
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
  },
  { name: 'security' },
)
