import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Versioned } from './common.ts'

export type OrganizationKind = 'company' | 'cooperative' | 'university' | 'public_lab' | 'venture' | 'agency'
export type CompanySize = 'sme' | 'large'

export interface OrganizationsTable extends Versioned {
  id: Generated<number>
  kind: OrganizationKind
  nameJa: string
  nameEn: string | null
  municipality: string | null
  /** null: the source does not say; it decides the subsidy rate. */
  size: CompanySize | null
  spunOutOfId: number | null
  /** Named in the brochure's list of adopted companies (採択実績), whose years it does not give. */
  listedAsAdopted: Generated<boolean>
  note: string | null
}

export type Organization = Selectable<OrganizationsTable>
export type NewOrganization = Insertable<OrganizationsTable>
export type OrganizationUpdate = Updateable<OrganizationsTable>
