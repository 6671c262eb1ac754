import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
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
  // From imported result files (server/import/metabolome); null for results entered by hand. Read the JSON
  // columns with `withoutPlugins()` or as text: the CamelCasePlugin renames keys inside JSON values too
  // (a column `Heated_mean` would come back as `HeatedMean`).
  mz: number | null
  /** CE-MS, in the file's unit (minutes, as labs write it). */
  migrationTime: number | null
  /** LC-MS and GC-MS, in the file's unit (minutes, as labs and repositories write it). */
  retentionTime: number | null
  /** Per sample or group column: the value, null where not detected. */
  groupValues: ColumnType<GroupValues | null, string | null, string | null>
  /** A peak without name or identifier in the file, named from its m/z and time. */
  unidentified: Generated<boolean>
  sourceLine: number | null
  /** The file's row as delivered, header → cell. */
  sourceRow: ColumnType<Record<string, string> | null, string | null, string | null>
  /** What the import read but has no column for: unknown columns, further identifiers of a cell. */
  extra: ColumnType<MetaboliteExtra | null, string | null, string | null>
}

export type GroupValues = Record<string, number | null>
export interface MetaboliteExtra {
  columns?: Record<string, string>
  identifiers?: Partial<
    Record<'hmdbId' | 'keggId' | 'chebiId' | 'pubchemCid' | 'inchikey' | 'other', (string | number)[]>
  >
}

export type Finding = Selectable<FindingsTable>
export type NewFinding = Insertable<FindingsTable>
export type FindingUpdate = Updateable<FindingsTable>
export type MetaboliteResult = Selectable<MetaboliteResultsTable>
export type NewMetaboliteResult = Insertable<MetaboliteResultsTable>
