import { computed } from 'vue'
import { type LocationQuery, useRoute, useRouter } from 'vue-router'

const MAX_LENGTH = 200

/** `?q=` as the API accepts it: trimmed, at most 200 characters; empty means no search. */
export function parseSearch(query: LocationQuery): string | undefined {
  const raw = Array.isArray(query.q) ? query.q[0] : query.q
  const text = typeof raw === 'string' ? raw.trim().slice(0, MAX_LENGTH) : ''
  return text === '' ? undefined : text
}

/** A page's search text, kept in the URL (`?q=`) beside the dashboard filters. */
export function useSearchQuery() {
  const route = useRoute()
  const router = useRouter()
  const q = computed(() => parseSearch(route.query))

  function setSearch(text: string) {
    const value = text.trim().slice(0, MAX_LENGTH)
    const { q: _, ...rest } = route.query
    return router.push({ path: route.path, query: value ? { ...rest, q: value } : rest, hash: route.hash })
  }

  return { q, setSearch }
}
