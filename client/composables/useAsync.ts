import { onScopeDispose, type Ref, ref, type ShallowRef, shallowRef, type WatchSource, watch } from 'vue'
import { ApiError } from '../api/client.ts'

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

/** Loading and error states for one request; the last data stays shown while the next one loads. */
export function useAsync<T, K>({ load, key }: UseAsyncOptions<T, K>): AsyncState<T> {
  const data = shallowRef<T>()
  const error = shallowRef<ApiError>()
  const loading = ref(false)
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
      error.value =
        failure instanceof ApiError
          ? failure
          : new ApiError({
              statusCode: 0,
              error: 'Error',
              message: String((failure as Error)?.message ?? failure),
            })
    } finally {
      if (controller === own) loading.value = false
    }
  }

  watch(key, run, { immediate: true, deep: true })
  onScopeDispose(() => controller?.abort())

  return { data, error, loading, reload: () => run(current) }
}
