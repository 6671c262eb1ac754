import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../db/connect.ts'
import { backend } from '../helpers/database.ts'

// The real entry point (`npm start`) as a child process on a fresh embedded data folder.
describe.runIf(backend === 'pglite')('server/server.ts on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metabolome-data-'))
  const children: ChildProcess[] = []
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  const start = async () => {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    return { child, port, exited, output: () => output }
  }

  const waitReady = async (port: number, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/ready`)
        if (response.ok) return Date.now()
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`not ready on port ${port}`)
  }

  const stop = async (server: Awaited<ReturnType<typeof start>>) => {
    const sent = Date.now()
    server.child.kill('SIGTERM')
    const code = await server.exited
    return { code, ms: Date.now() - sent }
  }

  it('starts ready, refuses a second process, keeps its data across a restart, and stops on SIGTERM', async () => {
    const first = await start()
    await waitReady(first.port)

    const second = await start()
    expect(await second.exited).not.toBe(0)
    expect(second.output()).toMatch(/data folder .* is in use by another process/)

    const stopped = await stop(first)
    expect(stopped.code).toBe(0)
    expect(stopped.ms).toBeLessThan(5_000)

    // A write made while the server was down must survive its restart, and the dataset is not loaded again.
    const offline = await connect({ dataDir })
    await offline.db
      .insertInto('events')
      .values({ kind: 'seminar', titleJa: 'restart marker', fy: 2026 })
      .execute()
    await offline.close()

    const again = await start()
    await waitReady(again.port)
    expect((await stop(again)).code).toBe(0)

    const after = await connect({ dataDir })
    const titles = (await after.db.selectFrom('events').select('titleJa').execute()).map((e) => e.titleJa)
    await after.close()
    expect(titles).toContain('restart marker')
    expect(titles).toHaveLength(9)
  }, 90_000)
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}
