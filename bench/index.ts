import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { connect, prepareDatabase } from '../db/connect.ts'
import { type BrowserResult, timeOverview } from './browser.ts'
import { measureBundle } from './bundle.ts'
import { generate, scaled } from './generate.ts'
import { BROWSER_HEADERS, type HttpResult, measurePair } from './http.ts'

// `npm run bench`: a fresh PostgreSQL database with the brochure's records and a synthetic program at
// scale, the real server on it, autocannon against the dashboard's endpoints and two yardsticks, the
// overview timed in Chromium, and the bundle sizes. Results: bench/results/latest.{json,md}.
//
//   npm run bench -- [--scale 1] [--seconds 10] [--connections 100] [--keep]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (a server it may create databases on)

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
  },
})
const scale = scaled(Number(args.scale))
const load = { seconds: Number(args.seconds), connections: Number(args.connections) }
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Turns of an endpoint and its yardstick, within `--seconds` each. */
const SLICES = 5

const TARGETS = {
  charts: { share: 0.5, of: 'bare', p99Ms: 25 },
  records: { share: 0.5, of: 'trivial', p99Ms: 50 },
} as const

interface Measured extends HttpResult {
  /** The yardstick's measurement, in turns with this one. */
  yardstick: HttpResult
  share: number
  target: string
  meets: boolean
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10

async function admin<T>(work: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
  })
  try {
    return await work(db)
  } finally {
    await db.destroy()
  }
}

function start(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${script} exited with ${child.exitCode}`))
      try {
        const response = await fetch(`http://127.0.0.1:${env.PORT}${env.READY_PATH}`)
        if (response.ok) return resolve(child)
      } catch {}
      if (Date.now() > deadline) return reject(new Error(`${script} did not become ready`))
      setTimeout(poll, 250)
    }
    void poll()
  })
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

const name = `bench_${Date.now()}_${randomBytes(3).toString('hex')}`
const url = new URL(serverUrl)
url.pathname = `/${name}`
const databaseUrl = url.toString()

