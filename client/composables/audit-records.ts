import { HISTORY_TABLES } from '../../server/domain/audit-tables.ts'
import type { AuditEntry, HistoryParams } from '../../server/schemas/audit.ts'
import type { Locale } from '../i18n/index.ts'
import { localText } from './record-labels.ts'

// Where an audit row leads: the record it is about (a metabolite result's row is about its finding), that
// record's page in the dashboard, and its history page.

export type RecordTable = HistoryParams['table']

/** The records whose history the dashboard shows (the `/history/:table/:id` route, client/routes/editing.ts). */
export const HISTORY_PAGE_TABLES = [
  'projects',
  'findings',
  'outcomes',
  'events',
  'organizations',
  'kpi_targets',
  'project_grants',
  'users',
] as const

const OWNER = new Map<string, RecordTable>(
  Object.entries(HISTORY_TABLES).flatMap(([record, tables]) =>
    tables.map((table) => [table, record as RecordTable] as const),
  ),
)

/** The record a row is, or belongs to; undefined for a row without one. */
export function auditRecord(entry: Pick<AuditEntry, 'table' | 'recordId'>): HistoryParams | undefined {
  const table = OWNER.get(entry.table)
  return table === undefined || entry.recordId === null ? undefined : { table, id: entry.recordId }
}

const PAGES: Partial<Record<RecordTable, (id: number, projectId: number | undefined) => string | undefined>> =
  {
    projects: (id) => `/projects/${id}`,
    findings: (id) => `/findings/${id}/edit`,
    outcomes: (id) => `/outcomes/${id}/edit`,
    events: (id) => `/events/${id}/edit`,
    organizations: (id) => `/organizations/${id}/edit`,
    kpi_targets: (id) => `/targets/${id}/edit`,
    project_grants: (id, projectId) =>
      projectId === undefined ? undefined : `/projects/${projectId}/grants/${id}/edit`,
    users: () => '/users',
  }

/** The project a grant's row names (its form lives under the project). */
export function projectOf(entry: Pick<AuditEntry, 'before' | 'after'>): number | undefined {
  const projectId = entry.after?.projectId ?? entry.before?.projectId
  return typeof projectId === 'number' ? projectId : undefined
}

/** The record's own page (a project's page, else its form), where the dashboard has one. */
export const recordPage = ({ table, id }: HistoryParams, projectId?: number): string | undefined =>
  PAGES[table]?.(id, projectId)

export const historyPage = ({ table, id }: HistoryParams): string | undefined =>
  (HISTORY_PAGE_TABLES as readonly string[]).includes(table) ? `/history/${table}/${id}` : undefined

/** The columns that name a record, Japanese and English. */
const TITLES: Partial<Record<RecordTable, readonly [string, string]>> = {
  projects: ['themeJa', 'themeEn'],
  findings: ['statementJa', 'statementEn'],
  outcomes: ['titleJa', 'titleEn'],
  events: ['titleJa', 'titleEn'],
  organizations: ['nameJa', 'nameEn'],
  users: ['displayName', 'displayName'],
  decks: ['name', 'name'],
}

/** The record's title as the row holds it (after the change, or before a deletion); only for its own row. */
export function auditTitle(
  entry: Pick<AuditEntry, 'table' | 'before' | 'after'>,
  locale: Locale,
): string | undefined {
  const columns = TITLES[entry.table as RecordTable]
  const row = entry.after ?? entry.before
  if (!columns || !row) return undefined
  const [ja, en] = columns.map((column) => row[column])
  return typeof ja === 'string' ? localText(ja, typeof en === 'string' ? en : null, locale) : undefined
}
