import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { IsoDate, Versioned, Visibility } from './common.ts'

export type EvidenceLevel = 'analytical' | 'in_vitro' | 'animal' | 'human'
export type Direction = 'up' | 'down' | 'unchanged'

export interface FindingsTable extends Versioned {
  id: Generated<number>
  ref: string | null
  projectId: number
  statementJa: string
  statementEn: string | null
  materialJa: string | null
  materialEn: string | null
  comparisonJa: string | null
  comparisonEn: string | null
  platform: string | null
  evidenceLevel: EvidenceLevel
  reportedOn: IsoDate | null
  visibility: Generated<Visibility>
  embargoUntil: IsoDate | null
}

export interface MetaboliteResultsTable {
  id: Generated<number>
  findingId: number
  name: string | null
  hmdbId: string | null
  keggId: string | null
  chebiId: string | null
  pubchemCid: number | null
  inchikey: string | null
  direction: Direction | null
  foldChange: number | null
  pValue: number | null
}

export type Finding = Selectable<FindingsTable>
export type NewFinding = Insertable<FindingsTable>
export type FindingUpdate = Updateable<FindingsTable>
export type MetaboliteResult = Selectable<MetaboliteResultsTable>
export type NewMetaboliteResult = Insertable<MetaboliteResultsTable>
