import { type Static, type TSchema, Type } from 'typebox'
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
import { DashboardFilters } from './filters.ts'

export const EvidenceLevel = Type.Enum(['analytical', 'in_vitro', 'animal', 'human'])
export type EvidenceLevel = Static<typeof EvidenceLevel>
export const Direction = Type.Enum(['up', 'down', 'unchanged'])

/** Text the database also refuses when blank: at least one non-space character. */
const Filled = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })

/** The project a finding or outcome belongs to, as lists show it. */
export const ProjectSummary = Type.Object({
  id: Id,
  themeJa: Nullable(Type.String()),
  themeEn: Nullable(Type.String()),
  adoptedFy: Nullable(FiscalYear),
  company: Nullable(Type.Object({ id: Id, nameJa: Type.String(), nameEn: Nullable(Type.String()) })),
})
export type ProjectSummary = Static<typeof ProjectSummary>

export const MetaboliteResult = Type.Object({
  id: Id,
  name: Nullable(Type.String()),
  hmdbId: Nullable(Type.String({ description: 'HMDB + 7 digits' })),
  keggId: Nullable(Type.String({ description: 'KEGG compound: C or D + 5 digits' })),
  chebiId: Nullable(Type.String({ description: 'CHEBI: + digits' })),
  pubchemCid: Nullable(Type.Integer({ minimum: 1 })),
  inchikey: Nullable(Type.String()),
  direction: Nullable(Direction),
  foldChange: Nullable(Type.Number()),
  pValue: Nullable(Type.Number()),
})
export type MetaboliteResult = Static<typeof MetaboliteResult>

