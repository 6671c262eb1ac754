import closeWithGrace from 'close-with-grace'
import { connect, prepareDatabase } from '../db/connect.ts'
import { buildApp } from './app.ts'
import { passwordProblem } from './auth/passwords.ts'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { createFirstAdmin } from './repositories/users-repository.ts'

let config: Config
try {
  config = loadConfig()
  if (config.firstAdmin) {
    const problem = passwordProblem(config.firstAdmin.password)
    if (problem) throw new ConfigError(`ADMIN_PASSWORD ${problem}`)
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`Configuration error: ${error.message}`)
  process.exit(1)
}

const handle = await connect(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
)
try {
  await prepareDatabase(handle.db, { loadDataset: true })
} catch (error) {
  await handle.close()
  throw error
}

const app = await buildApp({
  db: handle.db,
  logger: { level: config.logLevel },
  auth: config.auth,
  trustProxy: config.trustProxy,
  loadShedding: { maxEventLoopDelayMs: config.maxEventLoopDelayMs },
})
for (const warning of config.warnings) app.log.warn(warning)

if (config.firstAdmin) {
  const admin = await createFirstAdmin(handle.db, config.firstAdmin)
  if (admin) app.log.info(`created the first admin, ${admin.email}, from ADMIN_EMAIL/ADMIN_PASSWORD`)
}

// SIGTERM/SIGINT: stop accepting, finish the requests under way, then checkpoint and close the database.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
  await handle.close()
})

await app.listen({ port: config.port, host: config.host })
app.log.info(
  `${handle.backend === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}; ready`,
)
