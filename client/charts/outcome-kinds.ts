import type { OutcomeKind } from '../../server/schemas/outcomes.ts'
import { UNKNOWN_COLOR } from './common.ts'
import type { ChartContext } from './types.ts'

// Every outcome kind with its colour, in display order (commercialization first). Keyed by the API's kinds,
// so a kind added to the schema fails to compile here until it has a colour and a place.
const KIND_COLORS: Record<OutcomeKind, string> = {
  product: '#009e73',
  test_sale: '#56b4e9',
  variety_application: '#e69f00',
  variety_registration: '#d55e00',
  award: '#cc79a7',
  press_release: '#0072b2',
  patent: '#b8a000',
  hire: '#6a3d9a',
  other: UNKNOWN_COLOR,
}

export const OUTCOME_KINDS = Object.keys(KIND_COLORS) as OutcomeKind[]

export const isOutcomeKind = (value: unknown): value is OutcomeKind =>
  typeof value === 'string' && Object.hasOwn(KIND_COLORS, value)

export const kindColor = (kind: string) => (isOutcomeKind(kind) ? KIND_COLORS[kind] : UNKNOWN_COLOR)

/** The kind's name in the current language; an unknown kind shows as it is rather than as a message key. */
export function kindName(kind: string, ctx: Pick<ChartContext, 't'>) {
  const key = `outcomeKinds.${kind}`
  const name = ctx.t(key)
  return name === key ? kind : name
}

/** The kinds present in `items`, in display order. */
export const kindsIn = (items: { kind: string }[]) => {
  const present = new Set(items.map((item) => item.kind))
  return [
    ...OUTCOME_KINDS.filter((kind) => present.has(kind)),
    ...[...present].filter((k) => !isOutcomeKind(k)),
  ]
}
