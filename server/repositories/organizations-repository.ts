import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { NotFoundError } from '../domain/errors.ts'
import type {
  Organization,
  OrganizationCreate,
  OrganizationList,
  OrganizationQuery,
  OrganizationUpdate,
} from '../schemas/organizations.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'

const columns = [
  'id',
  'kind',
  'nameJa',
  'nameEn',
  'municipality',
  'size',
  'spunOutOfId',
  'listedAsAdopted',
  'note',
  'version',
  'createdAt',
  'updatedAt',
] as const

export async function listOrganizations(
  db: Kysely<Database>,
  query: OrganizationQuery,
): Promise<OrganizationList> {
  let base = db.selectFrom('organizations')
  if (query.kind) base = base.where('kind', '=', query.kind)
  if (query.municipality) base = base.where('municipality', '=', query.municipality)
  if (query.adopted !== undefined) base = base.where('listedAsAdopted', '=', query.adopted)
  if (query.q) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) => eb.or([eb('nameJa', 'ilike', pattern), eb('nameEn', 'ilike', pattern)]))
  }
  const [field, direction] = parseSort(query.sort, 'id')
  const [items, count] = await Promise.all([
    base
      .select(columns)
      .orderBy(field, direction)
      .orderBy('id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { items, total: count.total }
}

export async function getOrganization(db: Kysely<Database>, id: number): Promise<Organization> {
  const row = await db.selectFrom('organizations').select(columns).where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError(`Organization ${id}`)
  return row
}

export async function createOrganization(
  db: Kysely<Database>,
  input: OrganizationCreate,
): Promise<Organization> {
  return db.insertInto('organizations').values(input).returning(columns).executeTakeFirstOrThrow()
}

export async function updateOrganization(
  db: Kysely<Database>,
  id: number,
  { version, ...changes }: OrganizationUpdate,
): Promise<Organization> {
  await updateVersioned(db, 'organizations', id, version, changes, `Organization ${id}`)
  return getOrganization(db, id)
}

export async function deleteOrganization(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('organizations').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Organization ${id}`)
}
