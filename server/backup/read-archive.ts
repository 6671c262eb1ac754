import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { isDeepStrictEqual } from 'node:util'
import { createGunzip } from 'node:zlib'
import {
  ARCHIVE_FORMAT,
  ArchiveError,
  type ArchiveHeader,
  CONTROL_START,
  type ControlLine,
  FORMAT_VERSION,
  type Manifest,
  type TableSummary,
} from './archive-format.ts'

export type ArchiveEvent =
  | { kind: 'table'; name: string; columns: string[] }
  /** Row lines of the current table, as written: JSON objects PostgreSQL reads back itself. */
  | { kind: 'rows'; lines: string[] }
  | { kind: 'end'; summary: TableSummary }

const BATCH_ROWS = 1000
const BATCH_CHARS = 4 * 1024 * 1024

/** The file's lines, decompressed as they are read; a damaged or cut-off file throws. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const text = pipeline(createReadStream(file), createGunzip(), () => {})
  text.setEncoding('utf8')
  let rest = ''
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      yield* lines
    }
  } catch (error) {
    throw new ArchiveError(`The file cannot be read as a backup: ${(error as Error).message}`)
  } finally {
    text.destroy()
  }
  if (rest !== '') throw new ArchiveError('The archive ends in the middle of a line: it is incomplete')
}

function control(line: string, number: number): ControlLine {
  try {
    return JSON.parse(line) as ControlLine
  } catch {
    throw new ArchiveError(`Line ${number} of the archive is damaged`)
  }
}

function checkHeader(line: string | undefined): ArchiveHeader {
  const header = line?.startsWith(CONTROL_START) ? control(line, 1) : undefined
  if (header?.['@'] !== 'header' || header.format !== ARCHIVE_FORMAT)
    throw new ArchiveError('The file is not a backup of this app')
  if (header.formatVersion !== FORMAT_VERSION)
    throw new ArchiveError(
      `The backup is in format version ${header.formatVersion}; this app reads ${FORMAT_VERSION}`,
    )
  const { '@': _, ...fields } = header
  return fields
}

/** The archive's first line: what it is and which schema it needs, without reading the rest. */
export async function readHeader(file: string): Promise<ArchiveHeader> {
  for await (const line of linesOf(file)) return checkHeader(line)
  return checkHeader(undefined)
}

/**
 * The archive's tables and rows, checked as they are read: every table's row count and checksum against its
 * end line, and the whole against the closing manifest, which it answers. Throws ArchiveError at the first
 * thing that does not match, so a consumer inside a transaction rolls back everything it did.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEvent, Manifest> {
  let header: ArchiveHeader | undefined
  let manifest: Manifest | undefined
  let table: { name: string; rows: number; hash: Hash; lines: string[]; chars: number } | undefined
  const tables: TableSummary[] = []
  let number = 0
  for await (const line of linesOf(file)) {
    number++
    if (!header) {
      header = checkHeader(line)
      continue
    }
    if (manifest) throw new ArchiveError(`The archive goes on after its manifest (line ${number})`)
    if (!line.startsWith(CONTROL_START)) {
      if (!table) throw new ArchiveError(`Line ${number} is a row outside any table`)
      table.hash.update(`${line}\n`)
      table.rows++
      table.lines.push(line)
      table.chars += line.length
      if (table.lines.length >= BATCH_ROWS || table.chars >= BATCH_CHARS) {
        yield { kind: 'rows', lines: table.lines }
        table.lines = []
        table.chars = 0
      }
      continue
    }
    const entry = control(line, number)
    if (entry['@'] === 'table' && !table) {
      table = { name: entry.name, rows: 0, hash: createHash('sha256'), lines: [], chars: 0 }
      yield { kind: 'table', name: entry.name, columns: entry.columns }
    } else if (entry['@'] === 'end' && table?.name === entry.name) {
      if (table.lines.length) yield { kind: 'rows', lines: table.lines }
      const summary = { name: table.name, rows: table.rows, sha256: table.hash.digest('hex') }
      if (summary.rows !== entry.rows || summary.sha256 !== entry.sha256)
        throw new ArchiveError(
          `The rows of ${table.name} do not match their checksum: the archive is damaged`,
        )
      tables.push(summary)
      table = undefined
      yield { kind: 'end', summary }
    } else if (entry['@'] === 'manifest' && !table) {
      const { '@': _, ...fields } = entry
      manifest = fields
    } else {
      throw new ArchiveError(`Line ${number} of the archive is out of place`)
    }
  }
  if (!header || !manifest) throw new ArchiveError('The archive is incomplete: its manifest is missing')
  if (!isDeepStrictEqual(manifest, { ...header, tables }))
    throw new ArchiveError('The archive does not match its manifest: it is damaged')
  return manifest
}

/** Reads the whole archive through, checking it; answers its manifest. */
export async function verifyArchive(file: string): Promise<Manifest> {
  const events = readArchive(file)
  for (;;) {
    const next = await events.next()
    if (next.done) return next.value
  }
}
