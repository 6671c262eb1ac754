import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { visibilityClass } from '../auth/visibility.ts'
import { coalesce } from '../cache/coalesce.ts'
import { LruMap } from '../cache/lru.ts'
import { type DataVersion, dataVersionReader } from '../repositories/data-version-repository.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * true: the route's answers are kept, per viewer class, until the records change or the date in Japan
     * does. Only for a GET whose answer depends on the viewer through the visibility rule alone.
     */
    cache?: boolean
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
  body: Buffer
}

/** An answer being computed; requests for the same answer wait for it instead of computing it again. */
interface Job {
  key: string
  stamp: Stamp
  done: Promise<Buffer | undefined>
  finish(body: Buffer | undefined): void
}

const JSON_TYPE = 'application/json; charset=utf-8'

const older = (a: Stamp, than: Stamp) =>
  a.version < than.version || (a.version === than.version && a.today < than.today)

const stamped = ({ version, today }: DataVersion): Stamp => ({ version: BigInt(version), today })

/** The same object whatever order its keys came in. */
const canonical = (value: unknown) =>
  JSON.stringify(Object.entries(value ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** What an answer depends on: the route, its parameters and query after validation, the viewer's class. */
const keyOf = (request: FastifyRequest) =>
  `${request.routeOptions.url} ${canonical(request.params)} ${canonical(request.query)} ${visibilityClass(request.viewer)}`

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
 */
export default fp<ResponseCacheConfig>(
  async (fastify: FastifyInstance, config) => {
    const kept = new LruMap<string, Stored>({
      maxEntries: config.maxEntries,
      maxSize: config.maxBytes,
      sizeOf: (stored) => stored.body.length,
    })
    const computing = new Map<string, Job>()
    const jobs = new WeakMap<FastifyRequest, Job>()
    const currentVersion = coalesce(dataVersionReader(fastify.db))

    const startJob = (key: string, stamp: Stamp): Job => {
      let finish: Job['finish'] = () => {}
      const done = new Promise<Buffer | undefined>((resolve) => {
        finish = resolve
      })
      const job: Job = {
        key,
        stamp,
        done,
        finish(body) {
          if (computing.get(key) === job) computing.delete(key)
          finish(body)
        },
      }
      computing.set(key, job)
      return job
    }

    fastify.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.config.cache !== true || request.method !== 'GET') return
      const stamp = stamped(await currentVersion())
      const key = keyOf(request)
      // An answer stamped later than this request's read is newer still: it serves as well.
      const hit = kept.get(key)
      if (hit && !older(hit, stamp)) return reply.type(JSON_TYPE).send(hit.body)
      const running = computing.get(key)
      if (running && !older(running.stamp, stamp)) {
        const body = await running.done
        if (body) return reply.type(JSON_TYPE).send(body)
      }
      jobs.set(request, startJob(key, stamp))
    })

    const settle = (request: FastifyRequest, body: Buffer | undefined) => {
      const job = jobs.get(request)
      if (!job) return
      jobs.delete(request)
      if (body) {
        const previous = kept.get(job.key)
        if (!previous || older(previous, job.stamp)) kept.set(job.key, { ...job.stamp, body })
      }
      job.finish(body)
    }

    // Callbacks rather than async functions: these run for every request, cached route or not.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (!jobs.has(request)) return done(null, payload)
      // Only whole answers: errors and 404s are computed again, they cost little.
      const body = reply.statusCode === 200 && typeof payload === 'string' ? Buffer.from(payload) : undefined
      settle(request, body)
      done(null, body ?? payload)
    })
    // A request that ended without an answer must not keep the ones waiting for it waiting.
    fastify.addHook('onResponse', (request, _reply, done) => {
      settle(request, undefined)
      done()
    })
  },
  { name: 'response-cache', dependencies: ['database', 'auth'] },
)
