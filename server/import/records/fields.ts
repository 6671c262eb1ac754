import type { TObject } from 'typebox'
import type { ImportKind } from '../../../db/tables/import-mappings.ts'
import { EventCreate, EventUpdate } from '../../schemas/events.ts'
import { FindingCreate, FindingUpdate } from '../../schemas/findings.ts'
import { OutcomeCreate, OutcomeUpdate } from '../../schemas/outcomes.ts'
import { ProjectCreate, ProjectUpdate } from '../../schemas/projects.ts'

// The fields a spreadsheet column can feed: `id`, and the fields of the resource's create schema (the API's
// own), each with how its cell is read. Metabolite results come from their own import (result files), not
// from a cell. test/import/record-values.test.ts keeps these lists equal to the schemas.

/** How a cell is read: as text, a fiscal year (`H28`, `平成28年度`), a date, a number, one of the schema's
 * values (or its Japanese name), or a reference to other records by the names a spreadsheet has for them. */
export type CellKind =
  | 'id'
  | 'text'
  | 'fy'
  | 'date'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'organization'
  | 'organizations'
  | 'menu'
  | 'program'
  | 'project'
  | 'projects'
  | 'findings'

export interface KindSpec {
  create: TObject
  update: TObject
  cells: Record<string, CellKind>
  /**
   * The fields that say which existing record a row without an `id` is: those of them the mapping feeds. The
   * first row of a file with a key matches the oldest record with that key, the second row the next one, and
   * so on; a row beyond them is a new record.
   */
  key: readonly string[]
  /** A date field whose cell may give a month only (`2016年4月`): its precision field is set along. */
  dated?: { date: string; precision: string }
}

const sharing = { visibility: 'enum', embargoUntil: 'date' } as const

export const KINDS: Record<ImportKind, KindSpec> = {
  projects: {
    create: ProjectCreate,
    update: ProjectUpdate,
    cells: {
      id: 'id',
      programId: 'program',
      menuId: 'menu',
      adoptedFy: 'fy',
      leadOrgId: 'organization',
      themeJa: 'text',
      themeEn: 'text',
      startFy: 'fy',
      endFy: 'fy',
      field: 'enum',
      status: 'enum',
      ...sharing,
      detailsKnown: 'boolean',
      sourceNote: 'text',
      partners: 'organizations',
    },
    key: ['themeJa', 'adoptedFy', 'leadOrgId'],
  },
  outcomes: {
    create: OutcomeCreate,
    update: OutcomeUpdate,
    cells: {
      id: 'id',
      projectId: 'project',
      kind: 'enum',
      titleJa: 'text',
      titleEn: 'text',
      descriptionJa: 'text',
      descriptionEn: 'text',
      fy: 'fy',
      occurredOn: 'date',
      datePrecision: 'enum',
      ...sharing,
      restsOn: 'findings',
    },
    key: ['projectId', 'kind', 'titleJa'],
    dated: { date: 'occurredOn', precision: 'datePrecision' },
  },
  events: {
    create: EventCreate,
    update: EventUpdate,
    cells: {
      id: 'id',
      kind: 'enum',
      titleJa: 'text',
      titleEn: 'text',
      fy: 'fy',
      heldOn: 'date',
      datePrecision: 'enum',
      city: 'text',
      venue: 'text',
      attendance: 'integer',
      projectIds: 'projects',
    },
    // The database's own key of an event (its fiscal year follows the date).
    key: ['kind', 'titleJa', 'fy', 'city'],
    dated: { date: 'heldOn', precision: 'datePrecision' },
  },
  findings: {
    create: FindingCreate,
    update: FindingUpdate,
    cells: {
      id: 'id',
      projectId: 'project',
      statementJa: 'text',
      evidenceLevel: 'enum',
      statementEn: 'text',
      materialJa: 'text',
      materialEn: 'text',
      comparisonJa: 'text',
      comparisonEn: 'text',
      platform: 'text',
      reportedOn: 'date',
      ...sharing,
    },
    key: ['projectId', 'statementJa'],
  },
}

/** The fields of a kind a column may feed, in the schema's order (`id` first). */
export const fieldsOf = (kind: ImportKind): string[] => Object.keys(KINDS[kind].cells)

type JsonSchema = { anyOf?: JsonSchema[]; type?: string; enum?: unknown[] }

const propertyOf = (schema: TObject, field: string) =>
  (schema.properties as Record<string, JsonSchema | undefined>)[field]

/** The schema lets the field be null: an empty cell clears it (else an empty cell leaves it out). */
export function nullable(schema: TObject, field: string): boolean {
  return propertyOf(schema, field)?.anyOf?.some((branch) => branch.type === 'null') ?? false
}

/** The values the schema allows a field. */
export function allowedValues(schema: TObject, field: string): string[] {
  const property = propertyOf(schema, field)
  const branches = property?.anyOf ?? (property ? [property] : [])
  return branches.flatMap((branch) => (branch.enum ?? []).filter((v): v is string => typeof v === 'string'))
}
