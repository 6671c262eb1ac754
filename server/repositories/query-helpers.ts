import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { ConflictError, NotFoundError } from '../domain/errors.ts'

/** A LIKE pattern matching `text` anywhere, with the pattern characters in it taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** `-field` → [field, 'desc']; `field` → [field, 'asc']. */
export function parseSort<F extends string>(sort: string | undefined, fallback: F): [F, 'asc' | 'desc'] {
  if (!sort) return [fallback, 'asc']
  return sort.startsWith('-') ? [sort.slice(1) as F, 'desc'] : [sort as F, 'asc']
}

type VersionedTable = {
  [T in keyof Database]: Database[T] extends { version: unknown; updatedAt: unknown } ? T : never
}[keyof Database]

/**
 * Updates one row only if it still has the version the client read, and bumps the version: a stale write
 * answers 409 and changes nothing, an unknown id 404.
 */
export async function updateVersioned(
  db: Kysely<Database>,
  table: VersionedTable,
  id: number,
  version: number,
  changes: Record<string, unknown>,
  label: string,
): Promise<void> {
  // Kysely cannot type a table chosen at run time; the callers' own types check `changes`.
  const untyped = db as unknown as Kysely<Record<string, { id: number; version: number }>>
  const result = await untyped
    .updateTable(table)
    .set({ ...changes, version: sql`version + 1`, updatedAt: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (result.numUpdatedRows > 0n) return
  const current = await untyped.selectFrom(table).select('version').where('id', '=', id).executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  throw staleVersion(label, version, current.version)
}

/** A write sent with the version `sent` to a record now at `current`: 409, reload and try again. */
export function staleVersion(label: string, sent: number, current: number): ConflictError {
  return new ConflictError(
    `${label} was changed by someone else (now version ${current}); reload and try again`,
    [
      {
        field: 'body.version',
        message: `is ${sent}, the record is at ${current}`,
        keyword: 'stale',
        params: { version: sent, current },
      },
    ],
  )
}
