import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { IsoDate, Versioned, Visibility } from './common.ts'

export type ResearchField = 'medical' | 'food' | 'agriculture' | 'materials' | 'other'
export type ProjectStatus = 'planned' | 'active' | 'completed' | 'discontinued'

export interface ProjectsTable extends Versioned {
  id: Generated<number>
  /** Stable key of records that come from a source (the brochure, an import). */
  ref: string | null
  programId: number
  menuId: number | null
  adoptedFy: number | null
  leadOrgId: number | null
  themeJa: string | null
  themeEn: string | null
  startFy: number | null
  endFy: number | null
  field: ResearchField | null
  status: ProjectStatus | null
  visibility: Generated<Visibility>
  embargoUntil: IsoDate | null
  /** false: an adoption the source counts but does not describe; it is never filled in by guesswork. */
  detailsKnown: Generated<boolean>
  sourceNote: string | null
}

export interface ProjectPartnersTable {
  projectId: number
  orgId: number
  role: string | null
}

export interface ProjectGrantsTable {
  id: Generated<number>
  projectId: number
  fy: number
  eligibleCostYen: number | null
  amountYen: number
  version: Generated<number>
}

export type Project = Selectable<ProjectsTable>
export type NewProject = Insertable<ProjectsTable>
export type ProjectUpdate = Updateable<ProjectsTable>
export type ProjectGrant = Selectable<ProjectGrantsTable>
