import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { gunzipSync, gzipSync } from 'node:zlib'
import { CONTROL_START } from '../../server/backup/archive-format.ts'

// Archives changed the ways files get damaged or tampered with, written beside the original.

export const archiveLines = async (file: string) =>
  gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n')
    .slice(0, -1)

export const writeArchiveLines = (file: string, lines: string[]) =>
  writeFile(file, gzipSync(`${lines.join('\n')}\n`))

/**
 * The lines with each table's checksums (and the manifest's) made to match its rows again: an archive that
 * is whole and consistent but says something else than what was backed up.
 */
export function withChecksumsRecomputed(lines: string[]): string[] {
  const sums = new Map<string, { rows: number; sha256: string }>()
  let hash = createHash('sha256')
  let rows = 0
  return lines.map((line) => {
    if (!line.startsWith(CONTROL_START)) {
      hash.update(`${line}\n`)
      rows++
      return line
    }
    const entry = JSON.parse(line)
    if (entry['@'] === 'table') {
      hash = createHash('sha256')
      rows = 0
    } else if (entry['@'] === 'end') {
      Object.assign(entry, { rows, sha256: hash.digest('hex') })
      sums.set(entry.name, { rows: entry.rows, sha256: entry.sha256 })
    } else if (entry['@'] === 'manifest') {
      for (const table of entry.tables) Object.assign(table, sums.get(table.name))
    }
    return JSON.stringify(entry)
  })
}

/** The index of the first row line of `table`. */
export function firstRowOf(lines: string[], table: string): number {
  const start = lines.findIndex((line) => line.startsWith(`{"@":"table","name":"${table}"`))
  if (start < 0 || lines[start + 1]?.startsWith(CONTROL_START)) throw new Error(`${table} has no rows`)
  return start + 1
}
