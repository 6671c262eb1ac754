import { useI18n } from 'vue-i18n'
import type { AuditEntry } from '../../server/schemas/audit.ts'

// The words of the audit trail's pages: a table, a record, a column (by the label its form gives it), a person.

/** A record's name as its form titles it ("解析結果 #12"). */
const RECORD_LABELS: Record<string, string> = {
  findings: 'forms.finding.record',
  outcomes: 'forms.outcome.record',
  projects: 'forms.projectForm.record',
  events: 'forms.event.record',
  organizations: 'forms.organization.record',
  kpi_targets: 'forms.target.record',
  project_grants: 'forms.grant.record',
}
/** Where a table's columns have form labels. */
const FIELD_LABELS: Record<string, string> = {
  findings: 'forms.finding',
  metabolite_results: 'forms.finding',
  outcomes: 'forms.outcome',
  projects: 'forms.projectForm',
  events: 'forms.event',
  organizations: 'forms.organization',
  kpi_targets: 'forms.target',
  project_grants: 'forms.grant',
  users: 'users',
}

export function useAuditLabels() {
  const { t, te, tm } = useI18n()
  const tableName = (table: string) => t(`audit.tables.${table}`)
  const recordName = (table: string, id: number) => {
    const key = RECORD_LABELS[table]
    return key ? t(key, { id }) : `${tableName(table)} #${id}`
  }
  /** A column by its form's label, where a form has one; undefined otherwise (the column's name stands). */
  const fieldLabel = (table: string, field: string) => {
    const key = `${FIELD_LABELS[table] ?? ''}.${field}`
    return te(key) && typeof tm(key) === 'string' ? t(key) : undefined
  }
  const actorName = (actor: AuditEntry['actor']) =>
    actor === null
      ? t('audit.system')
      : (actor.displayName ?? actor.email ?? t('audit.deletedUser', { id: actor.id }))
  return { tableName, recordName, fieldLabel, actorName }
}
