import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { type GrantTerms, grantProblems, projectYearOf } from '../domain/grant-rules.ts'
import { taken } from '../domain/problems.ts'
import type { Grant, GrantCreate, GrantUpdate } from '../schemas/projects.ts'
import { staleVersion } from './query-helpers.ts'

const grantColumns = ['id', 'projectId', 'fy', 'amountYen', 'eligibleCostYen', 'version'] as const

interface GrantRow {
  id: number
  projectId: number
  fy: number
  amountYen: number
  eligibleCostYen: number | null
  version: number
}

export const withProjectYear = (grant: GrantRow, startFy: number | null): Grant => ({
  ...grant,
  projectYear: startFy === null ? null : projectYearOf(startFy, grant.fy),
})

/** The terms a grant of a project with these values is checked against (two queries). */
export async function grantTerms(
  db: Kysely<Database>,
  project: { menuId: number | null; leadOrgId: number | null; startFy: number | null; endFy: number | null },
): Promise<GrantTerms> {
  const { menuId, leadOrgId } = project
  const [menu, caps, company] = await Promise.all([
    menuId === null
      ? undefined
      : db.selectFrom('subsidyMenus').selectAll().where('id', '=', menuId).executeTakeFirst(),
    menuId === null
      ? []
      : db
          .selectFrom('menuYearCaps')
          .select(['projectYear', 'capYen'])
          .where('menuId', '=', menuId)
          .execute(),
    leadOrgId === null
      ? undefined
      : db.selectFrom('organizations').select('size').where('id', '=', leadOrgId).executeTakeFirst(),
  ])
  return {
    startFy: project.startFy,
    endFy: project.endFy,
    companySize: company?.size ?? null,
    menu: menu
      ? {
          nameJa: menu.nameJa,
          maxYears: menu.maxYears,
          rates: {
            sme: { numerator: menu.rateSmeNumerator, denominator: menu.rateSmeDenominator },
            large: { numerator: menu.rateLargeNumerator, denominator: menu.rateLargeDenominator },
          },
          capsYen: new Map(caps.map((c) => [c.projectYear, c.capYen])),
        }
      : null,
  }
}

/**
 * Locks the project row for the rest of the transaction (a concurrent change of its menu or period waits)
 * and answers its grant terms; 404 when there is no such project.
 */
async function lockProjectTerms(trx: Kysely<Database>, projectId: number) {
  const project = await trx
    .selectFrom('projects')
    .select(['menuId', 'leadOrgId', 'startFy', 'endFy'])
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!project) throw new NotFoundError(`Project ${projectId}`)
  return { project, terms: await grantTerms(trx, project) }
}

async function refuseDuplicate(trx: Kysely<Database>, projectId: number, fy: number, exceptId?: number) {
  let query = trx
    .selectFrom('projectGrants')
    .select('id')
    .where('projectId', '=', projectId)
    .where('fy', '=', fy)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  const other = await query.executeTakeFirst()
  if (other) {
    throw new ConflictError(`Project ${projectId} already has a grant for FY${fy}`, [
      taken('body.fy', `already has a grant (id ${other.id}); change that one instead`),
    ])
  }
}

export async function createGrant(
  db: Kysely<Database>,
  projectId: number,
  input: GrantCreate,
): Promise<Grant> {
  return db.transaction().execute(async (trx) => {
    const { project, terms } = await lockProjectTerms(trx, projectId)
    const grant = { fy: input.fy, amountYen: input.amountYen, eligibleCostYen: input.eligibleCostYen ?? null }
    const problems = grantProblems(terms, grant)
    if (problems.length > 0) throw new RuleViolationError(problems)
    await refuseDuplicate(trx, projectId, grant.fy)
    const row = await trx
      .insertInto('projectGrants')
      .values({ projectId, ...grant })
      .returning(grantColumns)
      .executeTakeFirstOrThrow()
    return withProjectYear(row, project.startFy)
  })
}

export async function updateGrant(
  db: Kysely<Database>,
  id: number,
  { version, ...changes }: GrantUpdate,
): Promise<Grant> {
  return db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('projectGrants')
      .select('projectId')
      .where('id', '=', id)
      .executeTakeFirst()
    if (!owner) throw new NotFoundError(`Grant ${id}`)
    // The project first, then the grant: the order a project's own writes take, so the two never deadlock.
    const { project, terms } = await lockProjectTerms(trx, owner.projectId)
    const current = await trx
      .selectFrom('projectGrants')
      .select(grantColumns)
      .where('id', '=', id)
      .where('projectId', '=', owner.projectId)
      .forUpdate()
      .executeTakeFirst()
    if (!current) throw new NotFoundError(`Grant ${id}`)
    if (current.version !== version) throw staleVersion(`Grant ${id}`, version, current.version)
    const grant = {
      fy: changes.fy ?? current.fy,
      amountYen: changes.amountYen ?? current.amountYen,
      eligibleCostYen:
        changes.eligibleCostYen === undefined ? current.eligibleCostYen : changes.eligibleCostYen,
    }
    const problems = grantProblems(terms, grant)
    if (problems.length > 0) throw new RuleViolationError(problems)
    await refuseDuplicate(trx, current.projectId, grant.fy, id)
    const row = await trx
      .updateTable('projectGrants')
      .set({ ...grant, version: sql`version + 1` })
      .where('id', '=', id)
      .returning(grantColumns)
      .executeTakeFirstOrThrow()
    return withProjectYear(row, project.startFy)
  })
}

export async function deleteGrant(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('projectGrants').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Grant ${id}`)
}
