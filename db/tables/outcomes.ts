import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { DatePrecision, IsoDate, Versioned, Visibility } from './common.ts'

export type OutcomeKind =
  | 'product'
  | 'test_sale'
  | 'variety_application'
  | 'variety_registration'
  | 'award'
  | 'press_release'
  | 'patent'
  | 'hire'
  | 'other'

export interface OutcomesTable extends Versioned {
  id: Generated<number>
  ref: string | null
  projectId: number
  kind: OutcomeKind
  titleJa: string
  titleEn: string | null
  descriptionJa: string | null
  descriptionEn: string | null
  /** null when the source gives neither a date nor a fiscal year. */
  fy: number | null
  occurredOn: IsoDate | null
  datePrecision: DatePrecision | null
  visibility: Generated<Visibility>
  embargoUntil: IsoDate | null
}

export interface OutcomeFindingsTable {
  outcomeId: number
  findingId: number
}

export type Outcome = Selectable<OutcomesTable>
export type NewOutcome = Insertable<OutcomesTable>
export type OutcomeUpdate = Updateable<OutcomesTable>
