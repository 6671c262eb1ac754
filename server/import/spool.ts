import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'

// An uploaded file, streamed to a temporary file as it arrives. Memory holds one chunk at a time, and the
// database is not held while a slow client uploads: the import reads the file at disk speed afterwards,
// inside one short transaction (on the embedded database, a transaction holds its only connection).

/** Over the route's limit: 413, the rest of the upload left unread. */
export class PayloadTooLargeError extends Error {
  readonly statusCode = 413
  constructor(limit: number) {
    super(`The file is larger than ${Math.round(limit / 1024 / 1024)} MiB, the most an import reads`)
  }
}

export interface Spool {
  size: number
  /** The first `bytes` bytes (fewer for a smaller file). */
  head(bytes: number): Promise<Buffer>
  /** The whole file, from its start. */
  open(): Readable
  remove(): Promise<void>
}

/**
 * Writes `body` to a new temporary file, refusing it past `limit` bytes. The body is not destroyed when
 * refused, so that the 413 can still be sent (Fastify closes the connection after it).
 */
export async function spoolToFile(body: Readable, limit: number, declaredLength?: number): Promise<Spool> {
  if (declaredLength !== undefined && declaredLength > limit) throw new PayloadTooLargeError(limit)
  const dir = await mkdtemp(join(tmpdir(), 'metabolome-import-'))
  const path = join(dir, 'upload')
  const remove = () => rm(dir, { recursive: true, force: true })
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 })
  let size = 0
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limit) throw new PayloadTooLargeError(limit)
      if (!out.write(chunk)) await once(out, 'drain')
    }
    out.end()
    await finished(out)
  } catch (error) {
    out.destroy()
    await remove()
    throw error
  }
  return {
    size,
    async head(bytes) {
      const file = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(Math.min(bytes, size))
        const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await file.close()
      }
    },
    open: () => createReadStream(path, { highWaterMark: 256 * 1024 }),
    remove,
  }
}

/** The length a request declares (Content-Length), to refuse an upload too large before reading it. */
export function contentLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = Number(headers['content-length'])
  return Number.isFinite(value) ? value : undefined
}

/** `text/csv; charset=Shift_JIS` → `Shift_JIS`. */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]
}
