import { computed, onScopeDispose, type Ref, ref, shallowRef, watch } from 'vue'
import { ApiError } from '../api/client.ts'
import { changedFields, type FieldErrors, type FieldProblem, fieldErrors } from './field-errors.ts'

export interface RecordFormOptions<R extends { id: number; version: number }, D, C extends object> {
  /** The record's id; undefined for a new one. A change loads the other record. */
  id: () => number | undefined
  load: (id: number, signal: AbortSignal) => Promise<R>
  /** The form's values for a record, or for a new one. */
  toDraft: (record: R | undefined) => D
  /** The request body the values stand for, and the problems found reading them (a number that is not one). */
  toBody: (draft: D) => { body: C; problems: FieldProblem[] }
  create: (body: C) => Promise<R>
  update: (id: number, body: Partial<C> & { version: number }) => Promise<R>
  remove: (id: number) => Promise<void>
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged'

const asApiError = (failure: unknown) =>
  failure instanceof ApiError
    ? failure
    : new ApiError({ statusCode: 0, error: 'Error', message: String((failure as Error)?.message ?? failure) })

/**
 * One record's form: loads it, keeps the values being edited, and saves only what changed with the version
 * read. The API's problems land under their fields; a 409 (changed meanwhile) offers to reload, which takes
 * the latest version and drops the edits made on the stale one.
 */
export function useRecordForm<R extends { id: number; version: number }, D, C extends object>(
  options: RecordFormOptions<R, D, C>,
) {
  const record = shallowRef<R>()
  const draft = ref(options.toDraft(undefined)) as Ref<D>
  const loading = ref(false)
  const loadError = shallowRef<ApiError>()
  const saving = ref(false)
  const saveError = shallowRef<ApiError>()
  /** Why a delete was refused: not a problem of any field here (another record refers to this one). */
  const deleteError = shallowRef<ApiError>()
  const localProblems = shallowRef<FieldProblem[]>([])
  const saved = ref<SaveOutcome>()
  const deleted = ref(false)
  let controller: AbortController | undefined

  function clearMessages() {
    saveError.value = undefined
    deleteError.value = undefined
    localProblems.value = []
    saved.value = undefined
  }

  function take(next: R | undefined) {
    record.value = next
    draft.value = options.toDraft(next)
  }

  async function load(id: number | undefined) {
    controller?.abort()
    loadError.value = undefined
    if (id === undefined) {
      take(undefined)
      return
    }
    const own = new AbortController()
    controller = own
    loading.value = true
    try {
      const next = await options.load(id, own.signal)
      if (!own.signal.aborted) take(next)
    } catch (failure) {
      if (!own.signal.aborted) loadError.value = asApiError(failure)
    } finally {
      if (controller === own) loading.value = false
    }
  }

  // A record just created is already held: its new URL needs no second request.
  watch(options.id, (id) => {
    if (id !== undefined && record.value?.id === id) return
    clearMessages()
    void load(id)
  })
  void load(options.id())
  onScopeDispose(() => controller?.abort())

  const base = computed(() => options.toBody(options.toDraft(record.value)).body)
  const current = computed(() => options.toBody(draft.value))
  const changes = computed(() => changedFields(current.value.body, base.value))
  const dirty = computed(() => Object.keys(changes.value).length > 0)

  const problems = computed<FieldProblem[]>(() => [
    ...localProblems.value,
    ...(saveError.value?.body.errors ?? []),
  ])
  const errors = computed<FieldErrors>(() => fieldErrors(problems.value))
  /**
   * Someone else changed the record since it was read (the API's 409 names the version): only reloading helps.
   * Another 409 (a name or a year that another record holds) is a problem of its field, shown beside it.
   */
  const conflict = computed(
    () =>
      saveError.value?.status === 409 &&
      record.value !== undefined &&
      problems.value.some((problem) => problem.field === 'body.version'),
  )

  async function save(): Promise<R | undefined> {
    if (saving.value) return undefined
    clearMessages()
    const { body, problems: found } = current.value
    if (found.length > 0) {
      localProblems.value = found
      return undefined
    }
    const held = record.value
    if (held && !dirty.value) {
      saved.value = 'unchanged'
      return held
    }
    saving.value = true
    try {
      const next = held
        ? await options.update(held.id, { version: held.version, ...changes.value })
        : await options.create(body)
      take(next)
      saved.value = held ? 'updated' : 'created'
      return next
    } catch (failure) {
      saveError.value = asApiError(failure)
      return undefined
    } finally {
      saving.value = false
    }
  }

  /** The latest version from the server, replacing the values being edited. */
  async function reload() {
    clearMessages()
    await load(record.value?.id ?? options.id())
  }

  async function destroy(): Promise<boolean> {
    const held = record.value
    if (!held || saving.value) return false
    clearMessages()
    saving.value = true
    try {
      await options.remove(held.id)
      deleted.value = true
      return true
    } catch (failure) {
      deleteError.value = asApiError(failure)
      return false
    } finally {
      saving.value = false
    }
  }

  return {
    record,
    draft,
    loading,
    loadError,
    saving,
    saveError,
    deleteError,
    problems,
    errors,
    conflict,
    saved,
    deleted,
    dirty,
    save,
    reload,
    destroy,
  }
}

export type RecordForm = ReturnType<typeof useRecordForm>
