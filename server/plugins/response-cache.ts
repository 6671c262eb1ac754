import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import Negotiator from 'negotiator'
import { visibilityClass } from '../auth/visibility.ts'
import { coalesce } from '../cache/coalesce.ts'
import { LruMap } from '../cache/lru.ts'
import { type DataVersion, dataVersionReader } from '../repositories/data-version-repository.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's answers are kept, per viewer class, until the records change or the date in Japan does.
     * Only for a GET whose answer depends on the viewer through the visibility rule alone, and otherwise on
     * its URL alone, or on what `variant` reads of the request besides (a page's language).
     */
    cache?: boolean | { variant: (request: FastifyRequest) => string }
  }
}

export interface ResponseCacheConfig {
  /** Answers kept at most. */
  maxEntries: number
  /** Bytes of answers kept at most. */
  maxBytes: number
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheConfig = { maxEntries: 2000, maxBytes: 64 * 2 ** 20 }

interface Stamp {
  version: bigint
  today: string
}

interface Stored extends Stamp {
  /** The answer's Content-Type: JSON, an image (server/charts/chart-images.ts) or a page. */
  type: string
  /** What the route said of the answer's caching by the browser, if anything. */
  cacheControl: string | undefined
  body: Buffer
  /** The body gzipped, for clients that accept it; none for short answers. */
  gzipped: Buffer | undefined
}

/** An answer being computed; requests for the same answer wait for it instead of computing it again. */
interface Job {
  key: string
  stamp: Stamp
  done: Promise<Stored | undefined>
  finish(stored: Stored | undefined): void
}

/** Shorter answers are not gzipped: under about one network packet, it saves nothing. */
const GZIP_FROM_BYTES = 1024

const gzipped = promisify(gzip)

/** Accept-Encoding headers seen, and whether each accepts gzip: browsers send a handful of spellings. */
const gzipAccepted = new Map<string, boolean>()
const MAX_HEADERS_REMEMBERED = 64

function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding']
  if (!header) return false
  let accepts = gzipAccepted.get(header)
  if (accepts === undefined) {
    accepts =
      new Negotiator({ headers: { 'accept-encoding': header } }).encoding(['gzip', 'identity']) === 'gzip'
    if (gzipAccepted.size < MAX_HEADERS_REMEMBERED) gzipAccepted.set(header, accepts)
  }
  return accepts
}

/** The kept answer, gzipped if the client accepts it; caches between must tell the two apart. */
function sendKept(request: FastifyRequest, reply: FastifyReply, stored: Stored) {
  reply.type(stored.type).header('vary', 'accept-encoding')
  if (stored.cacheControl) reply.header('cache-control', stored.cacheControl)
  if (stored.gzipped && acceptsGzip(request))
    return reply.header('content-encoding', 'gzip').send(stored.gzipped)
  return reply.send(stored.body)
}

const older = (a: Stamp, than: Stamp) =>
  a.version < than.version || (a.version === than.version && a.today < than.today)

const stamped = ({ version, today }: DataVersion): Stamp => ({ version: BigInt(version), today })

/**
 * What an answer depends on: the request's URL as sent (path and query string), the viewer's class, and the
 * route's variant if it has one. Two spellings of one query are kept apart, which costs memory, never
 * correctness; the dashboard builds each query the same way.
 */
function keyOf(request: FastifyRequest, cache: FastifyContextConfig['cache']): string {
  const variant = typeof cache === 'object' ? ` ${cache.variant(request)}` : ''
  return `${visibilityClass(request.viewer)}${variant} ${request.url}`
}

