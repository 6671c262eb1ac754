import type { ImportKind } from '../../../db/tables/import-mappings.ts'
import type { FieldProblem } from '../../domain/errors.ts'
import { fieldsOf } from './fields.ts'
import { suggestFields } from './headers.ts'
import type { MappedColumn } from './row-values.ts'

// A mapping (column header → field) checked against a kind's fields, and applied to a file's header row.

/** What is wrong with a mapping for `kind`: fields the kind does not have, a field fed by two columns. */
export function mappingProblems(
  kind: ImportKind,
  columns: Record<string, string>,
  at: string,
): FieldProblem[] {
  const fields = fieldsOf(kind)
  const problems: FieldProblem[] = []
  const headersOf = new Map<string, string[]>()
  for (const [header, field] of Object.entries(columns)) {
    if (!fields.includes(field)) {
      problems.push({
        field: `${at}.${header}`,
        message: `${field} is not a field of ${kind}`,
        keyword: 'enum',
        params: { allowedValues: fields },
      })
    }
    headersOf.set(field, [...(headersOf.get(field) ?? []), header])
  }
  for (const [field, headers] of headersOf) {
    if (headers.length > 1) {
      problems.push({
        field: at,
        message: `${field} is fed by ${headers.length} columns (${headers.join(', ')}); map one`,
        keyword: 'fieldTwice',
        params: { field, headers },
      })
    }
  }
  return problems
}

export interface ColumnPlan {
  header: string
  field: string | null
  suggested: string | null
}

/**
 * Each header with the field it feeds: as `mapping` says, or as the header suggests when there is no mapping;
 * the mapping's headers the file lacks; and the columns to read.
 */
export function planColumns(kind: ImportKind, headers: readonly string[], mapping?: Record<string, string>) {
  const suggested = suggestFields(kind, fieldsOf(kind), headers)
  const plan: ColumnPlan[] = headers.map((header, index) => {
    const suggestion = suggested[index] ?? null
    return { header, field: mapping ? (mapping[header] ?? null) : suggestion, suggested: suggestion }
  })
  const columns: MappedColumn[] = plan.flatMap(({ header, field }, index) =>
    field === null ? [] : [{ index, header, field }],
  )
  const missing = mapping ? Object.keys(mapping).filter((header) => !headers.includes(header)) : []
  return { plan, columns, missing }
}
