import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/app.ts'
import { backend } from '../helpers/database.ts'
import { bioCluster, insertOrganization } from '../helpers/records.ts'
import { type Cell, CSV, utf8Bom } from './record-files.ts'

// A year's worth of records and more: 1,000 projects from one CSV, dry-run, committed, then imported again
// (every row unchanged). The times are printed for the README. PGlite runs in a data folder, as `npm start`
// runs it. Every row goes through the API's own repository in a savepoint of its own.

const ROWS = 1000

let t: Awaited<ReturnType<typeof createTestApp>>
let file: Buffer

beforeAll(async () => {
  t = await createTestApp({ onDisk: true })
  const db = t.database.db
  await bioCluster(db)
  const companies: string[] = []
  for (let i = 0; i < 20; i++) {
    companies.push(`計測食品${i}株式会社`)
    await insertOrganization(db, 'company', companies[i])
  }
  await insertOrganization(db, 'university', '計測大学')
  const rows: Cell[][] = [['テーマ名', '採択年度', '企業名', '連携機関', '研究分野', '状況']]
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      `計測テーマ ${i + 1}`,
      `H${24 + (i % 7)}`,
      companies[i % companies.length] ?? '',
      i % 3 === 0 ? '計測大学' : '',
      ['食品', '医療', '農業'][i % 3] ?? '',
      '完了',
    ])
  }
  file = utf8Bom(rows)
}, 120_000)
afterAll(() => t.close())

async function timed(query: string) {
  const started = performance.now()
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/imports/projects${query}`,
    headers: { 'content-type': CSV },
    payload: file,
  })
  const seconds = (performance.now() - started) / 1000
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200)
  return { seconds, counts: response.json().counts }
}

describe(`${ROWS} projects from one CSV on ${backend}`, () => {
  it('dry run, commit, and the same file again', async () => {
    const dryRun = await timed('?dryRun=true')
    expect(dryRun.counts).toEqual({ create: ROWS, update: 0, unchanged: 0, refused: 0 })
    const commit = await timed('')
    expect(commit.counts).toEqual({ create: ROWS, update: 0, unchanged: 0, refused: 0 })
    const again = await timed('')
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: ROWS, refused: 0 })
    const format = (s: number) => `${s.toFixed(1)} s (${Math.round(ROWS / s)} rows/s)`
    console.info(
      `[${backend}] ${ROWS} projects: dry run ${format(dryRun.seconds)}, commit ${format(commit.seconds)}, ` +
        `re-import (all unchanged) ${format(again.seconds)}`,
    )
  }, 600_000)
})
