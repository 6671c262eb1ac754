import type { Generated, Insertable, Selectable } from 'kysely'

/** A funding scheme; subsidies (with menus) sit under the bio-cluster program. */
export interface ProgramsTable {
  id: Generated<number>
  code: string
  parentId: number | null
  nameJa: string
  nameEn: string
}

export interface SubsidyMenusTable {
  id: Generated<number>
  code: string
  programId: number
  nameJa: string
  nameEn: string
  descriptionJa: string | null
  descriptionEn: string | null
  maxYears: number
  rateSmeNumerator: number
  rateSmeDenominator: number
  rateLargeNumerator: number
  rateLargeDenominator: number
}

export interface MenuYearCapsTable {
  menuId: number
  projectYear: number
  capYen: number
}

export type Program = Selectable<ProgramsTable>
export type SubsidyMenu = Selectable<SubsidyMenusTable>
export type NewSubsidyMenu = Insertable<SubsidyMenusTable>
export type MenuYearCap = Selectable<MenuYearCapsTable>
