import {
  onScopeDispose,
  onServerPrefetch,
  type Ref,
  ref,
  type ShallowRef,
  shallowRef,
  toValue,
  useId,
  type WatchSource,
  watch,
} from 'vue'
import { ApiError } from '../api/client.ts'
import { useRenderedState } from '../ssr/rendered-state.ts'

export interface AsyncState<T> {
  data: ShallowRef<T | undefined>
  error: ShallowRef<ApiError | undefined>
  loading: Ref<boolean>
  reload: () => Promise<void>
}

export interface UseAsyncOptions<T, K> {
  /** Loads the data; called again whenever `key` changes. A newer call aborts the one under way. */
  load: (key: K, signal: AbortSignal) => Promise<T>
  key: WatchSource<K>
}

const asApiError = (failure: unknown) =>
  failure instanceof ApiError
    ? failure
    : new ApiError({
        statusCode: 0,
        error: 'Error',
        message: String((failure as Error)?.message ?? failure),
      })

/**
 * Loading and error states for one request; the last data stays shown while the next one loads. On a page
 * the server renders, the server waits for the load and sends its answer with the page; the browser starts
 * from that answer, and loads again only when the key changes.
 */
export function useAsync<T, K>({ load, key }: UseAsyncOptions<T, K>): AsyncState<T> {
  const data = shallowRef<T>()
  const error = shallowRef<ApiError>()
  const loading = ref(false)
  const id = useId()
  const rendered = useRenderedState()
  let controller: AbortController | undefined
  let current: K

  async function run(value: K) {
    controller?.abort()
    const own = new AbortController()
    controller = own
    current = value
    loading.value = true
    error.value = undefined
    try {
      const result = await load(value, own.signal)
      if (own.signal.aborted) return
      data.value = result
    } catch (failure) {
      if (own.signal.aborted) return
      error.value = asApiError(failure)
    } finally {
      if (controller === own) loading.value = false
    }
  }

  const reload = () => run(current)

  // Registered on both sides: Vue numbers `useId()` by the components that have one (async boundaries), and
  // the browser must number them as the server did.
  onServerPrefetch(async () => {
    if (rendered?.side !== 'server') return
    const value = toValue(key)
    await run(value)
    rendered.keep(
      id,
      JSON.stringify(value) ?? '',
      error.value ? { error: error.value.body } : { data: data.value },
    )
  })
  if (rendered?.side === 'server') return { data, error, loading, reload }

  const initial = toValue(key)
  const answer = rendered?.take(id, JSON.stringify(initial) ?? '')
  if (answer) {
    current = initial
    if ('error' in answer) error.value = new ApiError(answer.error)
    else data.value = answer.data as T
  }
  watch(key, run, { immediate: !answer, deep: true })
  onScopeDispose(() => controller?.abort())

  return { data, error, loading, reload }
}