console.log(`bench: database ${name}; scale ${JSON.stringify(scale)}`)
await admin((db) => sql.raw(`create database ${name}`).execute(db))
const children: ChildProcess[] = []
try {
  let started = performance.now()
  const handle = await connect({ databaseUrl })
  await prepareDatabase(handle.db, { loadDataset: true })
  const counts = await generate(handle.db, scale)
  const generateSeconds = seconds(started)
  const project = await handle.db
    .selectFrom('projects')
    .select('id')
    .where('ref', '=', `bench/${Math.ceil(scale.projects / 2)}`)
    .executeTakeFirstOrThrow()
  await handle.close()
  console.log(`bench: generated in ${generateSeconds} s: ${JSON.stringify(counts)}`)

  started = performance.now()
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (build.status !== 0) throw new Error('npm run build failed')
  console.log(`bench: client built in ${seconds(started)} s`)

  const appPort = '3990'
  const referencePort = '3991'
  const secret = randomBytes(32).toString('base64')
  children.push(
    await start('server/server.ts', {
      DATABASE_URL: databaseUrl,
      PORT: appPort,
      SESSION_SECRET: secret,
      READY_PATH: '/api/ready',
    }),
  )
  // The rendered overview's size as a browser gets it (gzipped), for the yardstick that sends as many bytes.
  const overviewPage = await fetch(`http://127.0.0.1:${appPort}/`, { headers: BROWSER_HEADERS })
  const pageBytes = overviewPage.headers.get('content-length') ?? '0'
  await overviewPage.arrayBuffer()
  children.push(
    await start('bench/reference.ts', {
      DATABASE_URL: databaseUrl,
      PORT: referencePort,
      READY_PATH: '/bare',
      PAGE_BYTES: pageBytes,
    }),
  )
  const app = `http://127.0.0.1:${appPort}`
  const referenceBase = `http://127.0.0.1:${referencePort}`

  // Each endpoint is measured in turns with its yardstick, and compared with it: the machine's speed drifts
  // over a run (other work, the host), by more than the differences measured.
  const measured: Measured[] = []
  const show = (result: HttpResult) =>
    console.log(
      `bench: ${result.name.padEnd(25)} ${String(result.requestsPerSecond).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms${result.non2xx + result.errors > 0 ? `  (${result.non2xx} non-2xx, ${result.errors} errors)` : ''}`,
    )
  const groups = [
    {
      target: TARGETS.charts,
      yardstick: ['bare route', '/bare'],
      endpoints: [
        ['overview', '/api/stats/overview'],
        ['adoptions chart', '/api/stats/adoptions'],
        ['products chart', '/api/stats/products'],
        ['attendance chart', '/api/stats/attendance'],
        ['institutions (a page)', '/api/stats/institutions'],
        ['funnel chart', '/api/stats/funnel'],
        // The filter bar's choices, read on every dashboard page.
        ['filter options', '/api/stats/filter-options'],
      ],
    },
    {
      // The page as the browser first gets it, rendered on the server: its answer is kilobytes where the
      // API's are hundreds of bytes, so its yardstick sends as many.
      target: TARGETS.charts,
      yardstick: ['bare route, as many bytes', '/page'],
      endpoints: [['overview page (rendered)', '/']],
    },
    {
      target: TARGETS.records,
      yardstick: ['trivial query', '/trivial'],
      endpoints: [
        ['project list', '/api/projects?fyFrom=2012&fyTo=2020&field=food&sort=-adoptedFy'],
        ['project page', `/api/projects/${project.id}`],
        ['metabolite search', '/api/metabolites?q=GABA'],
      ],
    },
  ] as const
  for (const { target, yardstick, endpoints } of groups) {
    for (const [label, path] of endpoints) {
      const {
        yardstick: reference,
        result,
        share,
      } = await measurePair(
        { name: yardstick[0], baseUrl: referenceBase, path: yardstick[1] },
        { name: label, baseUrl: app, path },
        { ...load, slices: SLICES },
      )
      show(reference)
      show(result)
      measured.push({
        ...result,
        yardstick: reference,
        share: Math.round(share * 100) / 100,
        target: `≥ ${target.share * 100}% of the ${yardstick[0]}, p99 ≤ ${target.p99Ms} ms`,
        meets: share >= target.share && result.p99Ms <= target.p99Ms,
      })
    }
  }

  let browser: BrowserResult | undefined
  if (!args['skip-browser']) {
    browser = await timeOverview(app)
    console.log(
      `bench: overview painted ${browser.firstPaintMs} ms, charts shown ${browser.chartsShownMs} ms after navigation, live ${browser.chartsLiveMs} ms (everything loaded at ${browser.loadedMs} ms; the bare page painted at ${browser.barePageMs} ms); filter change redrawn in ${browser.filterRedrawMs} ms`,
    )
  }
  const bundle = measureBundle()
  console.log(`bench: initial JavaScript ${bundle.initialJsGzipKb} KB gzip`)

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    scale,
    counts,
    generateSeconds,
    load: { ...load, pipelining: 1 },
    http: measured,
    browser,
    bundle,
  }
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`)
  const yes = (meets: boolean) => (meets ? 'yes' : '**no**')
  const table = [
    `Run ${results.date.slice(0, 10)} on ${results.machine.cpus} cores, PostgreSQL; ${Object.entries(counts)
      .map(([table, n]) => `${n.toLocaleString('en')} ${table}`)
      .join(
        ', ',
      )}; autocannon ${load.connections} connections, ${load.seconds} s each in ${SLICES} turns with its yardstick, with a browser's Accept-Encoding.`,
    '',
    '| endpoint | req/s | p50 ms | p99 ms (worst of 5 slices) | yardstick, measured in turns with it: req/s | share of it (median of the turns) | target | met |',
    '|---|---:|---:|---:|---|---:|---|---|',
    ...measured.map(
      (r) =>
        `| ${r.name} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.yardstick.name}: ${r.yardstick.requestsPerSecond} | ${r.share} | ${r.target} | ${yes(r.meets)} |`,
    ),
    '',
    browser
      ? `Overview in Chromium (rendered on the server): first paint, figures included, ${browser.firstPaintMs} ms after navigation; all charts on screen ${browser.chartsShownMs} ms (target ≤ 1000), drawn live — tooltips and clicks — at ${browser.chartsLiveMs} ms (the last file or answer it needed had arrived at ${browser.loadedMs} ms); a filter change redrawn in ${browser.filterRedrawMs} ms (target ≤ 200). Yardstick of the same run: the app's page for an unknown address (drawn in the browser, no data, no chart) painted its heading ${browser.barePageMs} ms after navigation.`
      : 'Browser timing skipped.',
    `Initial JavaScript: ${bundle.initialJsGzipKb} KB gzip (target ≤ 250); on demand: ${bundle.chunks
      .filter((c) => !c.initial)
      .map((c) => `${c.file.replace(/-[\w-]{8}\.js$/, '')} ${c.gzipKb}`)
      .join(', ')} KB.`,
  ].join('\n')
  writeFileSync('bench/results/latest.md', `${table}\n`)
  console.log(`\n${table}`)
} finally {
  for (const child of children) await stop(child)
  if (!args.keep) await admin((db) => sql.raw(`drop database if exists ${name} with (force)`).execute(db))
  else console.log(`bench: kept database ${databaseUrl}`)
}
