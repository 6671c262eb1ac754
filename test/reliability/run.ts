import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ReliabilityRow } from './summary.ts'

// `npm run test:reliability`: the full forms of test/reliability (the short ones run in `npm test`), on
// PGlite and, with TEST_DATABASE_URL, on PostgreSQL; then one table of what they sent and what went wrong.

const FULL = {
  FUZZ_RUNS: '200',
  MODEL_RUNS: '100',
  KILL_CYCLES: '50',
  RACES: '50',
  SOAK_SECONDS: '600',
  SOAK_MAX_DELAY_MS: '100',
}

const folder = mkdtempSync(join(tmpdir(), 'reliability-'))
const report = join(folder, 'report.jsonl')
if (!process.env.TEST_DATABASE_URL) console.warn('TEST_DATABASE_URL is not set: PGlite only.')
const vitest = (args: string[]) =>
  spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...FULL, ...process.env, RELIABILITY_REPORT: report },
  }).status ?? 1
// The soaks run last, one backend at a time: the event-loop delay they measure is then the server's own, not
// that of a kill drill, a fuzz run or the other soak sharing the two cores. (Files and projects are named: a
// CLI --exclude or --maxWorkers does not reach the projects.)
const SOAK = 'test/reliability/soak.test.ts'
const others = readdirSync('test/reliability')
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/reliability/${name}`)
  .filter((file) => file !== SOAK)
const backends = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
const status = Math.max(
  vitest([...others, 'test/backup/round-trip.test.ts']),
  ...backends.map((backend) => vitest([SOAK, '--project', backend])),
)

const rows: ReliabilityRow[] = existsSync(report)
  ? readFileSync(report, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : []
rmSync(folder, { recursive: true, force: true })
rows.sort((a, b) => a.check.localeCompare(b.check) || a.backend.localeCompare(b.backend))
const describe = (values: Record<string, number>) =>
  Object.entries(values)
    .map(([name, value]) => `${name} ${value.toLocaleString('en')}`)
    .join(', ')
console.log('\n| check | backend | figures | failures |\n|---|---|---|---|')
for (const row of rows)
  console.log(`| ${row.check} | ${row.backend} | ${describe(row.figures)} | ${describe(row.failures)} |`)
const failed = rows.filter((row) => Object.values(row.failures).some((n) => n > 0))
console.log(`\n${rows.length} checks recorded, ${failed.length} with failures; vitest exit ${status}`)
process.exit(status)
