import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Versioned } from './common.ts'

/** The kinds of record a spreadsheet imports into. */
export const IMPORT_KINDS = ['projects', 'outcomes', 'events', 'findings'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export interface ImportMappingsTable extends Versioned {
  id: Generated<number>
  kind: ImportKind
  name: string
  /** A file's column header → the record field it feeds (server/schemas/record-import.ts). */
  columns: ColumnType<Record<string, string>, string, string>
  /** Who saved it; null once that user is deleted. */
  createdBy: number | null
}

export type ImportMappingRow = Selectable<ImportMappingsTable>
