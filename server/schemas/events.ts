import { type Static, Type } from 'typebox'
import {
  DatePrecision,
  FiscalYear,
  Id,
  IsoDate,
  ListOf,
  Nullable,
  Paging,
  Sort,
  Text,
  Timestamp,
  Version,
} from './common.ts'
import { ProjectSummary } from './findings.ts'

export const EventKind = Type.Enum(['seminar', 'research_presentation', 'technology_seminar'])
export type EventKind = Static<typeof EventKind>

/** Text the database also refuses when blank: at least one non-space character. */
const Filled = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })

const eventFields = {
  id: Id,
  ref: Nullable(Type.String()),
  kind: EventKind,
  titleJa: Type.String(),
  titleEn: Nullable(Type.String()),
  fy: FiscalYear,
  heldOn: Nullable(IsoDate),
  datePrecision: Nullable(DatePrecision),
  city: Nullable(Type.String()),
  venue: Nullable(Type.String()),
  attendance: Nullable(Type.Integer({ minimum: 0, description: 'null: not reported' })),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const EventListItem = Type.Object({
  ...eventFields,
  projectIds: Type.Array(Id, { description: 'ids of the projects presented' }),
})
export type EventListItem = Static<typeof EventListItem>
export const EventList = ListOf(EventListItem)
export type EventList = Static<typeof EventList>

export const Event = Type.Object({
  ...eventFields,
  projects: Type.Array(ProjectSummary, { description: 'the projects presented' }),
})
export type Event = Static<typeof Event>

export const EventQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'fy', 'heldOn', 'kind', 'titleJa', 'city', 'attendance']),
    fyFrom: Type.Optional(FiscalYear),
    fyTo: Type.Optional(FiscalYear),
    kind: Type.Optional(
      Type.Array(EventKind, {
        minItems: 1,
        maxItems: 3,
        description: 'one or several: kind=seminar&kind=technology_seminar',
      }),
    ),
    city: Type.Optional(Text(50)),
    project: Type.Optional(Id),
    q: Type.Optional(Text(200)),
  },
  {
    additionalProperties: false,
    description:
      "fyFrom/fyTo bound the event's FY; project keeps the events where that project was presented; " +
      'q matches the titles, the venue and the city',
  },
)
export type EventQuery = Static<typeof EventQuery>

const writable = {
  kind: EventKind,
  titleJa: Filled(500),
  titleEn: Nullable(Filled(500)),
  fy: FiscalYear,
  heldOn: Nullable(IsoDate),
  datePrecision: Nullable(DatePrecision),
  city: Nullable(Filled(50)),
  venue: Nullable(Filled(200)),
  attendance: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'null: not reported' })),
  projectIds: Type.Array(Id, {
    maxItems: 200,
    description: 'ids of the projects presented; on update, replaces the set',
  }),
}

const DATING =
  'The FY follows heldOn; send fy only for an event without a date (a fy that disagrees with heldOn is refused). ' +
  'datePrecision defaults to day when heldOn is given.'

export const EventCreate = Type.Object(
  {
    kind: writable.kind,
    titleJa: writable.titleJa,
    ...Type.Partial(
      Type.Object({
        titleEn: writable.titleEn,
        fy: writable.fy,
        heldOn: writable.heldOn,
        datePrecision: writable.datePrecision,
        city: writable.city,
        venue: writable.venue,
        attendance: writable.attendance,
        projectIds: writable.projectIds,
      }),
    ).properties,
  },
  { additionalProperties: false, description: DATING },
)
export type EventCreate = Static<typeof EventCreate>

export const EventUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(writable)).properties },
  {
    additionalProperties: false,
    minProperties: 2,
    description: `the version read, and at least one change. ${DATING}`,
  },
)
export type EventUpdate = Static<typeof EventUpdate>
