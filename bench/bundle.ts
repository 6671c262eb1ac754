import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

// The production bundle as a browser fetches it: what index.html loads before anything renders (the
// entry script and its preloaded chunks), and each chunk loaded on demand by a route, gzip-compressed.

export interface BundleResult {
  initialJsGzipKb: number
  chunks: { file: string; gzipKb: number; initial: boolean }[]
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10

export function measureBundle(dist = 'client/dist'): BundleResult {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]))
  const chunks = readdirSync(join(dist, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({
      file,
      gzipKb: kb(gzipSync(readFileSync(join(dist, 'assets', file)), { level: 9 }).length),
      initial: initial.has(file),
    }))
    .sort((a, b) => b.gzipKb - a.gzipKb)
  const initialJsGzipKb = kb(chunks.filter((c) => c.initial).reduce((sum, c) => sum + c.gzipKb * 1024, 0))
  return { initialJsGzipKb, chunks }
}
