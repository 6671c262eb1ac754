import type { ColumnType, Generated } from 'kysely'

export type Visibility = 'public' | 'program' | 'confidential'
/** Dates travel as ISO strings (`YYYY-MM-DD`); db/type-parsers.ts keeps both backends that way. */
export type IsoDate = string
export type DatePrecision = 'day' | 'month'

export interface Versioned {
  version: Generated<number>
  /** ISO 8601 in UTC (db/type-parsers.ts). */
  createdAt: ColumnType<string, never, never>
  updatedAt: ColumnType<string, never, string>
}
