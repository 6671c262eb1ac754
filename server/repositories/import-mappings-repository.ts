import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { ImportKind } from '../../db/tables/import-mappings.ts'
import { seesEverything, type Viewer } from '../auth/viewer.ts'
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { taken } from '../domain/problems.ts'
import { mappingProblems } from '../import/records/mapping.ts'
import type {
  ImportMapping,
  ImportMappingCreate,
  ImportMappingList,
  ImportMappingQuery,
  ImportMappingUpdate,
} from '../schemas/record-import.ts'
import { updateVersioned } from './query-helpers.ts'
import { refusingDuplicate } from './unique-violation.ts'

// Saved column mappings of the spreadsheet import, shared by name per kind of record among those who import
// it: the program office every kind, partners the findings and outcomes (all they may import). A partner
// changes or deletes only the mappings it saved; the program office any.

const PARTNER_KINDS: readonly ImportKind[] = ['findings', 'outcomes']

/** The kinds of record the viewer may import (server/auth/policy.ts lets in editors and partners). */
export const importableKinds = (viewer: Viewer): readonly ImportKind[] =>
  seesEverything(viewer) ? ['projects', 'outcomes', 'events', 'findings'] : PARTNER_KINDS

const columns = ['id', 'kind', 'name', 'columns', 'createdBy', 'version', 'createdAt', 'updatedAt'] as const

export async function listImportMappings(
  db: Kysely<Database>,
  query: ImportMappingQuery,
  viewer: Viewer,
): Promise<ImportMappingList> {
  const kinds = importableKinds(viewer).filter((kind) => query.kind === undefined || kind === query.kind)
  const items =
    kinds.length === 0
      ? []
      : await db
          .selectFrom('importMappings')
          .select(columns)
          .where('kind', 'in', kinds)
          .orderBy('kind')
          .orderBy('name')
          .orderBy('id')
          .execute()
  return { items, total: items.length }
}

/** A mapping the viewer may use: 404 when there is none, or it is of a kind the viewer does not import. */
export async function getImportMapping(
  db: Kysely<Database>,
  id: number,
  viewer: Viewer,
): Promise<ImportMapping> {
  const row = await db
    .selectFrom('importMappings')
    .select(columns)
    .where('id', '=', id)
    .where('kind', 'in', importableKinds(viewer))
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`Import mapping ${id}`)
  return row
}

const duplicate = <T>(work: Promise<T>) =>
  refusingDuplicate(
    work,
    'import_mappings_kind_name_key',
    () =>
      new ConflictError('A mapping of this name is already saved for this kind of record', [
        taken('body.name', 'is already the name of a mapping of the same kind'),
      ]),
  )

function checkColumns(kind: ImportKind, columns: Record<string, string> | undefined) {
  if (columns === undefined) return
  const problems = mappingProblems(kind, columns, 'body.columns')
  if (problems.length > 0) throw new RuleViolationError(problems)
}

export async function createImportMapping(
  db: Kysely<Database>,
  input: ImportMappingCreate,
  viewer: Viewer,
): Promise<ImportMapping> {
  if (!importableKinds(viewer).includes(input.kind))
    throw new ForbiddenError(
      `A ${viewer.kind === 'user' ? viewer.role : 'visitor'} does not import ${input.kind}`,
    )
  checkColumns(input.kind, input.columns)
  return duplicate(
    db
      .insertInto('importMappings')
      .values({
        kind: input.kind,
        name: input.name.trim(),
        columns: JSON.stringify(input.columns),
        createdBy: viewer.kind === 'user' ? viewer.userId : null,
      })
      .returning(columns)
      .executeTakeFirstOrThrow(),
  )
}

/** A partner's own mapping, or any for the program office; else 403 (404 for one it may not even use). */
async function checkMayChange(db: Kysely<Database>, id: number, viewer: Viewer): Promise<ImportMapping> {
  const mapping = await getImportMapping(db, id, viewer)
  if (!seesEverything(viewer) && (viewer.kind !== 'user' || mapping.createdBy !== viewer.userId))
    throw new ForbiddenError('This mapping was saved by someone else: save your own under another name')
  return mapping
}

export async function updateImportMapping(
  db: Kysely<Database>,
  id: number,
  { version, name, columns: mapped }: ImportMappingUpdate,
  viewer: Viewer,
): Promise<ImportMapping> {
  const mapping = await checkMayChange(db, id, viewer)
  checkColumns(mapping.kind, mapped)
  const changes = {
    ...(name === undefined ? {} : { name: name.trim() }),
    ...(mapped === undefined ? {} : { columns: JSON.stringify(mapped) }),
  }
  await duplicate(updateVersioned(db, 'importMappings', id, version, changes, `Import mapping ${id}`))
  return getImportMapping(db, id, viewer)
}

export async function deleteImportMapping(db: Kysely<Database>, id: number, viewer: Viewer): Promise<void> {
  await checkMayChange(db, id, viewer)
  await db.deleteFrom('importMappings').where('id', '=', id).execute()
}
