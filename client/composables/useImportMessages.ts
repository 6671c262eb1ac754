import { useI18n } from 'vue-i18n'
import type { ImportRow } from '../../server/schemas/record-import.ts'
import { useProblemMessage } from './problem-messages.ts'

// The import report in the reader's language: field names, and why a row is refused. The API's reasons are
// said as the record forms say them (problem-messages.ts); the import's own (a name that matches no record,
// two rows for one record) and records the forms never refer to (outcomes, events) here.

type RowProblem = ImportRow['problems'][number]

const FORM_RECORDS = new Set(['project', 'organization', 'finding', 'menu', 'program'])

export function useImportMessages() {
  const { t, te } = useI18n()
  const say = useProblemMessage()

  const fieldName = (field: string) => (te(`imports.fields.${field}`) ? t(`imports.fields.${field}`) : field)
  const recordName = (record: unknown) =>
    typeof record !== 'string'
      ? ''
      : FORM_RECORDS.has(record)
        ? t(`forms.reasons.records.${record}`)
        : te(`imports.records.${record}`)
          ? t(`imports.records.${record}`)
          : record

  function problemMessage(problem: RowProblem): string {
    const params = problem.params ?? {}
    switch (problem.keyword) {
      case 'unknownName':
        return t('imports.reasons.unknownName', { name: params.name, record: recordName(params.record) })
      case 'ambiguousName':
        return t('imports.reasons.ambiguousName', {
          name: params.name,
          record: recordName(params.record),
          ids: Array.isArray(params.ids) ? params.ids.join(', #') : '',
        })
      case 'sameRecord':
        return t('imports.reasons.sameRecord', { line: params.line })
      case 'unknownRecord':
        if (!FORM_RECORDS.has(String(params.record)))
          return t('imports.reasons.unknownRecord', { record: recordName(params.record), id: params.id })
        return say(problem)
      default:
        return say(problem)
    }
  }

  return { fieldName, problemMessage }
}
