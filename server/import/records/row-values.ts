import type { ImportKind } from '../../../db/tables/import-mappings.ts'
import type { FieldProblem } from '../../domain/errors.ts'
import { parseFiscalYear } from '../../domain/fiscal-year.ts'
import { allowedValues, type CellKind, KINDS, nullable } from './fields.ts'
import type { NameIndex } from './references.ts'
import { readBoolean, readDate, readEnum, readInteger, splitList } from './values.ts'

// One row of a spreadsheet as the body the API would take for it: each mapped cell read as its field's kind,
// references resolved by name. The body is then checked by the API's own schema and rules; only what a
// spreadsheet adds (names that match no record, or several) is refused here.

/** A column of the file and the field it feeds. */
export interface MappedColumn {
  index: number
  header: string
  field: string
}

export interface References {
  organizations: NameIndex
  menus: NameIndex
  programs: NameIndex
  projects: NameIndex
}

export interface RowValues {
  /** The `id` cell as read (a number, or the text when it is none); undefined without one. */
  id: number | string | undefined
  /** Field → value, as the API's body has them; a field whose cell names no record is left out. */
  values: Record<string, unknown>
  /** A field no column gives, read from another's cell: a date's precision. */
  implied: string | undefined
  problems: FieldProblem[]
}

const REFERENCE: Partial<Record<CellKind, keyof References>> = {
  organization: 'organizations',
  organizations: 'organizations',
  menu: 'menus',
  program: 'programs',
  project: 'projects',
  projects: 'projects',
}

export function readRow(
  kind: ImportKind,
  columns: readonly MappedColumn[],
  cells: readonly string[],
  references: References,
): RowValues {
  const spec = KINDS[kind]
  const values: Record<string, unknown> = {}
  const problems: FieldProblem[] = []
  let id: RowValues['id']
  let precision: 'day' | 'month' | undefined

  const resolve = (cellKind: CellKind, text: string, field: string) => {
    const index = REFERENCE[cellKind]
    if (index === undefined) return undefined
    const resolved = references[index].resolve(text)
    if ('id' in resolved) return resolved.id
    problems.push({ field, ...resolved.problem })
    return undefined
  }

  for (const { index, field } of columns) {
    const text = (cells[index] ?? '').trim()
    const cellKind = spec.cells[field]
    if (cellKind === undefined) continue
    if (cellKind === 'id') {
      if (text !== '') id = readInteger(text)
      continue
    }
    const path = `body.${field}`
    if (text === '') {
      if (cellKind === 'organizations' || cellKind === 'projects' || cellKind === 'findings')
        values[field] = []
      else if (nullable(spec.create, field)) values[field] = null
      continue
    }
    switch (cellKind) {
      case 'text':
        values[field] = text
        break
      case 'fy':
        values[field] = parseFiscalYear(text) ?? text
        break
      case 'date': {
        const date = readDate(text)
        values[field] = date?.date ?? text
        if (field === spec.dated?.date) precision = date?.precision
        break
      }
      case 'integer':
        values[field] = readInteger(text)
        break
      case 'boolean':
        values[field] = readBoolean(text)
        break
      case 'enum':
        values[field] = readEnum(text, allowedValues(spec.create, field))
        break
      case 'findings':
        values[field] = splitList(text).map(readInteger)
        break
      case 'organizations': {
        const ids = splitList(text).map((item, i) => resolve(cellKind, item, `${path}.${i}.orgId`))
        if (ids.every((orgId) => orgId !== undefined)) values[field] = ids.map((orgId) => ({ orgId }))
        break
      }
      case 'projects': {
        const ids = splitList(text).map((item, i) => resolve(cellKind, item, `${path}.${i}`))
        if (ids.every((projectId) => projectId !== undefined)) values[field] = ids
        break
      }
      default: {
        const resolved = resolve(cellKind, text, path)
        if (resolved !== undefined) values[field] = resolved
      }
    }
  }

  // A date read from its cell brings its precision (a month alone: month), unless a column gives it.
  const dated = spec.dated
  let implied: string | undefined
  if (dated && dated.date in values && values[dated.precision] == null) {
    if (values[dated.date] === null) values[dated.precision] = null
    else if (precision) values[dated.precision] = precision
    else delete values[dated.precision]
    implied = dated.precision
  }
  return { id, values, implied, problems }
}
