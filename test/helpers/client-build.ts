import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// The browser tests and the tests of the pages rendered on the server use the production build: rebuild it
// (`npm run build`: client/dist and client/dist-server) when a source is newer than it. A global setup:
// Vitest runs the projects' global setups one after another, so the build happens once.
const OUTPUTS = ['client/dist/index.html', 'client/dist-server/entry-server.js']
const SOURCES = ['client', 'vite.config.ts', 'server/domain', 'server/schemas', 'package-lock.json']

function newestChange(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path)
    .filter((name) => !name.startsWith('dist') && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs)
}

export default function buildClient() {
  const built = Math.min(...OUTPUTS.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)))
  const changed = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestChange))
  if (built > changed) return
  console.log('tests: building the client (npm run build)…')
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    // Vite's list of the files it wrote left out; its warnings and errors are on stderr.
    stdio: ['ignore', 'ignore', 'inherit'],
    // Vitest sets NODE_ENV=test, which would make a development build (Vue's dev checks, source paths).
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`)
}
