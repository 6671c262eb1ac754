import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { renderedPages } from '../pages/rendered-pages.ts'

// The built dashboard (`npm run build` → client/dist, and client/dist-server for the pages rendered on the
// server). Hashed assets are cached for good; pages are revalidated so that a new build is picked up at once,
// even by a server that keeps running. Files are sent as the build compressed them (.br, .gz beside each)
// when the browser accepts it.
const DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url))
const DIST_SERVER = fileURLToPath(new URL('../../client/dist-server/', import.meta.url))
const INDEX = 'index.html'

// Paths that are never a dashboard page: their unknown URLs keep answering the API's JSON 404 (a missing
// asset too, rather than HTML where a script was expected).
const isServerPath = (path: string) => /^\/(api|docs|assets)(\/|$)/.test(path)
const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html')

async function builtFile(path: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return undefined
  }
  const file = resolve(DIST, `.${decoded}`)
  if (!file.startsWith(DIST)) return undefined
  const relative = file.slice(DIST.length)
  if (relative.split(sep).some((part) => part.startsWith('.'))) return undefined
  const found = await stat(file).catch(() => undefined)
  return found?.isFile() ? relative : undefined
}

/** Serves the dashboard's files, and its pages: rendered on the server where their route says so. */
export default async function client(fastify: FastifyInstance) {
  if (!existsSync(`${DIST}${INDEX}`)) {
    fastify.log.warn(
      `The dashboard is not built (no ${DIST}${INDEX}); run \`npm run build\`. Serving the API only.`,
    )
  }

  await fastify.register(fastifyStatic, { root: DIST, serve: false, preCompressed: true })
  const pages = renderedPages(fastify, { dist: DIST, distServer: DIST_SERVER })

  // The page rendered on the server, or the built page for the browser to draw it in.
  async function sendPage(request: FastifyRequest, reply: FastifyReply) {
    if (!existsSync(`${DIST}${INDEX}`)) return reply.callNotFound()
    // Each visitor's own: their language, their rights. Never kept by a shared cache.
    reply.header('cache-control', 'private, no-cache')
    const html = await pages.render(request)
    if (html !== undefined) return reply.type('text/html; charset=utf-8').send(html)
    return reply.sendFile(INDEX, { cacheControl: false })
  }

  // The overview: rendered per viewer class, language and build, and kept like the API's answers it shows.
  fastify.get(
    '/',
    { schema: { hide: true }, config: { viewer: true, cache: { variant: pages.variant } } },
    sendPage,
  )

  fastify.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const file = await builtFile(path)
    if (file) {
      reply.header(
        'cache-control',
        file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
      return reply.sendFile(file, { cacheControl: false })
    }
    if (isServerPath(path) || !wantsHtml(request)) return reply.callNotFound()
    return sendPage(request, reply)
  })
}
