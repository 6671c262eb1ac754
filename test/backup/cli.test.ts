import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { loadDataset } from '../../db/dataset/load.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { backend, createTestDatabase, type TestDatabase } from '../helpers/database.ts'
import { insertUser } from '../helpers/users.ts'
import { tableContents } from './table-contents.ts'

// The commands as an operator runs them, in child processes: a backup of a data folder (PGlite) or a
// database (PostgreSQL), restored into a new folder or a database just created and never migrated.

let folder: string
/** Where each side's data is: a data folder, or a PostgreSQL database of the test's own. */
type Side = 'source' | 'target' | 'untouched'
const sides = {} as Record<Side, { dataDir?: string; postgres?: TestDatabase }>

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'backup-cli-'))
  if (backend === 'postgres') {
    const source = await createTestDatabase({ dataset: true })
    sides.source = { postgres: source }
    sides.target = { postgres: await createTestDatabase({ migrate: false }) }
    sides.untouched = { postgres: await createTestDatabase({ migrate: false }) }
    await insertUser(source.db, { role: 'manager' })
  } else {
    sides.source = { dataDir: join(folder, 'source') }
    sides.target = { dataDir: join(folder, 'target') }
    sides.untouched = { dataDir: join(folder, 'untouched') }
    const handle = await connect({ dataDir: sides.source.dataDir })
    await migrateToLatest(handle.db as Kysely<unknown>)
    await loadDataset(handle.db)
    await insertUser(handle.db, { role: 'manager' })
    await handle.close()
  }
}, 240_000)
afterAll(async () => {
  await sides.source?.postgres?.close()
  await sides.target?.postgres?.close()
  await sides.untouched?.postgres?.close()
  await rm(folder, { recursive: true, force: true })
})

function run(side: Side, script: 'backup' | 'restore', args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.DATA_DIR
  const { dataDir, postgres } = sides[side]
  if (postgres?.url) env.DATABASE_URL = postgres.url
  else env.DATA_DIR = dataDir
  const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  )
}

/** A side's tables, opened after the commands exited (a data folder takes one process at a time). */
async function contentsOf(side: Side) {
  const { dataDir, postgres } = sides[side]
  const handle: DatabaseHandle = postgres ?? (await connect({ dataDir }))
  try {
    return await tableContents(handle.db)
  } finally {
    if (!postgres) await handle.close()
  }
}

describe('npm run backup and npm run restore', () => {
  it('say what is wrong with a missing archive, a missing database or a bad option', async () => {
    const missing = await run('untouched', 'restore', [join(folder, 'none.jsonl.gz')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no such file|ENOENT/i)
    // Refused before a data folder is made for it.
    if (backend === 'pglite') expect(await stat(join(folder, 'untouched')).catch(() => 'none')).toBe('none')
    const nothing = await run('untouched', 'backup', ['--out', join(folder, 'nothing.jsonl.gz')])
    expect(nothing.code).toBe(1)
    expect(nothing.stderr).toMatch(/no data folder|never migrated/)
    expect(await stat(join(folder, 'nothing.jsonl.gz')).catch(() => 'none')).toBe('none')
    const unknown = await run('source', 'backup', ['--to', 'x'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/Unknown option '--to'[\s\S]*npm run backup -- \[--out FILE\]/)
  }, 120_000)

  it(`back up and restore the whole dataset (${backend})`, async () => {
    const archive = join(folder, 'dataset.jsonl.gz')
    const backup = await run('source', 'backup', ['--out', archive])
    expect(backup.stderr).toBe('')
    expect(backup.code).toBe(0)
    expect(backup.stdout).toMatch(/^Wrote .*dataset\.jsonl\.gz: [\d,]+ rows of \d+ tables/)
    expect((await stat(archive)).size).toBeGreaterThan(1000)

    const restore = await run('target', 'restore', [archive])
    expect(restore.stderr).toBe('')
    expect(restore.code).toBe(0)
    expect(restore.stdout).toMatch(/^Restored .*: [\d,]+ rows of \d+ tables/)
    const [original, restored] = [await contentsOf('source'), await contentsOf('target')]
    expect(restored).toEqual(original)
    expect(original.projects?.length).toBeGreaterThan(40)
    expect(original.users).toHaveLength(1)

    const again = await run('target', 'restore', [archive])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/not empty.*--force/)
  }, 240_000)
})
