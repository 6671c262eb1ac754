import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DatabaseHandle } from '../../../db/connect.ts'
import { buildApp } from '../../../server/app.ts'
import { backend, createTestDatabase, type TestDatabase } from '../../helpers/database.ts'

// `npm run create-admin` as a child process, on a database of its own: a data folder on PGlite, a fresh
// database on PostgreSQL.
let dataDir: string | undefined
let postgres: TestDatabase | undefined

beforeAll(async () => {
  if (backend === 'postgres') postgres = await createTestDatabase({ migrate: false })
  else dataDir = mkdtempSync(join(tmpdir(), 'metabolome-admin-'))
})
afterAll(async () => {
  await postgres?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

function run(args: string[], input: { stdin?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...input.env }
  delete env.ADMIN_PASSWORD
  Object.assign(env, input.env)
  if (postgres?.url) env.DATABASE_URL = postgres.url
  else {
    delete env.DATABASE_URL
    env.DATA_DIR = dataDir
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/create-admin.ts', ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  child.stdin.end(input.stdin ?? '')
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  )
}

/** The database the CLI wrote to, opened after it exited (a data folder takes one process at a time). */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = postgres ?? (await connect({ dataDir }))
  try {
    return await work(handle)
  } finally {
    if (!postgres) await handle.close()
  }
}

const users = () =>
  withDatabase(({ db }) =>
    db.selectFrom('users').select(['email', 'role', 'displayName', 'passwordHash', 'disabled']).execute(),
  )

describe('npm run create-admin', () => {
  it('refuses a password on the command line, and a short one', async () => {
    const argv = await run(['--email', 'root@example.test', '--password', 'a long enough password'])
    expect(argv.code).toBe(1)
    expect(argv.output).toMatch(/Unknown option '--password'/)
    const short = await run(['--email', 'root@example.test'], { stdin: 'short\n' })
    expect(short.code).toBe(1)
    expect(short.output).toMatch(/at least 12 characters/)
    const noEmail = await run([], { stdin: 'a long enough password\n' })
    expect(noEmail.code).toBe(1)
    expect(noEmail.output).toMatch(/--email is required/)
  }, 60_000)

  it('creates the first admin with the password read from standard input, on a fresh database', async () => {
    const result = await run(['--email', 'root@example.test', '--name', 'Root'], {
      stdin: 'a long enough password\n',
    })
    expect(result.output).toMatch(/Created the admin root@example.test/)
    expect(result.code).toBe(0)
    const [admin, ...others] = await users()
    expect(others).toEqual([])
    expect(admin).toMatchObject({
      email: 'root@example.test',
      role: 'admin',
      displayName: 'Root',
      disabled: false,
    })
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/)
    // The fresh database got the brochure's records too, as at the server's first start.
    const projects = await withDatabase(({ db }) => db.selectFrom('projects').select('id').execute())
    expect(projects.length).toBeGreaterThan(40)

    // And the admin signs in with it.
    await withDatabase(async ({ db }) => {
      const app = await buildApp({ db })
      try {
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          body: { email: 'ROOT@example.test', password: 'a long enough password' },
        })
        expect(signIn.statusCode, signIn.body).toBe(200)
        expect(signIn.json().user.role).toBe('admin')
      } finally {
        await app.close()
      }
    })
  }, 90_000)

  it('refuses an existing account, unless told to update it (password from ADMIN_PASSWORD)', async () => {
    const again = await run(['--email', 'Root@Example.test'], { stdin: 'another long password\n' })
    expect(again.code).toBe(1)
    expect(again.output).toMatch(/already an account for Root@Example.test; add --update/)
    const updated = await run(['--email', 'root@example.test', '--update'], {
      env: { ADMIN_PASSWORD: 'another long password' },
    })
    expect(updated.output).toMatch(/Updated root@example.test/)
    expect(updated.code).toBe(0)
    const all = await users()
    expect(all).toHaveLength(1)
  }, 60_000)
})
