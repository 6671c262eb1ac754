import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// The browser tests drive the production build: rebuild it when a client source is newer than it.
const INDEX = 'client/dist/index.html'
const SOURCES = ['client', 'vite.config.ts', 'server/domain/fiscal-year.ts', 'package-lock.json']

function newestChange(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs)
}

export default function buildClient() {
  const built = existsSync(INDEX) ? statSync(INDEX).mtimeMs : 0
  const changed = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestChange))
  if (built > changed) return
  console.log('e2e: building the client (vite build)…')
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, which would make a development build (Vue's dev checks, source paths).
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  )
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`)
}
