import type { Grant, GrantCreate } from '../../server/schemas/projects.ts'
import { BodyBuilder, type FieldProblem } from '../composables/field-errors.ts'
import { grouped, shown } from './common.ts'

// A grant's amount is never guessed: a blank amount is refused here rather than sent as 0. A project whose
// amounts are not known has no grant at all, and its page says "not recorded".

export interface GrantDraft {
  fy: string
  amountYen: string
  eligibleCostYen: string
}

export function grantDraft(grant: Grant | undefined): GrantDraft {
  return {
    fy: shown(grant?.fy),
    amountYen: grouped(grant?.amountYen),
    eligibleCostYen: grouped(grant?.eligibleCostYen),
  }
}

/** Yen as people type it: `1,500,000`, `¥1500000`, `1500000円`. */
const yen = (value: string) => value.replace(/[¥￥円]/g, '')

export function grantBody(
  draft: GrantDraft,
  messages: ConstructorParameters<typeof BodyBuilder>[0],
): { body: GrantCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const body: GrantCreate = {
    fy: read.requiredInteger('fy', draft.fy) ?? 0,
    amountYen: read.requiredInteger('amountYen', yen(draft.amountYen)) ?? 0,
    eligibleCostYen: read.integer('eligibleCostYen', yen(draft.eligibleCostYen)),
  }
  return { body, problems: read.problems }
}
