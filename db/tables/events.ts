import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { DatePrecision, IsoDate, Versioned } from './common.ts'

export type EventKind = 'seminar' | 'research_presentation' | 'technology_seminar'

export interface EventsTable extends Versioned {
  id: Generated<number>
  ref: string | null
  kind: EventKind
  titleJa: string
  titleEn: string | null
  fy: number
  heldOn: IsoDate | null
  datePrecision: DatePrecision | null
  city: string | null
  venue: string | null
  /** null: not reported. */
  attendance: number | null
}

export interface EventProjectsTable {
  eventId: number
  projectId: number
}

export type Event = Selectable<EventsTable>
export type NewEvent = Insertable<EventsTable>
export type EventUpdate = Updateable<EventsTable>
