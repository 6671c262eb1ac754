import type { Outcome, OutcomeCreate, OutcomeKind } from '../../server/schemas/outcomes.ts'
import { BodyBuilder, type FieldProblem, textOrNull } from '../composables/field-errors.ts'
import { type Publication, publicationOf, shown } from './common.ts'
import type { BodyOptions } from './finding.ts'

export interface OutcomeDraft extends Publication {
  projectId: number | undefined
  kind: OutcomeKind
  titleJa: string
  titleEn: string
  descriptionJa: string
  descriptionEn: string
  occurredOn: string
  datePrecision: 'day' | 'month'
  fy: string
  /** The ids of the findings it rests on, in the order they were ticked. */
  restsOn: number[]
}

export function outcomeDraft(outcome: Outcome | undefined, projectId?: number): OutcomeDraft {
  return {
    projectId: outcome?.projectId ?? projectId,
    kind: outcome?.kind ?? 'product',
    titleJa: outcome?.titleJa ?? '',
    titleEn: shown(outcome?.titleEn),
    descriptionJa: shown(outcome?.descriptionJa),
    descriptionEn: shown(outcome?.descriptionEn),
    occurredOn: shown(outcome?.occurredOn),
    datePrecision: outcome?.datePrecision ?? 'day',
    fy: shown(outcome?.fy),
    ...publicationOf(outcome),
    restsOn: (outcome?.restsOn ?? []).map((f) => f.id),
  }
}

/**
 * The FY goes only for an outcome without a date (the API derives it from the date and refuses one that
 * disagrees); the precision only with a date.
 */
export function outcomeBody(
  draft: OutcomeDraft,
  { publish, messages }: BodyOptions,
): { body: OutcomeCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const occurredOn = textOrNull(draft.occurredOn)
  const fy = read.integer('fy', draft.fy)
  const body: OutcomeCreate = {
    projectId: read.required('projectId', draft.projectId) ?? 0,
    kind: draft.kind,
    titleJa: read.requiredText('titleJa', draft.titleJa),
    titleEn: textOrNull(draft.titleEn),
    descriptionJa: textOrNull(draft.descriptionJa),
    descriptionEn: textOrNull(draft.descriptionEn),
    occurredOn,
    datePrecision: occurredOn ? draft.datePrecision : null,
    fy: occurredOn ? undefined : fy,
    restsOn: [...draft.restsOn].sort((a, b) => a - b),
  }
  if (body.fy === undefined) delete body.fy
  if (publish) {
    body.visibility = draft.visibility
    body.embargoUntil = textOrNull(draft.embargoUntil)
  }
  return { body, problems: read.problems }
}
