import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { BIO_CLUSTER } from '../../db/dataset/programs.ts'
import type { Viewer } from '../auth/viewer.ts'
import { projectVisible } from '../auth/visibility.ts'
import { type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { grantProblems } from '../domain/grant-rules.ts'
import { beforeStart, listedTwice, requiredHere, unknownRecord } from '../domain/problems.ts'
import type {
  ProjectCreate,
  ProjectDetail,
  ProjectList,
  ProjectQuery,
  ProjectUpdate,
} from '../schemas/projects.ts'
import { grantTerms } from './grants-repository.ts'
import { loadProjectDetail } from './project-detail-repository.ts'
import { hasProjectFilters, matchingProjectIds } from './project-filters.ts'
import { containsPattern, parseSort, updateVersioned } from './query-helpers.ts'

const sortColumns = {
  id: 'p.id',
  adoptedFy: 'p.adoptedFy',
  startFy: 'p.startFy',
  endFy: 'p.endFy',
  themeJa: 'p.themeJa',
  themeEn: 'p.themeEn',
  field: 'p.field',
  status: 'p.status',
  companyNameJa: 'o.nameJa',
  companyNameEn: 'o.nameEn',
  menuCode: 'm.code',
  partnerCount: 'partnerCount',
} as const

/** Programs nest one level (the subsidies under the bio-cluster program): a program and its children. */
const programAndChildren = (db: Kysely<Database>, code: string) =>
  db
    .selectFrom('programs as pg')
    .leftJoin('programs as parent', 'parent.id', 'pg.parentId')
    .select('pg.id')
    .where((eb) => eb.or([eb('pg.code', '=', code), eb('parent.code', '=', code)]))

function filtered(db: Kysely<Database>, query: ProjectQuery, viewer: Viewer) {
  let base = db
    .selectFrom('projects as p')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .leftJoin('subsidyMenus as m', 'm.id', 'p.menuId')
    .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
    .where(projectVisible(viewer, 'p'))
  if (query.fyFrom !== undefined) base = base.where('p.adoptedFy', '>=', query.fyFrom)
  if (query.fyTo !== undefined) base = base.where('p.adoptedFy', '<=', query.fyTo)
  if (hasProjectFilters(query)) base = base.where('p.id', 'in', matchingProjectIds(db, query))
  if (query.program !== undefined)
    base = base.where('p.programId', 'in', programAndChildren(db, query.program))
  if (query.status !== undefined) base = base.where('p.status', '=', query.status)
  if (query.detailsKnown !== undefined) base = base.where('p.detailsKnown', '=', query.detailsKnown)
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) =>
      eb.or([
        eb('p.themeJa', 'ilike', pattern),
        eb('p.themeEn', 'ilike', pattern),
        eb('o.nameJa', 'ilike', pattern),
        eb('o.nameEn', 'ilike', pattern),
      ]),
    )
  }
  return base
}

