import { type Static, Type } from 'typebox'
import {
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
import { DashboardFilters, ResearchField } from './filters.ts'
import { MetaboliteCount, NamedMetaboliteResults } from './findings.ts'
import { CompanySize, OrganizationKind } from './organizations.ts'

export const ProjectStatus = Type.Enum(['planned', 'active', 'completed', 'discontinued'])
export type ProjectStatus = Static<typeof ProjectStatus>
export const ProgramCode = Type.String({
  pattern: '^[a-z][a-z0-9_]*$',
  maxLength: 50,
  description: 'program code',
})

/** Text the database also refuses when blank: at least one non-space character. */
const Filled = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })
const Yen = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'yen' })

export const ProgramRef = Type.Object({
  id: Id,
  code: Type.String(),
  nameJa: Type.String(),
  nameEn: Type.String(),
})
export const MenuRef = Type.Object({
  id: Id,
  code: Type.String(),
  nameJa: Type.String(),
  nameEn: Type.String(),
})
export const CompanyRef = Type.Object({
  id: Id,
  nameJa: Type.String(),
  nameEn: Nullable(Type.String()),
  municipality: Nullable(Type.String()),
})

const projectFields = {
  id: Id,
  ref: Nullable(Type.String()),
  adoptedFy: Nullable(FiscalYear),
  startFy: Nullable(FiscalYear),
  endFy: Nullable(FiscalYear),
  themeJa: Nullable(Type.String()),
  themeEn: Nullable(Type.String()),
  field: Nullable(ResearchField),
  status: Nullable(ProjectStatus),
  visibility: Visibility,
  detailsKnown: Type.Boolean({ description: 'false: an adoption the source counts but does not describe' }),
  version: Type.Integer(),
}

export const ProjectListItem = Type.Object({
  ...projectFields,
  program: ProgramRef,
  menu: Nullable(MenuRef),
  company: Nullable(CompanyRef),
  partnerCount: Type.Integer({ minimum: 0 }),
})
export type ProjectListItem = Static<typeof ProjectListItem>

export const ProjectList = ListOf(ProjectListItem)
export type ProjectList = Static<typeof ProjectList>

export const ProjectQuery = Type.Object(
  {
    ...Paging,
    sort: Sort([
      'id',
      'adoptedFy',
      'startFy',
      'endFy',
      'themeJa',
      'themeEn',
      'field',
      'status',
      'companyNameJa',
      'companyNameEn',
      'menuCode',
      'partnerCount',
    ]),
    ...DashboardFilters,
    program: Type.Optional(ProgramCode),
    status: Type.Optional(ProjectStatus),
    detailsKnown: Type.Optional(Type.Boolean()),
    q: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
)
export type ProjectQuery = Static<typeof ProjectQuery>

// The project page, in one response.

const Rate = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer() })
export const ProjectMenu = Type.Object({
  ...MenuRef.properties,
  maxYears: Type.Integer(),
  rates: Type.Object({ sme: Rate, large: Rate }),
  caps: Type.Array(Type.Object({ projectYear: Type.Integer(), capYen: Type.Integer() })),
})

export const ProjectPartner = Type.Object({
  org: Type.Object({
    id: Id,
    kind: OrganizationKind,
    nameJa: Type.String(),
    nameEn: Nullable(Type.String()),
  }),
  role: Nullable(Type.String()),
})

export const Grant = Type.Object({
  id: Id,
  projectId: Id,
  fy: FiscalYear,
  projectYear: Nullable(Type.Integer({ description: 'fy − startFy + 1' })),
  amountYen: Type.Integer(),
  eligibleCostYen: Nullable(Type.Integer()),
  version: Type.Integer(),
})
export type Grant = Static<typeof Grant>

