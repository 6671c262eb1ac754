import { type Static, Type } from 'typebox'
import { Id, ListOf, Nullable, Paging, Sort, Timestamp, Version } from './common.ts'
import { DashboardFilterQuery } from './filters.ts'
import { ProjectDetail } from './projects.ts'
import { AdoptionStats, AttendanceStats, Overview, ProductStats } from './stats.ts'

// Seminar decks: the slides a presenter chose, in order, over the dashboard's filters. Decks are public (an
// anonymous visitor can present any of them) and are built on public data only: a project slide must show a
// public project, and a frozen deck keeps the figures an anonymous visitor saw when it was frozen.

/** The slides drawn from the program's figures; `project` shows one project, named by `projectId`. */
export const SLIDE_KINDS = ['title', 'kpis', 'adoptions', 'products', 'attendance', 'project'] as const
export const SlideKind = Type.Enum([...SLIDE_KINDS])
export type SlideKind = Static<typeof SlideKind>

export const Slide = Type.Object(
  {
    kind: SlideKind,
    projectId: Type.Optional(Id),
  },
  { additionalProperties: false, description: 'a `project` slide names its project; no other slide does' },
)
export type Slide = Static<typeof Slide>

export const DeckLocale = Type.Enum(['ja', 'en'], { description: 'the language the deck opens in' })
export type DeckLocale = Static<typeof DeckLocale>

/** Everything the slides draw, as one object: fetched live, or kept in a frozen deck. */
export const DeckFigures = Type.Object({
  asOf: Timestamp,
  overview: Overview,
  adoptions: AdoptionStats,
  products: ProductStats,
  attendance: AttendanceStats,
  projects: Type.Array(ProjectDetail, {
    description: 'the projects of the project slides that an anonymous visitor may see',
  }),
})
export type DeckFigures = Static<typeof DeckFigures>

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Subtitle = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' })
const Slides = Type.Array(Slide, { minItems: 1, maxItems: 60 })
const AutoAdvance = Type.Integer({
  minimum: 5,
  maximum: 600,
  description: 'seconds per slide when the deck advances by itself; null: by hand',
})

const deckFields = {
  id: Id,
  name: Type.String(),
  subtitle: Nullable(Type.String()),
  slides: Type.Array(Slide),
  filters: DashboardFilterQuery,
  locale: DeckLocale,
  autoAdvanceSeconds: Nullable(Type.Integer()),
  frozenAt: Nullable(Timestamp),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const DeckListItem = Type.Object(deckFields)
export type DeckListItem = Static<typeof DeckListItem>
export const DeckList = ListOf(DeckListItem)
export type DeckList = Static<typeof DeckList>

export const Deck = Type.Object({
  ...deckFields,
  snapshot: Nullable(DeckFigures),
})
export type Deck = Static<typeof Deck>

const writable = {
  name: Name,
  subtitle: Nullable(Subtitle),
  slides: Slides,
  filters: DashboardFilterQuery,
  locale: DeckLocale,
  autoAdvanceSeconds: Nullable(AutoAdvance),
}

export const DeckCreate = Type.Object(
  {
    name: writable.name,
    slides: writable.slides,
    subtitle: Type.Optional(writable.subtitle),
    filters: Type.Optional(writable.filters),
    locale: Type.Optional(writable.locale),
    autoAdvanceSeconds: Type.Optional(writable.autoAdvanceSeconds),
  },
  { additionalProperties: false, description: 'filters default to none, the language to Japanese' },
)
export type DeckCreate = Static<typeof DeckCreate>

export const DeckUpdate = Type.Object(
  {
    version: Version,
    ...Type.Partial(Type.Object(writable)).properties,
    frozen: Type.Optional(
      Type.Literal(false, {
        description: 'thaws a frozen deck: its kept figures are dropped and it shows live data again',
      }),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 2,
    description:
      'the version read, and at least one change; the slides and filters of a frozen deck change only with `frozen: false`',
  },
)
export type DeckUpdate = Static<typeof DeckUpdate>

export const DeckFreeze = Type.Object(
  { version: Version },
  { additionalProperties: false, description: 'the version read' },
)
export type DeckFreeze = Static<typeof DeckFreeze>

export const DeckQuery = Type.Object(
  { ...Paging, sort: Sort(['id', 'name', 'updatedAt']) },
  { additionalProperties: false },
)
export type DeckQuery = Static<typeof DeckQuery>
