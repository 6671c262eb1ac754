import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../database.ts'
import { events } from './events.ts'
import { findings } from './findings.ts'
import { organizations } from './organizations.ts'
import { outcomes } from './outcomes.ts'
import { menus, programs } from './programs.ts'
import { projects } from './projects.ts'

/**
 * Loads the brochure's records in one transaction. Every row is keyed (names, codes, `ref`) and inserted
 * with ON CONFLICT DO NOTHING, so a second load changes nothing and never overwrites an edit.
 */
export async function loadDataset(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const orgIds = await loadOrganizations(trx)
    const menuIds = await loadProgramsAndMenus(trx)
    const projectIds = await loadProjects(trx, orgIds, menuIds.programs)
    const findingIds = await loadFindings(trx, projectIds)
    await loadOutcomes(trx, projectIds, findingIds)
    await trx
      .insertInto('events')
      .values(events)
      .onConflict((oc) => oc.doNothing())
      .execute()
  })
}

type Ids = Map<string, number>

const lookup = (ids: Ids, key: string): number => {
  const id = ids.get(key)
  if (id === undefined) throw new Error(`dataset refers to an unknown record: ${key}`)
  return id
}

async function loadOrganizations(trx: Transaction<Database>): Promise<Ids> {
  const ids: Ids = new Map(
    (await trx.selectFrom('organizations').select(['id', 'nameJa']).execute()).map((o) => [o.nameJa, o.id]),
  )
  for (const { spunOutOf, ...org } of organizations) {
    const row = await trx
      .insertInto('organizations')
      .values({ ...org, spunOutOfId: spunOutOf ? lookup(ids, spunOutOf) : null })
      .onConflict((oc) => oc.doNothing())
      .returning(['id'])
      .executeTakeFirst()
    if (row) ids.set(org.nameJa, row.id)
  }
  return ids
}

async function loadProgramsAndMenus(trx: Transaction<Database>): Promise<{ programs: Ids }> {
  for (const { parent, ...program } of programs) {
    const parentId = parent
      ? (await trx.selectFrom('programs').select('id').where('code', '=', parent).executeTakeFirstOrThrow())
          .id
      : null
    await trx
      .insertInto('programs')
      .values({ ...program, parentId })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
  const programIds: Ids = new Map(
    (await trx.selectFrom('programs').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
  )
  for (const { program, capsYen, ...menu } of menus) {
    await trx
      .insertInto('subsidyMenus')
      .values({ ...menu, programId: lookup(programIds, program) })
      .onConflict((oc) => oc.doNothing())
      .execute()
    const { id: menuId } = await trx
      .selectFrom('subsidyMenus')
      .select('id')
      .where('code', '=', menu.code)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('menuYearCaps')
      .values(capsYen.map((capYen, i) => ({ menuId, projectYear: i + 1, capYen })))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
  return { programs: programIds }
}

async function loadProjects(trx: Transaction<Database>, orgIds: Ids, programIds: Ids): Promise<Ids> {
  for (const { program, leadOrg, partners, ...project } of projects) {
    const inserted = await trx
      .insertInto('projects')
      .values({
        ...project,
        programId: lookup(programIds, program),
        leadOrgId: leadOrg ? lookup(orgIds, leadOrg) : null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted && partners.length > 0) {
      await trx
        .insertInto('projectPartners')
        .values(partners.map((org) => ({ projectId: inserted.id, orgId: lookup(orgIds, org) })))
        .execute()
    }
  }
  return refIds(await trx.selectFrom('projects').select(['id', 'ref']).where('ref', 'is not', null).execute())
}

async function loadFindings(trx: Transaction<Database>, projectIds: Ids): Promise<Ids> {
  for (const { project, metabolites = [], ...finding } of findings) {
    const inserted = await trx
      .insertInto('findings')
      .values({ ...finding, projectId: lookup(projectIds, project) })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted && metabolites.length > 0) {
      await trx
        .insertInto('metaboliteResults')
        .values(metabolites.map((m) => ({ ...m, findingId: inserted.id })))
        .execute()
    }
  }
  return refIds(await trx.selectFrom('findings').select(['id', 'ref']).where('ref', 'is not', null).execute())
}

async function loadOutcomes(trx: Transaction<Database>, projectIds: Ids, findingIds: Ids): Promise<void> {
  for (const { project, restsOn, ...outcome } of outcomes) {
    const inserted = await trx
      .insertInto('outcomes')
      .values({ ...outcome, projectId: lookup(projectIds, project) })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted && restsOn.length > 0) {
      await trx
        .insertInto('outcomeFindings')
        .values(restsOn.map((ref) => ({ outcomeId: inserted.id, findingId: lookup(findingIds, ref) })))
        .execute()
    }
  }
}

const refIds = (rows: { id: number; ref: string | null }[]): Ids =>
  new Map(rows.flatMap((r) => (r.ref ? [[r.ref, r.id] as const] : [])))