const findingFields = {
  id: Id,
  ref: Nullable(Type.String()),
  projectId: Id,
  statementJa: Type.String(),
  statementEn: Nullable(Type.String()),
  materialJa: Nullable(Type.String()),
  materialEn: Nullable(Type.String()),
  comparisonJa: Nullable(Type.String()),
  comparisonEn: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  evidenceLevel: EvidenceLevel,
  reportedOn: Nullable(IsoDate),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const FindingListItem = Type.Object({
  ...findingFields,
  project: ProjectSummary,
  metaboliteCount: Type.Integer({ minimum: 0 }),
})
export type FindingListItem = Static<typeof FindingListItem>
export const FindingList = ListOf(FindingListItem)
export type FindingList = Static<typeof FindingList>

/**
 * The most metabolite results a finding's detail or its project page names: an import can bring 100,000, and
 * all of them are paged at GET /api/findings/{id}/metabolites (server/schemas/finding-metabolites.ts).
 */
export const NAMED_METABOLITE_RESULTS = 200

/** The results named: the most significant first, as the paged endpoint's default order. */
export const NamedMetaboliteResults = <T extends TSchema>(result: T) =>
  Type.Array(result, {
    maxItems: NAMED_METABOLITE_RESULTS,
    description:
      `the ${NAMED_METABOLITE_RESULTS} most significant results: by p-value, those without one last, then by id ` +
      '(the order entered or imported); all of them: GET /api/findings/{id}/metabolites',
  })

export const MetaboliteCount = Type.Integer({
  minimum: 0,
  description: 'all the results of the finding, named or not',
})

export const Finding = Type.Object({
  ...findingFields,
  project: ProjectSummary,
  metaboliteResults: NamedMetaboliteResults(MetaboliteResult),
  metaboliteCount: MetaboliteCount,
  importedCount: Type.Integer({
    minimum: 0,
    description:
      'results read from a file (with its columns): while there are any, the set is replaced by importing a ' +
      'file again, never by PATCH',
  }),
  outcomes: Type.Array(
    Type.Object({
      id: Id,
      kind: Type.String(),
      titleJa: Type.String(),
      titleEn: Nullable(Type.String()),
      fy: Nullable(FiscalYear),
    }),
    { description: 'the outcomes that rest on this finding' },
  ),
})
export type Finding = Static<typeof Finding>

export const FindingQuery = Type.Object(
  {
    ...Paging,
    sort: Sort([
      'id',
      'reportedOn',
      'evidenceLevel',
      'statementJa',
      'statementEn',
      'adoptedFy',
      'metaboliteCount',
    ]),
    ...DashboardFilters,
    projectId: Type.Optional(Id),
    evidenceLevel: Type.Optional(EvidenceLevel),
    q: Type.Optional(Text(200)),
  },
  {
    additionalProperties: false,
    description:
      'fyFrom/fyTo bound the adoption FY of the finding’s project; q matches the statement, the material, ' +
      'and the names and identifiers of its metabolites',
  },
)
export type FindingQuery = Static<typeof FindingQuery>

// Writes. Identifiers are plain bounded text here: their format is a domain rule (422), so that a pasted
// `cpd:C00334` can be normalized and a wrong one refused with the reason.

const IdentifierText = (maxLength: number) => Type.String({ minLength: 1, maxLength })

export const MetaboliteResultInput = Type.Object(
  {
    name: Type.Optional(Nullable(Filled(200))),
    hmdbId: Type.Optional(Nullable(IdentifierText(40))),
    keggId: Type.Optional(Nullable(IdentifierText(40))),
    chebiId: Type.Optional(Nullable(IdentifierText(40))),
    pubchemCid: Type.Optional(Nullable(Type.Union([Type.Number(), IdentifierText(40)]))),
    inchikey: Type.Optional(Nullable(IdentifierText(60))),
    direction: Type.Optional(Nullable(Direction)),
    foldChange: Type.Optional(
      Nullable(Type.Number({ description: 'positive and finite; > 1 up, < 1 down' })),
    ),
    pValue: Type.Optional(Nullable(Type.Number({ description: 'between 0 and 1' }))),
  },
  { additionalProperties: false },
)
export type MetaboliteResultInput = Static<typeof MetaboliteResultInput>

const writable = {
  projectId: Id,
  statementJa: Filled(4000),
  statementEn: Nullable(Filled(4000)),
  materialJa: Nullable(Filled(500)),
  materialEn: Nullable(Filled(500)),
  comparisonJa: Nullable(Filled(500)),
  comparisonEn: Nullable(Filled(500)),
  platform: Nullable(Filled(200)),
  evidenceLevel: EvidenceLevel,
  reportedOn: Nullable(IsoDate),
  visibility: Visibility,
  embargoUntil: Nullable(IsoDate),
  metaboliteResults: Type.Array(MetaboliteResultInput, {
    maxItems: 1000,
    description:
      'on update, replaces the set: a set entered by hand only; one holding imported results is refused (422, ' +
      'importedResults) and is replaced by importing a file again',
  }),
}

export const FindingCreate = Type.Object(
  {
    projectId: writable.projectId,
    statementJa: writable.statementJa,
    evidenceLevel: writable.evidenceLevel,
    ...Type.Partial(
      Type.Object({
        statementEn: writable.statementEn,
        materialJa: writable.materialJa,
        materialEn: writable.materialEn,
        comparisonJa: writable.comparisonJa,
        comparisonEn: writable.comparisonEn,
        platform: writable.platform,
        reportedOn: writable.reportedOn,
        visibility: writable.visibility,
        embargoUntil: writable.embargoUntil,
        metaboliteResults: writable.metaboliteResults,
      }),
    ).properties,
  },
  { additionalProperties: false },
)
export type FindingCreate = Static<typeof FindingCreate>

export const FindingUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(writable)).properties },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type FindingUpdate = Static<typeof FindingUpdate>

// Metabolite-level search across findings: the dashboard's Findings search page.

export const MetaboliteHit = Type.Object({
  ...MetaboliteResult.properties,
  finding: Type.Object({
    id: Id,
    statementJa: Type.String(),
    statementEn: Nullable(Type.String()),
    projectId: Id,
  }),
})
export type MetaboliteHit = Static<typeof MetaboliteHit>
export const MetaboliteList = ListOf(MetaboliteHit)
export type MetaboliteList = Static<typeof MetaboliteList>

export const MetaboliteQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'name', 'foldChange', 'pValue']),
    ...DashboardFilters,
    q: Type.Optional(Text(200)),
    direction: Type.Optional(Direction),
    projectId: Type.Optional(Id),
    findingId: Type.Optional(Id),
  },
  {
    additionalProperties: false,
    description:
      'q is a metabolite name (any part, any case) or an identifier in any accepted form (HMDB, KEGG, ChEBI, ' +
      'PubChem CID, InChIKey), matched exactly after normalization',
  },
)
export type MetaboliteQuery = Static<typeof MetaboliteQuery>
