import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Viewer } from '../auth/viewer.ts'
import { findingVisible, outcomeVisible, projectVisible } from '../auth/visibility.ts'
import { NotFoundError } from '../domain/errors.ts'
import { NAMED_METABOLITE_RESULTS } from '../schemas/findings.ts'
import type { ProjectDetail } from '../schemas/projects.ts'
import { inResultOrder, metaboliteResultColumns } from './finding-metabolites-repository.ts'
import { withProjectYear } from './grants-repository.ts'

/**
 * The project page in one answer, read from one snapshot so its parts agree with each other. A project
 * hidden from the viewer answers 404; its findings and outcomes hidden from the viewer are left out.
 */
export async function getProjectDetail(
  db: Kysely<Database>,
  id: number,
  viewer: Viewer,
): Promise<ProjectDetail> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => loadProjectDetail(trx, id, viewer))
}

/**
 * The project page, for use inside a transaction the caller holds. Nine queries whatever the project holds:
 * each part is one query keyed by the project id, never one per row.
 */
export async function loadProjectDetail(
  db: Kysely<Database>,
  id: number,
  viewer: Viewer,
): Promise<ProjectDetail> {
  const [project, caps, partners, grants, findings, metabolites, outcomes, restsOn, events] =
    await Promise.all([
      db
        .selectFrom('projects as p')
        .innerJoin('programs as pr', 'pr.id', 'p.programId')
        .leftJoin('subsidyMenus as m', 'm.id', 'p.menuId')
        .leftJoin('organizations as o', 'o.id', 'p.leadOrgId')
        .select([
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
          'p.embargoUntil',
          'p.detailsKnown',
          'p.sourceNote',
          'p.version',
          'p.createdAt',
          'p.updatedAt',
          'pr.id as programId',
          'pr.code as programCode',
          'pr.nameJa as programNameJa',
          'pr.nameEn as programNameEn',
          'm.id as menuId',
          'm.code as menuCode',
          'm.nameJa as menuNameJa',
          'm.nameEn as menuNameEn',
          'm.maxYears',
          'm.rateSmeNumerator',
          'm.rateSmeDenominator',
          'm.rateLargeNumerator',
          'm.rateLargeDenominator',
          'o.id as companyId',
          'o.kind as companyKind',
          'o.nameJa as companyNameJa',
          'o.nameEn as companyNameEn',
          'o.municipality as companyMunicipality',
          'o.size as companySize',
        ])
        .where('p.id', '=', id)
        .where(projectVisible(viewer, 'p'))
        .executeTakeFirst(),
      db
        .selectFrom('menuYearCaps as c')
        .innerJoin('projects as p', 'p.menuId', 'c.menuId')
        .select(['c.projectYear', 'c.capYen'])
        .where('p.id', '=', id)
        .orderBy('c.projectYear')
        .execute(),
      db
        .selectFrom('projectPartners as pp')
        .innerJoin('organizations as o', 'o.id', 'pp.orgId')
        .select(['o.id', 'o.kind', 'o.nameJa', 'o.nameEn', 'pp.role'])
        .where('pp.projectId', '=', id)
        .orderBy('o.id')
        .execute(),
      db
        .selectFrom('projectGrants')
        .select(['id', 'projectId', 'fy', 'amountYen', 'eligibleCostYen', 'version'])
        .where('projectId', '=', id)
        .orderBy('fy')
        .execute(),
      db
        .selectFrom('findings as f')
        .select([
          'f.id',
          'f.ref',
          'f.statementJa',
          'f.statementEn',
          'f.materialJa',
          'f.materialEn',
          'f.comparisonJa',
          'f.comparisonEn',
          'f.platform',
          'f.evidenceLevel',
          'f.reportedOn',
          'f.visibility',
          'f.embargoUntil',
          'f.version',
        ])
        .select((eb) =>
          eb
            .selectFrom('metaboliteResults as mr')
            .select((sub) => sub.fn.countAll<number>().as('n'))
            .whereRef('mr.findingId', '=', 'f.id')
            .as('metaboliteCount'),
        )
        .where('f.projectId', '=', id)
        .where(findingVisible(viewer, 'f'))
        .orderBy('f.id')
        .execute(),
      // Each finding's most significant results, read from its index: a page per finding, however many it has.
      inResultOrder(
        db
          .selectFrom('findings as f')
          .innerJoinLateral(
            (eb) =>
              inResultOrder(
                eb
                  .selectFrom('metaboliteResults as mr')
                  .select([...metaboliteResultColumns, 'mr.findingId'])
                  .whereRef('mr.findingId', '=', 'f.id'),
                'mr',
              )
                .limit(NAMED_METABOLITE_RESULTS)
                .as('r'),
            (join) => join.onTrue(),
          )
          .selectAll('r')
          .where('f.projectId', '=', id)
          .where(findingVisible(viewer, 'f'))
          .orderBy('f.id'),
        'r',
      ).execute(),
      db
        .selectFrom('outcomes as oc')
        .select([
          'oc.id',
          'oc.ref',
          'oc.kind',
          'oc.titleJa',
          'oc.titleEn',
          'oc.descriptionJa',
          'oc.descriptionEn',
          'oc.fy',
          'oc.occurredOn',
          'oc.datePrecision',
          'oc.visibility',
          'oc.embargoUntil',
          'oc.version',
        ])
        .where('oc.projectId', '=', id)
        .where(outcomeVisible(viewer, 'oc'))
        .orderBy('oc.occurredOn')
        .orderBy('oc.id')
        .execute(),
      // Outcomes of this project may rest on findings of others: only the visible ones are named.
      db
        .selectFrom('outcomeFindings as link')
        .innerJoin('outcomes as oc', 'oc.id', 'link.outcomeId')
        .innerJoin('findings as f', 'f.id', 'link.findingId')
        .select(['link.outcomeId', 'link.findingId'])
        .where('oc.projectId', '=', id)
        .where(findingVisible(viewer, 'f'))
        .orderBy('link.findingId')
        .execute(),
      db
        .selectFrom('eventProjects as ep')
        .innerJoin('events as e', 'e.id', 'ep.eventId')
        .select([
          'e.id',
          'e.kind',
          'e.fy',
          'e.heldOn as date',
          'e.datePrecision',
          'e.titleJa',
          'e.titleEn',
          'e.city',
          'e.attendance',
        ])
        .where('ep.projectId', '=', id)
        .orderBy('e.fy')
        .orderBy('e.heldOn')
        .orderBy('e.id')
        .execute(),
    ])
  if (!project) throw new NotFoundError(`Project ${id}`)

  const {
    programId,
    programCode,
    programNameJa,
    programNameEn,
    menuId,
    menuCode,
    menuNameJa,
    menuNameEn,
    maxYears,
    rateSmeNumerator,
    rateSmeDenominator,
    rateLargeNumerator,
    rateLargeDenominator,
    companyId,
    companyKind,
    companyNameJa,
    companyNameEn,
    companyMunicipality,
    companySize,
    ...fields
  } = project
  return {
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
            maxYears: maxYears as number,
            rates: {
              sme: { numerator: rateSmeNumerator as number, denominator: rateSmeDenominator as number },
              large: { numerator: rateLargeNumerator as number, denominator: rateLargeDenominator as number },
            },
            caps,
          },
    company:
      companyId === null
        ? null
        : {
            id: companyId,
            kind: companyKind as NonNullable<typeof companyKind>,
            nameJa: companyNameJa as string,
            nameEn: companyNameEn,
            municipality: companyMunicipality,
            size: companySize,
          },
    partners: partners.map(({ role, ...org }) => ({ org, role })),
    grants: grants.map((g) => withProjectYear(g, fields.startFy)),
    findings: findings.map(({ metaboliteCount, ...f }) => ({
      ...f,
      metaboliteResults: metabolites.filter((m) => m.findingId === f.id).map(({ findingId: _, ...m }) => m),
      metaboliteCount: metaboliteCount ?? 0,
    })),
    outcomes: outcomes.map((o) => ({
      ...o,
      restsOn: restsOn.filter((r) => r.outcomeId === o.id).map((r) => r.findingId),
    })),
    events,
  }
}
