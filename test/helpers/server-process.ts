import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

// The real entry point (`server/server.ts`, as `npm start` runs it) as a child process, for tests that kill,
// restart or watch it from outside. `env` says where its data lives (DATA_DIR or DATABASE_URL).

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** What it printed so far (stdout and stderr). */
  output: () => string
  exited: Promise<number | null>
  /** SIGKILL (no shutdown of any kind) or SIGTERM (a graceful one); resolves when the process is gone. */
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

export async function startServerProcess(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; readyWithinMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/server.ts'],
    {
      env: {
        ...process.env,
        // A loaded test machine lags more than a server should; shedding load there would fail tests at random.
        MAX_EVENT_LOOP_DELAY_MS: '60000',
        LOG_LEVEL: 'warn',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    // A graceful stop that hangs is ended the hard way.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.readyWithinMs ?? 90_000)
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      // Ready, and not shedding load: on a starved machine the start-up's own work can count as event-loop
      // delay for the first sample after it, and the server refuses everything for that second (503).
      if ((await fetch(`${url}/api/ready`)).ok && (await fetch(`${url}/api/auth/session`)).status !== 503)
        return { url, child, output: () => output, exited, stop }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop('SIGKILL')
  throw new Error(`the server did not become ready (exit ${child.exitCode}):\n${output}`)
}

export function freePort(): Promise<number> {
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
