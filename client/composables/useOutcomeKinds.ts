import { computed } from 'vue'
import { type LocationQuery, useRoute, useRouter } from 'vue-router'
import type { OutcomeKind } from '../../server/schemas/outcomes.ts'
import { isOutcomeKind, OUTCOME_KINDS } from '../charts/outcome-kinds.ts'

/** `?kind=product&kind=test_sale` → the known kinds, once each, in display order; others are dropped. */
export function parseKinds(query: LocationQuery): OutcomeKind[] {
  const raw = query.kind
  const values = new Set((Array.isArray(raw) ? raw : [raw]).filter(isOutcomeKind))
  return OUTCOME_KINDS.filter((kind) => values.has(kind))
}

/** The outcomes page's kind filter, kept in the URL beside the dashboard filters (none selected: every kind). */
export function useOutcomeKinds() {
  const route = useRoute()
  const router = useRouter()
  const kinds = computed(() => parseKinds(route.query))

  function setKinds(next: OutcomeKind[]) {
    const ordered = OUTCOME_KINDS.filter((kind) => next.includes(kind))
    const { kind: _, ...rest } = route.query
    return router.push({
      path: route.path,
      query: ordered.length ? { ...rest, kind: ordered } : rest,
      hash: route.hash,
    })
  }

  const toggleKind = (kind: OutcomeKind) =>
    setKinds(kinds.value.includes(kind) ? kinds.value.filter((k) => k !== kind) : [...kinds.value, kind])

  return { kinds, setKinds, toggleKind }
}
