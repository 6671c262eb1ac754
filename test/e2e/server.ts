import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess } from '../helpers/server-process.ts'

export interface RunningServer {
  url: string
  stop: () => Promise<void>
}

/**
 * The real entry point (`server/server.ts`) on a fresh embedded database and a free port. E2E_BASE_URL
 * points the tests at a server already running instead (while working on the client). `env` adds to the
 * server's environment (e.g. COOKIE_SECURE=false and a first admin, for signing in over plain HTTP).
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const running = process.env.E2E_BASE_URL
  if (running) return { url: running.replace(/\/$/, ''), stop: async () => {} }
  const dataDir = mkdtempSync(join(tmpdir(), 'metabolome-e2e-'))
  try {
    const server = await startServerProcess({ ...options.env, DATA_DIR: dataDir })
    return {
      url: server.url,
      async stop() {
        await server.stop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}
