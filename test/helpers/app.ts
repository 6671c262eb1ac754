import { buildApp } from '../../server/app.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

/** The app on a test file's own database; close() ends both. */
export async function createTestApp(options: { dataset?: boolean } = {}) {
  const database: TestDatabase = await createTestDatabase(options)
  const app = await buildApp({ db: database.db })
  await app.ready()
  return {
    app,
    database,
    async close() {
      await app.close()
      await database.close()
    },
  }
}
