import closeWithGrace from 'close-with-grace'
import { connect, prepareDatabase } from '../db/connect.ts'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'

const config = loadConfig()
const handle = await connect(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
)
try {
  await prepareDatabase(handle.db, { loadDataset: true })
} catch (error) {
  await handle.close()
  throw error
}

const app = await buildApp({ db: handle.db, logger: { level: config.logLevel } })

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