/** One query for the page (partners counted in a subquery) and one for the total. */
export async function listProjects(
  db: Kysely<Database>,
  query: ProjectQuery,
  viewer: Viewer,
): Promise<ProjectList> {
  const base = filtered(db, query, viewer)
  const [sort, direction] = parseSort(query.sort, 'id')
  const [rows, count] = await Promise.all([
    base
      .select((eb) => [
        'p.id',
        'p.ref',
        'p.adoptedFy',
        'p.startFy',
        'p.endFy',
        'p.themeJa',
        'p.themeEn',
        'p.field',
        'p.status',
        'p.visibility',
        'p.detailsKnown',
        'p.version',
        'pr.id as programId',
        'pr.code as programCode',
        'pr.nameJa as programNameJa',
        'pr.nameEn as programNameEn',
        'm.id as menuId',
        'm.code as menuCode',
        'm.nameJa as menuNameJa',
        'm.nameEn as menuNameEn',
        'o.id as companyId',
        'o.nameJa as companyNameJa',
        'o.nameEn as companyNameEn',
        'o.municipality as companyMunicipality',
        eb
          .selectFrom('projectPartners as pp')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('pp.projectId', '=', 'p.id')
          .as('partnerCount'),
      ])
      // Missing values (undescribed adoptions) sort last either way, so a sorted table starts with data.
      .orderBy(sortColumns[sort], (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('p.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const items = rows.map(
    ({
      programId,
      programCode,
      programNameJa,
      programNameEn,
      menuId,
      menuCode,
      menuNameJa,
      menuNameEn,
      companyId,
      companyNameJa,
      companyNameEn,
      companyMunicipality,
      partnerCount,
      ...fields
    }) => ({
      ...fields,
      program: { id: programId, code: programCode, nameJa: programNameJa, nameEn: programNameEn },
      menu:
        menuId === null
          ? null
          : {
              id: menuId,
              code: menuCode as string,
              nameJa: menuNameJa as string,
              nameEn: menuNameEn as string,
            },
      company:
        companyId === null
          ? null
          : {
              id: companyId,
              nameJa: companyNameJa as string,
              nameEn: companyNameEn,
              municipality: companyMunicipality,
            },
      partnerCount: partnerCount ?? 0,
    }),
  )
  return { items, total: count.total }
}

// Writes: every reference and rule is checked before anything is written, and each problem names its field.

const LEAD_KINDS: readonly string[] = ['company', 'cooperative', 'venture']

interface Draft {
  /** undefined: the menu's program, else the bio-cluster program. */
  programId: number | undefined
  menuId: number | null
  adoptedFy: number | null
  leadOrgId: number | null
  themeJa: string | null
  startFy: number | null
  endFy: number | null
  detailsKnown: boolean
  partners: { orgId: number }[] | undefined
}

/** The project's program, and every problem of the draft; three small queries. */
async function checkDraft(
  trx: Kysely<Database>,
  draft: Draft,
  sent: ReadonlySet<string>,
): Promise<{ programId: number | undefined; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = []
  const blame = (...fields: string[]) => `body.${fields.find((f) => sent.has(f)) ?? fields[0]}`
  const orgIds = [...new Set([draft.leadOrgId, ...(draft.partners ?? []).map((p) => p.orgId)])].filter(
    (id): id is number => id !== null,
  )
  const [menu, programs, orgs] = await Promise.all([
    draft.menuId === null
      ? undefined
      : trx
          .selectFrom('subsidyMenus as m')
          .innerJoin('programs as pr', 'pr.id', 'm.programId')
          .select(['m.id', 'm.code', 'm.nameJa', 'm.maxYears', 'm.programId', 'pr.code as programCode'])
          .where('m.id', '=', draft.menuId)
          .executeTakeFirst(),
    // A handful of rows.
    trx.selectFrom('programs').select(['id', 'code', 'parentId']).execute(),
    orgIds.length === 0
      ? []
      : trx.selectFrom('organizations').select(['id', 'kind', 'nameJa']).where('id', 'in', orgIds).execute(),
  ])
  const org = new Map(orgs.map((o) => [o.id, o]))

  if (draft.menuId !== null && !menu) {
    problems.push(unknownRecord('body.menuId', 'menu', draft.menuId))
  }
  const program =
    draft.programId !== undefined
      ? programs.find((p) => p.id === draft.programId)
      : programs.find((p) => (menu ? p.id === menu.programId : p.code === BIO_CLUSTER))
  if (!program && draft.programId !== undefined) {
    problems.push(unknownRecord('body.programId', 'program', draft.programId))
  } else if (!program && !(draft.menuId !== null && !menu)) {
    problems.push(
      requiredHere('body.programId', `is required: there is no ${BIO_CLUSTER} program to default to`),
    )
  }
  if (menu && program && menu.programId !== program.id) {
    problems.push({
      field: blame('menuId', 'programId'),
      message: `${menu.nameJa} (${menu.code}) is a menu of program ${menu.programCode}, not of ${program.code}`,
      keyword: 'menuOfOtherProgram',
      params: { menu: menu.code, menuProgram: menu.programCode, program: program.code },
    })
  }

  if (draft.leadOrgId !== null) {
    const lead = org.get(draft.leadOrgId)
    if (!lead) {
      problems.push(unknownRecord('body.leadOrgId', 'organization', draft.leadOrgId))
    } else if (!LEAD_KINDS.includes(lead.kind)) {
      problems.push({
        field: 'body.leadOrgId',
        message: `${lead.nameJa} is a ${lead.kind}; the lead of a project is a company, cooperative or venture`,
        keyword: 'leadKind',
        params: { name: lead.nameJa, kind: lead.kind },
      })
    }
  }
  const seen = new Set<number>()
  for (const [i, { orgId }] of (draft.partners ?? []).entries()) {
    const field = `body.partners.${i}.orgId`
    if (seen.has(orgId)) problems.push(listedTwice(field, 'organization', orgId))
    else if (!org.has(orgId)) problems.push(unknownRecord(field, 'organization', orgId))
    seen.add(orgId)
  }

  const { startFy, endFy } = draft
  if (startFy !== null && endFy !== null && endFy < startFy) {
    problems.push(
      beforeStart(blame('endFy', 'startFy'), `FY${endFy} is before the start year, FY${startFy}`, {
        fy: endFy,
        startFy,
      }),
    )
  } else if (menu && startFy !== null && endFy !== null && endFy - startFy + 1 > menu.maxYears) {
    const years = endFy - startFy + 1
    problems.push({
      field: blame('endFy', 'startFy', 'menuId'),
      message: `FY${startFy}–FY${endFy} is ${years} years; ${menu.nameJa} runs at most ${menu.maxYears}`,
      keyword: 'periodBeyondMenu',
      params: { startFy, endFy, years, maxYears: menu.maxYears, menu: menu.nameJa },
    })
  }

  if (draft.detailsKnown) {
    const why = 'is required for a described project (detailsKnown: true)'
    if (draft.leadOrgId === null) problems.push(requiredHere('body.leadOrgId', why))
    if (draft.themeJa === null) problems.push(requiredHere('body.themeJa', why))
  }
  const parent = programs.find((p) => p.id === program?.parentId)
  if (draft.adoptedFy === null && (program?.code === BIO_CLUSTER || parent?.code === BIO_CLUSTER)) {
    problems.push(requiredHere('body.adoptedFy', 'is required for a project of the bio-cluster program'))
  }
  return { programId: program?.id, problems }
}

async function insertPartners(
  trx: Kysely<Database>,
  projectId: number,
  partners: { orgId: number; role?: string | null }[],
) {
  if (partners.length === 0) return
  await trx
    .insertInto('projectPartners')
    .values(partners.map((p) => ({ projectId, orgId: p.orgId, role: p.role ?? null })))
    .execute()
}

export async function createProject(
  db: Kysely<Database>,
  input: ProjectCreate,
  viewer: Viewer,
): Promise<ProjectDetail> {
  return db.transaction().execute(async (trx) => loadProjectDetail(trx, await addProject(trx, input), viewer))
}

/** Checks a new project and inserts it with its partners, in the caller's transaction; answers its id. */
export async function addProject(trx: Kysely<Database>, input: ProjectCreate): Promise<number> {
  const { partners = [], programId: _, ...fields } = input
  const { programId, problems } = await checkDraft(
    trx,
    {
      programId: input.programId,
      menuId: input.menuId ?? null,
      adoptedFy: input.adoptedFy ?? null,
      leadOrgId: input.leadOrgId ?? null,
      themeJa: input.themeJa ?? null,
      startFy: input.startFy ?? null,
      endFy: input.endFy ?? null,
      detailsKnown: input.detailsKnown ?? true,
      partners,
    },
    new Set(Object.keys(input)),
  )
  if (problems.length > 0 || programId === undefined) throw new RuleViolationError(problems)
  const { id } = await trx
    .insertInto('projects')
    .values({ ...fields, programId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await insertPartners(trx, id, partners)
  return id
}

const GRANT_TERMS = ['menuId', 'startFy', 'endFy', 'leadOrgId'] as const

export async function updateProject(
  db: Kysely<Database>,
  id: number,
  update: ProjectUpdate,
  viewer: Viewer,
): Promise<ProjectDetail> {
  return db.transaction().execute(async (trx) => {
    await changeProject(trx, id, update)
    return loadProjectDetail(trx, id, viewer)
  })
}

/** Checks a project's changes and writes them, in the caller's transaction. */
export async function changeProject(
  trx: Kysely<Database>,
  id: number,
  { version, partners, ...changes }: ProjectUpdate,
): Promise<void> {
  const label = `Project ${id}`
  // Locked: a grant being added meanwhile waits, then is checked against the new terms.
  const current = await trx
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  const next = { ...current, ...changes }
  const sent = new Set(Object.keys(changes).concat(partners ? ['partners'] : []))
  const { programId, problems } = await checkDraft(
    trx,
    {
      ...next,
      // A new menu brings its program along, unless the request names the program too.
      programId: changes.programId ?? (changes.menuId != null ? undefined : current.programId),
      partners,
    },
    sent,
  )
  if (GRANT_TERMS.some((f) => sent.has(f))) problems.push(...(await grantsBroken(trx, id, next, sent)))
  // A stale version answers 409 before any rule: the client has to reload first.
  if (problems.length > 0 && current.version === version) throw new RuleViolationError(problems)
  await updateVersioned(trx, 'projects', id, version, { ...changes, programId }, label)
  if (partners) {
    await trx.deleteFrom('projectPartners').where('projectId', '=', id).execute()
    await insertPartners(trx, id, partners)
  }
}

/** The project's grants that its new menu, period or lead company would put outside the rules. */
async function grantsBroken(
  trx: Kysely<Database>,
  projectId: number,
  project: { menuId: number | null; leadOrgId: number | null; startFy: number | null; endFy: number | null },
  sent: ReadonlySet<string>,
): Promise<FieldProblem[]> {
  const grants = await trx
    .selectFrom('projectGrants')
    .select(['id', 'fy', 'amountYen', 'eligibleCostYen'])
    .where('projectId', '=', projectId)
    .orderBy('fy')
    .execute()
  if (grants.length === 0) return []
  const terms = await grantTerms(trx, project)
  const field = `body.${GRANT_TERMS.find((f) => sent.has(f))}`
  return grants.flatMap((grant) =>
    grantProblems(terms, grant).map((p) => ({
      field,
      message: `would break the rules for the FY${grant.fy} grant (id ${grant.id}): ${p.message}`,
      keyword: 'breaksGrant',
      // The grant's own reason, for a client to say after naming the grant.
      params: { id: grant.id, fy: grant.fy, reason: { keyword: p.keyword, params: p.params } },
    })),
  )
}

/** Deletes the project with its partners, grants, findings, outcomes and event links (cascade). */
export async function deleteProject(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('projects').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Project ${id}`)
}