export const ProjectFinding = Type.Object({
  id: Id,
  ref: Nullable(Type.String()),
  statementJa: Type.String(),
  statementEn: Nullable(Type.String()),
  materialJa: Nullable(Type.String()),
  materialEn: Nullable(Type.String()),
  comparisonJa: Nullable(Type.String()),
  comparisonEn: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  evidenceLevel: Type.Enum(['analytical', 'in_vitro', 'animal', 'human']),
  reportedOn: Nullable(IsoDate),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  version: Type.Integer(),
  metaboliteResults: NamedMetaboliteResults(
    Type.Object({
      id: Id,
      name: Nullable(Type.String()),
      hmdbId: Nullable(Type.String()),
      keggId: Nullable(Type.String()),
      chebiId: Nullable(Type.String()),
      pubchemCid: Nullable(Type.Integer()),
      inchikey: Nullable(Type.String()),
      direction: Nullable(Type.Enum(['up', 'down', 'unchanged'])),
      foldChange: Nullable(Type.Number()),
      pValue: Nullable(Type.Number()),
    }),
  ),
  metaboliteCount: MetaboliteCount,
})

export const ProjectOutcome = Type.Object({
  id: Id,
  ref: Nullable(Type.String()),
  kind: Type.String(),
  titleJa: Type.String(),
  titleEn: Nullable(Type.String()),
  descriptionJa: Nullable(Type.String()),
  descriptionEn: Nullable(Type.String()),
  fy: Nullable(FiscalYear),
  occurredOn: Nullable(IsoDate),
  datePrecision: Nullable(Type.Enum(['day', 'month'])),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  version: Type.Integer(),
  restsOn: Type.Array(Id, { description: 'ids of the findings the outcome rests on' }),
})

export const ProjectEvent = Type.Object({
  id: Id,
  kind: Type.String(),
  fy: FiscalYear,
  date: Nullable(IsoDate),
  datePrecision: Nullable(Type.Enum(['day', 'month'])),
  titleJa: Type.String(),
  titleEn: Nullable(Type.String()),
  city: Nullable(Type.String()),
  attendance: Nullable(Type.Integer()),
})

export const ProjectDetail = Type.Object({
  ...projectFields,
  embargoUntil: Nullable(IsoDate),
  sourceNote: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  program: ProgramRef,
  menu: Nullable(ProjectMenu),
  company: Nullable(
    Type.Object({ ...CompanyRef.properties, kind: OrganizationKind, size: Nullable(CompanySize) }),
  ),
  partners: Type.Array(ProjectPartner),
  grants: Type.Array(Grant),
  findings: Type.Array(ProjectFinding),
  outcomes: Type.Array(ProjectOutcome),
  events: Type.Array(ProjectEvent),
})
export type ProjectDetail = Static<typeof ProjectDetail>

// Writes.

const PartnerInput = Type.Object(
  { orgId: Id, role: Type.Optional(Nullable(Filled(200))) },
  { additionalProperties: false },
)

const writable = {
  programId: Id,
  menuId: Nullable(Id),
  adoptedFy: Nullable(FiscalYear),
  leadOrgId: Nullable(Id),
  themeJa: Nullable(Filled(500)),
  themeEn: Nullable(Filled(500)),
  startFy: Nullable(FiscalYear),
  endFy: Nullable(FiscalYear),
  field: Nullable(ResearchField),
  status: Nullable(ProjectStatus),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  detailsKnown: Type.Boolean(),
  sourceNote: Nullable(Filled(2000)),
  partners: Type.Array(PartnerInput, {
    maxItems: 100,
    description: 'partner institutions; on update, replaces the set',
  }),
}

export const ProjectCreate = Type.Object(Type.Partial(Type.Object(writable)).properties, {
  additionalProperties: false,
  description: 'programId defaults to the menu’s program, else the bio-cluster program; detailsKnown to true',
})
export type ProjectCreate = Static<typeof ProjectCreate>

export const ProjectUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(writable)).properties },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type ProjectUpdate = Static<typeof ProjectUpdate>

export const GrantCreate = Type.Object(
  { fy: FiscalYear, amountYen: Yen, eligibleCostYen: Type.Optional(Nullable(Yen)) },
  { additionalProperties: false },
)
export type GrantCreate = Static<typeof GrantCreate>

export const GrantUpdate = Type.Object(
  {
    version: Version,
    fy: Type.Optional(FiscalYear),
    amountYen: Type.Optional(Yen),
    eligibleCostYen: Type.Optional(Nullable(Yen)),
  },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type GrantUpdate = Static<typeof GrantUpdate>
