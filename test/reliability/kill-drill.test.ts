import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiSession, E2E_PASSWORD, signInApi } from '../e2e/accounts.ts'
import { backend, createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts'
import { recordReliability } from './summary.ts'

// `kill -9` at a random moment while the server writes: records one at a time, or a metabolite import of
// IMPORT_ROWS rows. After every kill the server must start again on the same data, every write it confirmed
// must be there, and the import must be all there (if it was confirmed, it must be) or not at all.
//
// `npm test` runs KILL_CYCLES (default 2: one of each kind); `npm run test:reliability` runs 50.

const CYCLES = Number(process.env.KILL_CYCLES ?? 2)
const IMPORT_ROWS = 20_000
const ADMIN = 'drill-admin@example.test'

let env: Record<string, string>
let dataDir: string | undefined
let database: TestDatabase | undefined

beforeAll(async () => {
  const base = { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD }
  if (backend === 'postgres') {
    database = await createTestDatabase({ migrate: false })
    env = { ...base, DATABASE_URL: database.url ?? '' }
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'kill-drill-'))
    env = { ...base, DATA_DIR: dataDir }
  }
})
afterAll(async () => {
  await database?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min))

function labCsv(rows: number): string {
  const lines = ['化合物名,HMDB ID,比(加熱/生),p値']
  for (let i = 1; i <= rows; i++)
    lines.push(`代謝物 ${i},HMDB${String(i).padStart(7, '0')},${1 + (i % 7) / 10},0.01`)
  return `${lines.join('\r\n')}\r\n`
}

/** Organizations created one after another (four at a time) until the process dies; the confirmed ones. */
async function writeUntilKilled(session: ApiSession, cycle: number): Promise<Map<number, string>> {
  const confirmed = new Map<number, string>()
  let n = 0
  const worker = async () => {
    for (;;) {
      const nameJa = `強制終了訓練 ${cycle}-${n++}`
      try {
        const made = await session.request<{ id: number }>('POST', '/organizations', {
          kind: 'company',
          nameJa,
        })
        confirmed.set(made.id, nameJa)
      } catch {
        return // the server is gone: whatever was in flight is unconfirmed
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return confirmed
}

interface Expectation {
  organizations: Map<number, string>
  /** A finding whose import was cut: its result count must be 0 or all; all when the import was confirmed. */
  imports: { findingId: number; confirmed: boolean }[]
}

async function verify(
  session: ApiSession,
  expected: Expectation,
): Promise<{ lost: number; halfImports: number }> {
  let lost = 0
  for (const [id, nameJa] of expected.organizations) {
    const found = await session
      .request<{ nameJa: string }>('GET', `/organizations/${id}`)
      .catch(() => undefined)
    if (found?.nameJa !== nameJa) lost++
  }
  let halfImports = 0
  for (const { findingId, confirmed } of expected.imports) {
    const finding = await session.request<{ metaboliteCount?: number; metaboliteResults?: unknown[] }>(
      'GET',
      `/findings/${findingId}`,
    )
    const count = finding.metaboliteCount ?? finding.metaboliteResults?.length ?? 0
    if (!(count === 0 || count === IMPORT_ROWS) || (confirmed && count !== IMPORT_ROWS)) halfImports++
  }
  return { lost, halfImports }
}

describe(`kill -9 during writes and imports on ${backend}`, () => {
  it(`${CYCLES} kills: every restart succeeds, no confirmed write lost, no import half-applied`, async () => {
    const expected: Expectation = { organizations: new Map(), imports: [] }
    const csv = labCsv(IMPORT_ROWS)
    let kills = 0
    let confirmedWrites = 0
    let server: ServerProcess = await startServerProcess(env)
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const session = await signInApi(server.url, ADMIN)
      const kill = async (afterMs: number) => {
        await pause(afterMs)
        await server.stop('SIGKILL')
      }
      if (cycle % 2 === 0) {
        const [written] = await Promise.all([
          writeUntilKilled(session, cycle),
          kill(randomBetween(300, 2000)),
        ])
        for (const [id, name] of written) expected.organizations.set(id, name)
        confirmedWrites += written.size
      } else {
        const project = (await session.request<{ items: { id: number }[] }>('GET', '/projects?limit=1'))
          .items[0]
        const finding = await session.request<{ id: number }>('POST', '/findings', {
          projectId: project?.id,
          statementJa: '強制終了訓練の取込',
          evidenceLevel: 'analytical',
        })
        const entry = { findingId: finding.id, confirmed: false }
        expected.imports.push(entry)
        const upload = fetch(`${server.url}/api/findings/${finding.id}/metabolites/import`, {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'text/csv' },
          body: csv,
        })
          .then((response) => {
            entry.confirmed = response.ok
          })
          .catch(() => {})
        await Promise.all([upload, kill(randomBetween(100, 4000))])
      }
      kills++
      // Every restart must succeed, on the data the killed process left.
      server = await startServerProcess(env)
    }
    const session = await signInApi(server.url, ADMIN)
    const { lost, halfImports } = await verify(session, expected)
    await server.stop()
    console.info(
      `[${backend}] ${kills} kills, ${kills} restarts; ${confirmedWrites} confirmed writes, ${lost} lost; ` +
        `${expected.imports.length} imports cut (${expected.imports.filter((i) => i.confirmed).length} confirmed), ` +
        `${halfImports} half-applied`,
    )
    recordReliability({
      check: 'kill -9 during writes and imports',
      backend,
      figures: {
        kills,
        restarts: kills,
        'confirmed writes': confirmedWrites,
        imports: expected.imports.length,
      },
      failures: { 'writes lost': lost, 'imports half-applied': halfImports },
    })
    expect({ lost, halfImports }).toEqual({ lost: 0, halfImports: 0 })
    if (CYCLES >= 1) expect(confirmedWrites).toBeGreaterThan(0)
  }, 900_000)
})
