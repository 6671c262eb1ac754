import type { AuditEntry } from '../../server/schemas/audit.ts'

// What one audit entry changed, field by field: for an update the fields whose value differs, for a creation
// the values given, for a deletion the values that were. Bookkeeping columns are left out.

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const BOOKKEEPING = new Set(['id', 'version', 'createdAt', 'updatedAt'])
const given = (value: unknown) => value !== null && value !== undefined

export function auditChanges(entry: Pick<AuditEntry, 'action' | 'before' | 'after'>): FieldChange[] {
  const before = entry.before ?? {}
  const after = entry.after ?? {}
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => !BOOKKEEPING.has(f),
  )
  return fields
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
    .filter((change) => {
      if (entry.action === 'create') return given(change.after)
      if (entry.action === 'delete') return given(change.before)
      return JSON.stringify(change.before) !== JSON.stringify(change.after)
    })
}

/** A value as the history shows it: text as it is, anything else as JSON; undefined for "empty". */
export function auditValue(value: unknown): string | undefined {
  if (!given(value) || value === '') return undefined
  return typeof value === 'string' ? value : JSON.stringify(value)
}
