import type { Event, EventCreate, EventKind } from '../../server/schemas/events.ts'
import { BodyBuilder, type FieldProblem, textOrNull } from '../composables/field-errors.ts'
import { rowKey, shown } from './common.ts'

export interface EventDraft {
  kind: EventKind
  titleJa: string
  titleEn: string
  heldOn: string
  datePrecision: 'day' | 'month'
  fy: string
  city: string
  venue: string
  attendance: string
  projects: { key: number; id: number | undefined }[]
}

export function eventDraft(event: Event | undefined): EventDraft {
  return {
    kind: event?.kind ?? 'seminar',
    titleJa: event?.titleJa ?? '',
    titleEn: shown(event?.titleEn),
    heldOn: shown(event?.heldOn),
    datePrecision: event?.datePrecision ?? 'day',
    fy: shown(event?.fy),
    city: shown(event?.city),
    venue: shown(event?.venue),
    attendance: shown(event?.attendance),
    projects: (event?.projects ?? []).map((p) => ({ key: rowKey(), id: p.id })),
  }
}

/** As for outcomes: the FY goes only for an event without a date, the precision only with one. */
export function eventBody(
  draft: EventDraft,
  messages: ConstructorParameters<typeof BodyBuilder>[0],
): { body: EventCreate; problems: FieldProblem[] } {
  const read = new BodyBuilder(messages)
  const heldOn = textOrNull(draft.heldOn)
  const fy = read.integer('fy', draft.fy)
  const body: EventCreate = {
    kind: draft.kind,
    titleJa: read.requiredText('titleJa', draft.titleJa),
    titleEn: textOrNull(draft.titleEn),
    heldOn,
    datePrecision: heldOn ? draft.datePrecision : null,
    city: textOrNull(draft.city),
    venue: textOrNull(draft.venue),
    attendance: read.integer('attendance', draft.attendance),
    projectIds: draft.projects.map((p, i) => read.required(`projectIds.${i}`, p.id) ?? 0),
  }
  if (!heldOn && fy !== null) body.fy = fy
  return { body, problems: read.problems }
}
