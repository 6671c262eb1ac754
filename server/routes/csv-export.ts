import { stringify } from 'csv-stringify/sync'
import type { ExportColumn } from './list-export.ts'

/**
 * Excel and LibreOffice run a cell that starts with one of these as a formula (CSV injection); a leading
 * apostrophe makes it text. Numbers are written as numbers, so a negative figure stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/
export const neutralize = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value)

export function toCsv<T>(items: T[], columns: ExportColumn<T>[]): string {
  const rows = items.map((item) =>
    columns.map(({ value }) => {
      const cell = value(item)
      return typeof cell === 'string' ? neutralize(cell) : (cell ?? '')
    }),
  )
  // The BOM makes Excel read the file as UTF-8, so Japanese shows correctly.
  return `\uFEFF${stringify([columns.map((c) => c.header), ...rows], { record_delimiter: '\r\n' })}`
}
