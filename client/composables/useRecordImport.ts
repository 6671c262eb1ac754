import { computed, ref, shallowRef, watch } from 'vue'
import type { ImportKind, RecordImportReport } from '../../server/schemas/record-import.ts'
import { ApiError } from '../api/client.ts'
import { recordImports, refusedReport } from '../api/imports.ts'

// The import page's state: the kind and file chosen, the mapping of the file's columns (as the last check
// read them, then as the user changes them), the last report, and whether it may be committed. Every check
// uploads the file again: the server keeps nothing between a dry run and the commit.

/** Column header → field, or null for a column not read. */
export type ColumnChoice = Record<string, string | null>

const sent = (choice: ColumnChoice): Record<string, string> =>
  Object.fromEntries(Object.entries(choice).filter((entry): entry is [string, string] => entry[1] !== null))

const asError = (failure: unknown) =>
  failure instanceof ApiError
    ? failure
    : new ApiError({ statusCode: 0, error: 'Error', message: String((failure as Error)?.message ?? failure) })

export function useRecordImport(options: { initialKind: ImportKind }) {
  const kind = ref<ImportKind>(options.initialKind)
  const file = shallowRef<File>()
  const choice = ref<ColumnChoice>()
  const report = shallowRef<RecordImportReport>()
  const error = shallowRef<ApiError>()
  const busy = ref<'checking' | 'committing'>()
  /** The mapping the last report was made with, to tell whether the user changed it since. */
  const checkedWith = ref<string>()

  const mappingChanged = computed(
    () => choice.value !== undefined && JSON.stringify(sent(choice.value)) !== checkedWith.value,
  )
  const toWrite = computed(() => (report.value ? report.value.counts.create + report.value.counts.update : 0))
  const canCommit = computed(
    () =>
      report.value?.dryRun === true &&
      report.value.counts.refused === 0 &&
      toWrite.value > 0 &&
      !mappingChanged.value &&
      busy.value === undefined,
  )

  function take(answer: RecordImportReport) {
    report.value = answer
    choice.value = Object.fromEntries(answer.columns.map((column) => [column.header, column.field]))
    checkedWith.value = JSON.stringify(sent(choice.value))
  }

  async function run(dryRun: boolean, mapping: ColumnChoice | undefined) {
    const chosen = file.value
    if (!chosen) return
    busy.value = dryRun ? 'checking' : 'committing'
    error.value = undefined
    try {
      take(
        await recordImports.run({
          kind: kind.value,
          file: chosen,
          dryRun,
          mapping: mapping && sent(mapping),
        }),
      )
    } catch (failure) {
      const refusal = asError(failure)
      const refused = refusedReport(refusal)
      if (refused) take(refused)
      else report.value = undefined
      error.value = refusal
    } finally {
      busy.value = undefined
    }
  }

  /** A dry run with the columns as chosen (as the headers suggest, before any choice). */
  const check = () => run(true, choice.value)
  const commit = () => run(false, choice.value)
  /** A saved mapping's columns on this file's headers, then a check with them. */
  function applyMapping(columns: Record<string, string> | undefined) {
    choice.value = undefined
    return run(true, columns && { ...columns })
  }

  // A new file or kind starts over with the columns its headers suggest.
  watch([kind, file], () => {
    report.value = undefined
    choice.value = undefined
    checkedWith.value = undefined
    error.value = undefined
    void check()
  })

  return {
    kind,
    file,
    choice,
    report,
    error,
    busy,
    mappingChanged,
    toWrite,
    canCommit,
    check,
    commit,
    applyMapping,
  }
}
