import { type Static, Type } from 'typebox'
import { Id, ListOf, Nullable, Paging, Sort, Text, Timestamp, Version } from './common.ts'

export const OrganizationKind = Type.Enum([
  'company',
  'cooperative',
  'university',
  'public_lab',
  'venture',
  'agency',
])
export const CompanySize = Type.Enum(['sme', 'large'], {
  description: 'sets the subsidy rate; null when unknown',
})

const fields = {
  kind: OrganizationKind,
  nameJa: Text(200),
  nameEn: Nullable(Text(200)),
  municipality: Nullable(Text(50)),
  size: Nullable(CompanySize),
  spunOutOfId: Nullable(Id),
  listedAsAdopted: Type.Boolean({ description: "named in the brochure's list of adopted companies" }),
  note: Nullable(Text(2000)),
}

export const Organization = Type.Object({
  id: Id,
  ...fields,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Organization = Static<typeof Organization>

export const OrganizationCreate = Type.Object(
  {
    kind: fields.kind,
    nameJa: fields.nameJa,
    nameEn: Type.Optional(fields.nameEn),
    municipality: Type.Optional(fields.municipality),
    size: Type.Optional(fields.size),
    spunOutOfId: Type.Optional(fields.spunOutOfId),
    listedAsAdopted: Type.Optional(fields.listedAsAdopted),
    note: Type.Optional(fields.note),
  },
  { additionalProperties: false },
)
export type OrganizationCreate = Static<typeof OrganizationCreate>

export const OrganizationUpdate = Type.Object(
  { version: Version, ...Type.Partial(Type.Object(fields)).properties },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type OrganizationUpdate = Static<typeof OrganizationUpdate>

export const OrganizationQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'nameJa', 'nameEn', 'kind', 'municipality']),
    kind: Type.Optional(OrganizationKind),
    municipality: Type.Optional(Text(50)),
    adopted: Type.Optional(Type.Boolean({ description: 'only companies in the list of adopted companies' })),
    q: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
)
export type OrganizationQuery = Static<typeof OrganizationQuery>

export const OrganizationList = ListOf(Organization)
export type OrganizationList = Static<typeof OrganizationList>
