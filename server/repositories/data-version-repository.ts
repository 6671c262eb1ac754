import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { today } from '../auth/visibility.ts'

export interface DataVersion {
  /** Moved on by every committed write to a record table (a bigint, as text). */
  version: string
  /** Today in Japan by the database's clock, the date embargoes are measured against. */
  today: string
}

/**
 * Reads everything an answer computed now depends on besides the request: the records' version and the
 * date. The query is compiled once: it runs for every request of a cached route.
 */
export function dataVersionReader(db: Kysely<Database>): () => Promise<DataVersion> {
  const query = db
    .selectFrom('dataVersion')
    .select((eb) => [
      eb.cast<string>('version', 'text').as('version'),
      eb.cast<string>(today, 'text').as('today'),
    ])
    .compile()
  return async () => {
    const [row] = (await db.executeQuery(query)).rows
    if (!row) throw new Error('data_version has no row: the migrations have not run')
    return row
  }
}
