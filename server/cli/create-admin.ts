import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { connect, prepareDatabase } from '../../db/connect.ts'
import { passwordProblem } from '../auth/passwords.ts'
import { ConfigError, databaseConfig } from '../config.ts'
import { ConflictError } from '../domain/errors.ts'
import { createUser, getUser, updateUser, userForSignIn } from '../repositories/users-repository.ts'

const USAGE = `Creates an admin account.

  npm run create-admin -- --email you@example.org [--name "Your Name"] [--update]

The password comes from the ADMIN_PASSWORD environment variable, or else from standard input (typed
without echo at a terminal); never from the command line, where every user of the machine could read it.
--update makes an existing account of that email an enabled admin with the new password (and ends its
sessions). The database is the server's: DATABASE_URL, or the embedded one in DATA_DIR (stop the server
first: one process at a time may use a data folder).`

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) {
    let text = ''
    for await (const chunk of process.stdin) text += chunk
    return text.split(/\r?\n/)[0] ?? ''
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  process.stdout.write('Password (not shown): ')
  // Echo nothing of what is typed.
  ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {}
  const password = await new Promise<string>((resolve) => rl.question('', resolve))
  rl.close()
  process.stdout.write('\n')
  return password
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      update: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const email = values.email
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw new UsageError('--email is required: the admin’s email')
  const password = await readPassword()
  const problem = passwordProblem(password)
  if (problem) throw new UsageError(`The password ${problem}`)

  const handle = await connect(
    (({ databaseUrl, dataDir }) => (databaseUrl ? { databaseUrl } : { dataDir }))(databaseConfig()),
  )
  try {
    await prepareDatabase(handle.db, { loadDataset: true })
    const existing = await userForSignIn(handle.db, email)
    if (existing && !values.update) {
      throw new UsageError(
        `There is already an account for ${email}; add --update to make it an admin with this password`,
      )
    }
    if (existing) {
      const current = await getUser(handle.db, existing.id)
      const system = { kind: 'anonymous' } as const
      const user = await updateUser(
        handle.db,
        existing.id,
        {
          version: current.version,
          role: 'admin',
          organizationId: null,
          disabled: false,
          password,
          ...(values.name ? { displayName: values.name } : {}),
        },
        system,
      )
      console.log(`Updated ${user.email} (id ${user.id}): an enabled admin with the new password.`)
    } else {
      const user = await createUser(handle.db, {
        email,
        displayName: values.name ?? email.split('@')[0] ?? email,
        role: 'admin',
        password,
      })
      console.log(`Created the admin ${user.email} (id ${user.id}).`)
    }
  } finally {
    await handle.close()
  }
}

try {
  await main()
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof ConflictError) {
    console.error(error.message)
  } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
  } else {
    console.error(error instanceof Error ? error.message : error)
  }
  process.exitCode = 1
}