/**
 * Answers kept in memory and shared across requests, correct with any number of app instances on one
 * database: every write to a record table moves the database's data version on in the writing transaction
 * (db/migrations/2026-11-29-02-performance.ts), and a kept answer is served only while the version and the
 * date in Japan (embargoes end at midnight there) are still those it was computed under.
 *
 * Each request reads the version once, sharing the read with the requests around it, but always a read
 * that started after it arrived (../cache/coalesce.ts): a write committed before a request arrives is in
 * its answer, whichever instance made the write. Concurrent requests for an answer not kept yet wait for
 * the one computing it.
 *
 * A kept answer is sent as soon as the viewer is known and the policy has let the request through (the
 * plugins registered before this one), without validation or handler; answers of 1 KB or more are kept
 * gzipped too, compressed once, for the clients that accept it (every browser does).
 */
export default fp<ResponseCacheConfig>(
  async (fastify: FastifyInstance, config) => {
    const kept = new LruMap<string, Stored>({
      maxEntries: config.maxEntries,
      maxSize: config.maxBytes,
      sizeOf: (stored) => stored.body.length + (stored.gzipped?.length ?? 0),
    })
    const computing = new Map<string, Job>()
    const jobs = new WeakMap<FastifyRequest, Job>()
    const read = dataVersionReader(fastify.db)
    const currentStamp = coalesce(async () => stamped(await read()))

    const startJob = (key: string, stamp: Stamp): Job => {
      let finish: Job['finish'] = () => {}
      const done = new Promise<Stored | undefined>((resolve) => {
        finish = resolve
      })
      const job: Job = {
        key,
        stamp,
        done,
        finish(stored) {
          if (computing.get(key) === job) computing.delete(key)
          finish(stored)
        },
      }
      computing.set(key, job)
      return job
    }

    // As early as the viewer and the policy are known: a kept answer skips validation and the handler.
    fastify.addHook('onRequest', async (request, reply) => {
      const cache = request.routeOptions.config?.cache
      if (request.method !== 'GET' || !cache) return
      const stamp = await currentStamp()
      const key = keyOf(request, cache)
      // An answer stamped later than this request's read is newer still: it serves as well.
      const hit = kept.get(key)
      if (hit && !older(hit, stamp)) return sendKept(request, reply, hit)
      const running = computing.get(key)
      if (running && !older(running.stamp, stamp)) {
        const stored = await running.done
        if (stored) return sendKept(request, reply, stored)
      }
      jobs.set(request, startJob(key, stamp))
    })

    /** Keeps a computed answer (unless a newer one is kept already) and hands it to the requests waiting. */
    const keep = async (job: Job, reply: FastifyReply, body: Buffer): Promise<Stored> => {
      const cacheControl = reply.getHeader('cache-control')
      const stored: Stored = {
        ...job.stamp,
        type: String(reply.getHeader('content-type')),
        cacheControl: cacheControl === undefined ? undefined : String(cacheControl),
        body,
        gzipped: body.length >= GZIP_FROM_BYTES ? await gzipped(body) : undefined,
      }
      const previous = kept.get(job.key)
      if (!previous || older(previous, job.stamp)) kept.set(job.key, stored)
      job.finish(stored)
      return stored
    }

    // Callbacks rather than async functions: these run for every request, cached route or not.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const job = jobs.get(request)
      if (!job) return done(null, payload)
      jobs.delete(request)
      // Only whole answers: errors and 404s are computed again, they cost little.
      if (reply.statusCode !== 200 || typeof payload !== 'string') {
        job.finish(undefined)
        return done(null, payload)
      }
      keep(job, reply, Buffer.from(payload)).then(
        (stored) => {
          reply.header('vary', 'accept-encoding')
          if (stored.gzipped && acceptsGzip(request)) {
            reply.header('content-encoding', 'gzip')
            done(null, stored.gzipped)
          } else done(null, stored.body)
        },
        (error: Error) => {
          job.finish(undefined)
          done(error)
        },
      )
    })
    // A request that ended without an answer must not keep the ones waiting for it waiting.
    fastify.addHook('onResponse', (request, _reply, done) => {
      jobs.get(request)?.finish(undefined)
      jobs.delete(request)
      done()
    })
  },
  { name: 'response-cache', dependencies: ['database', 'auth'] },
)
