// A backup archive: one gzip-compressed file of JSON lines, written and read as a stream.
//
//   {"@":"header","format":"metabolome-dashboard-backup","formatVersion":1,"migration":"…","createdAt":"…"}
//   {"@":"table","name":"organizations","columns":["id","kind",…]}
//   {"id":1,"kind":"company",…}                   one line per row, as PostgreSQL's row_to_json writes it
//   {"@":"end","name":"organizations","rows":24,"sha256":"…"}
//   … the other tables, each after the tables it references …
//   {"@":"manifest",…the header's fields…,"tables":[{"name":"organizations","rows":24,"sha256":"…"},…]}
//
// Rows are in primary-key order and each table's sha256 is over its row lines (each with its newline), so
// equal tables give equal checksums. Values are PostgreSQL's own JSON: timestamps in UTC with microseconds,
// numbers as written, JSON columns verbatim; restoring hands the lines back to PostgreSQL unparsed.

export const ARCHIVE_FORMAT = 'metabolome-dashboard-backup'
export const FORMAT_VERSION = 1

export interface ArchiveHeader {
  format: string
  formatVersion: number
  /** The newest migration of the database backed up; a restore needs a database at the same one. */
  migration: string
  createdAt: string
}

export interface TableSummary {
  name: string
  rows: number
  sha256: string
}

export interface Manifest extends ArchiveHeader {
  tables: TableSummary[]
}

export type ControlLine =
  | ({ '@': 'header' } & ArchiveHeader)
  | { '@': 'table'; name: string; columns: string[] }
  | ({ '@': 'end' } & TableSummary)
  | ({ '@': 'manifest' } & Manifest)

/** How every control line starts; a row line never does (no column is named `@`). */
export const CONTROL_START = '{"@":'

export const controlLine = (line: ControlLine) => `${JSON.stringify(line)}\n`

/** The file is not a whole, intact backup of this app. */
export class ArchiveError extends Error {}
