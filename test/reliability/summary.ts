import { appendFileSync } from 'node:fs'

// What each reliability test saw, one JSON line per run, for `npm run test:reliability` to print as a table
// (test/reliability/run.ts). Nothing is written when RELIABILITY_REPORT is not set (a plain `npm test`).

export interface ReliabilityRow {
  /** The test's short name: the table's row. */
  check: string
  backend: string
  /** Requests sent, kills survived, cycles run…: whatever the check counts, by its own names. */
  figures: Record<string, number>
  /** Things that must stay zero: 5xx answers, writes lost, divergences. */
  failures: Record<string, number>
}

export function recordReliability(row: ReliabilityRow): void {
  const file = process.env.RELIABILITY_REPORT
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`)
}
