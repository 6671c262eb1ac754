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
  Visibility,
} from './common.ts'
import { DashboardFilters } from './filters.ts'
import { EvidenceLevel, ProjectSummary } from './findings.ts'

export const OutcomeKind = Type.Enum([
  'product',
  'test_sale',
  'variety_application',
  'variety_registration',
  'award',
  'press_release',
  'patent',
  'hire',
  'other',
])
export type OutcomeKind = Static<typeof OutcomeKind>

/** Text the database also refuses when blank: at least one non-space character. */
const Filled = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })

const outcomeFields = {
  id: Id,
  ref: Nullable(Type.String()),
  projectId: Id,
  kind: OutcomeKind,
  titleJa: Type.String(),
  titleEn: Nullable(Type.String()),
  descriptionJa: Nullable(Type.String()),
  descriptionEn: Nullable(Type.String()),
  fy: Nullable(FiscalYear),
  occurredOn: Nullable(IsoDate),
  datePrecision: Nullable(DatePrecision),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const OutcomeListItem = Type.Object({
  ...outcomeFields,
  project: ProjectSummary,
  restsOn: Type.Array(Id, { description: 'ids of the findings the outcome rests on' }),
})
export type OutcomeListItem = Static<typeof OutcomeListItem>
export const OutcomeList = ListOf(OutcomeListItem)
export type OutcomeList = Static<typeof OutcomeList>

export const Outcome = Type.Object({
  ...outcomeFields,
  project: ProjectSummary,
  restsOn: Type.Array(
    Type.Object({
      id: Id,
      statementJa: Type.String(),
      statementEn: Nullable(Type.String()),
      evidenceLevel: EvidenceLevel,
    }),
    { description: 'the findings the outcome rests on' },
  ),
})
export type Outcome = Static<typeof Outcome>

export const OutcomeQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'fy', 'occurredOn', 'titleJa', 'kind']),
    ...DashboardFilters,
    kind: Type.Optional(
      Type.Array(OutcomeKind, {
        minItems: 1,
        maxItems: 9,
        description: 'one or several: kind=product&kind=test_sale',
      }),
    ),
    projectId: Type.Optional(Id),
    q: Type.Optional(Text(200)),
  },
  {
    additionalProperties: false,
    description:
      "fyFrom/fyTo bound the outcome's own FY (outcomes without one are left out); q matches the titles",
  },
)
export type OutcomeQuery = Static<typeof OutcomeQuery>

const writable = {
  projectId: Id,
  kind: OutcomeKind,
  titleJa: Filled(500),
  titleEn: Nullable(Filled(500)),
  descriptionJa: Nullable(Filled(4000)),
  descriptionEn: Nullable(Filled(4000)),
  fy: Nullable(FiscalYear),
  occurredOn: Nullable(IsoDate),
  datePrecision: Nullable(DatePrecision),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  restsOn: Type.Array(Id, {
    maxItems: 200,
    description: 'ids of the findings it rests on; on update, replaces the set',
  }),
}

export const OutcomeCreate = Type.Object(
  {
    projectId: writable.projectId,
    kind: writable.kind,
    titleJa: writable.titleJa,
    ...Type.Partial(
      Type.Object({
        titleEn: writable.titleEn,
        descriptionJa: writable.descriptionJa,
        descriptionEn: writable.descriptionEn,
        fy: writable.fy,
        occurredOn: writable.occurredOn,
        datePrecision: writable.datePrecision,
        visibility: writable.visibility,
        embargoUntil: writable.embargoUntil,
        restsOn: writable.restsOn,
      }),
    ).properties,
  },
  {
    additionalProperties: false,
    description:
      'fy defaults to the fiscal year of occurredOn and must agree with it; datePrecision defaults to day when ' +
      'occurredOn is given',
  },
)
export type OutcomeCreate = Static<typeof OutcomeCreate>

export const OutcomeUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(writable)).properties },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type OutcomeUpdate = Static<typeof OutcomeUpdate>
