import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { ImportKind } from '../../db/tables/import-mappings.ts'
import type { Viewer } from '../auth/viewer.ts'
import { findingVisible, outcomeVisible, projectVisible } from '../auth/visibility.ts'
import { NameIndex } from '../import/records/references.ts'
import type { References } from '../import/records/row-values.ts'

// What a spreadsheet import reads of the records before it writes: the names rows refer to records by, the
// natural keys of the records already there, and a record's writable fields as they are now. Only what the
// viewer may see: a hidden record is, to the import as to the API, one that does not exist.

export async function loadReferences(db: Kysely<Database>, viewer: Viewer): Promise<References> {
  const [organizations, menus, programs, projects] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'nameJa', 'nameEn']).execute(),
    db.selectFrom('subsidyMenus').select(['id', 'code', 'nameJa', 'nameEn']).execute(),
    db.selectFrom('programs').select(['id', 'code', 'nameJa', 'nameEn']).execute(),
    db
      .selectFrom('projects as p')
      .select(['p.id', 'p.themeJa', 'p.themeEn'])
      .where(projectVisible(viewer, 'p'))
      .execute(),
  ])
  return {
    organizations: new NameIndex(
      'organization',
      organizations.map((o) => ({ id: o.id, names: [o.nameJa, o.nameEn] })),
    ),
    menus: new NameIndex(
      'menu',
      menus.map((m) => ({ id: m.id, names: [m.code, m.nameJa, m.nameEn] })),
    ),
    programs: new NameIndex(
      'program',
      programs.map((p) => ({ id: p.id, names: [p.code, p.nameJa, p.nameEn] })),
    ),
    projects: new NameIndex(
      'project',
      projects.map((p) => ({ id: p.id, names: [p.themeJa, p.themeEn] })),
    ),
  }
}

/** A record's writable fields as the API's create schema names them, and its version. */
export interface CurrentRecord {
  version: number
  values: Record<string, unknown>
  /** Projects: the role of each partner, kept when a spreadsheet (which names partners only) replaces them. */
  partnerRoles?: Map<number, string | null>
}

const PROJECT_FIELDS = [
  'programId',
  'menuId',
  'adoptedFy',
  'leadOrgId',
  'themeJa',
  'themeEn',
  'startFy',
  'endFy',
  'field',
  'status',
  'visibility',
  'embargoUntil',
  'detailsKnown',
  'sourceNote',
] as const
const OUTCOME_FIELDS = [
  'projectId',
  'kind',
  'titleJa',
  'titleEn',
  'descriptionJa',
  'descriptionEn',
  'fy',
  'occurredOn',
  'datePrecision',
  'visibility',
  'embargoUntil',
] as const
const EVENT_FIELDS = [
  'kind',
  'titleJa',
  'titleEn',
  'fy',
  'heldOn',
  'datePrecision',
  'city',
  'venue',
  'attendance',
] as const
const FINDING_FIELDS = [
  'projectId',
  'statementJa',
  'statementEn',
  'materialJa',
  'materialEn',
  'comparisonJa',
  'comparisonEn',
  'platform',
  'evidenceLevel',
  'reportedOn',
  'visibility',
  'embargoUntil',
] as const

/** The key fields of every record of a kind the viewer sees, oldest first. */
export async function keyRows(
  db: Kysely<Database>,
  kind: ImportKind,
  viewer: Viewer,
): Promise<Record<string, unknown>[]> {
  switch (kind) {
    case 'projects':
      return db
        .selectFrom('projects as p')
        .select(['p.id', 'p.themeJa', 'p.adoptedFy', 'p.leadOrgId'])
        .where(projectVisible(viewer, 'p'))
        .orderBy('p.id')
        .execute()
    case 'outcomes':
      return db
        .selectFrom('outcomes as oc')
        .select(['oc.id', 'oc.projectId', 'oc.kind', 'oc.titleJa'])
        .where(outcomeVisible(viewer, 'oc'))
        .orderBy('oc.id')
        .execute()
    case 'events':
      return db.selectFrom('events').select(['id', 'kind', 'titleJa', 'fy', 'city']).orderBy('id').execute()
    case 'findings':
      return db
        .selectFrom('findings as f')
        .select(['f.id', 'f.projectId', 'f.statementJa'])
        .where(findingVisible(viewer, 'f'))
        .orderBy('f.id')
        .execute()
  }
}

/** The record `id` of a kind as it is now; undefined when it does not exist or the viewer may not see it. */
export async function currentRecord(
  db: Kysely<Database>,
  kind: ImportKind,
  id: number,
  viewer: Viewer,
): Promise<CurrentRecord | undefined> {
  switch (kind) {
    case 'projects': {
      const [row, partners] = await Promise.all([
        db
          .selectFrom('projects as p')
          .select(PROJECT_FIELDS.map((f) => `p.${f}` as const))
          .select('p.version')
          .where('p.id', '=', id)
          .where(projectVisible(viewer, 'p'))
          .executeTakeFirst(),
        db.selectFrom('projectPartners').select(['orgId', 'role']).where('projectId', '=', id).execute(),
      ])
      if (!row) return undefined
      const { version, ...values } = row
      return {
        version,
        values: { ...values, partners: partners.map((p) => ({ orgId: p.orgId })) },
        partnerRoles: new Map(partners.map((p) => [p.orgId, p.role])),
      }
    }
    case 'outcomes': {
      const [row, restsOn] = await Promise.all([
        db
          .selectFrom('outcomes as oc')
          .select(OUTCOME_FIELDS.map((f) => `oc.${f}` as const))
          .select('oc.version')
          .where('oc.id', '=', id)
          .where(outcomeVisible(viewer, 'oc'))
          .executeTakeFirst(),
        // The links an update replaces are the visible ones (server/repositories/outcomes-repository.ts).
        db
          .selectFrom('outcomeFindings as of')
          .innerJoin('findings as f', 'f.id', 'of.findingId')
          .select('of.findingId')
          .where('of.outcomeId', '=', id)
          .where(findingVisible(viewer, 'f'))
          .execute(),
      ])
      if (!row) return undefined
      const { version, ...values } = row
      return { version, values: { ...values, restsOn: restsOn.map((r) => r.findingId) } }
    }
    case 'events': {
      const [row, projects] = await Promise.all([
        db
          .selectFrom('events')
          .select([...EVENT_FIELDS, 'version'])
          .where('id', '=', id)
          .executeTakeFirst(),
        db.selectFrom('eventProjects').select('projectId').where('eventId', '=', id).execute(),
      ])
      if (!row) return undefined
      const { version, ...values } = row
      return { version, values: { ...values, projectIds: projects.map((p) => p.projectId) } }
    }
    case 'findings': {
      const row = await db
        .selectFrom('findings as f')
        .select(FINDING_FIELDS.map((f) => `f.${f}` as const))
        .select('f.version')
        .where('f.id', '=', id)
        .where(findingVisible(viewer, 'f'))
        .executeTakeFirst()
      if (!row) return undefined
      const { version, ...values } = row
      return { version, values }
    }
  }
}
