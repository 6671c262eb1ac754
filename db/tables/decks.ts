import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Versioned } from './common.ts'

/** JSON columns: written as JSON text (so that `pg` never sends an array as a PostgreSQL array), read parsed. */
type Json<T> = ColumnType<T, string, string>

/** The API's shapes of a slide, of the filters and of the kept figures (server/schemas/decks.ts). */
export interface DeckSlideJson {
  kind: 'title' | 'kpis' | 'adoptions' | 'products' | 'attendance' | 'project'
  projectId?: number
}

export interface DecksTable extends Versioned {
  id: Generated<number>
  name: string
  subtitle: string | null
  slides: Json<DeckSlideJson[]>
  filters: ColumnType<Record<string, unknown>, string | undefined, string>
  locale: ColumnType<'ja' | 'en', 'ja' | 'en' | undefined, 'ja' | 'en'>
  autoAdvanceSeconds: number | null
  /** The figures an anonymous visitor saw when the deck was frozen; null while it shows live data. */
  snapshot: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  frozenAt: ColumnType<string | null, string | null | undefined, string | null>
}

export type DeckRow = Selectable<DecksTable>
export type NewDeck = Insertable<DecksTable>
export type DeckRowUpdate = Updateable<DecksTable>
