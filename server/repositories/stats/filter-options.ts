import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/database.ts'
import type { FilterOptions } from '../../schemas/stats.ts'
import { PRODUCT_KINDS, statsProjectIds, yearSpan } from './scope.ts'

/**
 * The dashboard filter bar's choices, over the same projects the charts count (whatever their visibility, as
 * the institutions answer: organizations are public records, and no title or theme of a project is read).
 * They do not depend on the filters.
 */
export async function filterOptions(db: Kysely<Database>): Promise<FilterOptions> {
  const projects = statsProjectIds(db, {})
  const [span, menus, institutions, municipalities] = await Promise.all([
    // The years the adoptions, products and attendance charts span, from each one's own FY.
    db
      .selectFrom(
        db
          .selectFrom('projects as p')
          .where('p.id', 'in', projects)
          .select((eb) => [eb.fn.min('p.adoptedFy').as('first'), eb.fn.max('p.adoptedFy').as('last')])
          .unionAll(
            db
              .selectFrom('outcomes as oc')
              .where('oc.projectId', 'in', projects)
              .where('oc.kind', 'in', PRODUCT_KINDS)
              .select((eb) => [eb.fn.min('oc.fy').as('first'), eb.fn.max('oc.fy').as('last')]),
          )
          .unionAll(
            db
              .selectFrom('events as e')
              .select((eb) => [eb.fn.min('e.fy').as('first'), eb.fn.max('e.fy').as('last')]),
          )
          .as('s'),
      )
      .select((eb) => [eb.fn.min('s.first').as('first'), eb.fn.max('s.last').as('last')])
      .executeTakeFirstOrThrow(),
    // In display order, as the adoptions chart lists them.
    db
      .selectFrom('subsidyMenus as m')
      .where('m.id', 'in', (eb) =>
        eb.selectFrom('projects as p').select('p.menuId').where('p.id', 'in', projects),
      )
      .select(['m.code', 'm.nameJa', 'm.nameEn'])
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('organizations as o')
      .where('o.id', 'in', (eb) =>
        eb.selectFrom('projectPartners as pp').select('pp.orgId').where('pp.projectId', 'in', projects),
      )
      .select(['o.id', 'o.kind', 'o.nameJa', 'o.nameEn'])
      // Code-point order, so both backends sort Japanese names alike whatever their locale.
      .orderBy(sql`o.name_ja collate "C"`)
      .orderBy('o.id')
      .execute(),
    // The municipality filter selects projects by their lead company's seat (project-filters.ts).
    db
      .selectFrom('organizations as o')
      .where('o.id', 'in', (eb) =>
        eb.selectFrom('projects as p').select('p.leadOrgId').where('p.id', 'in', projects),
      )
      .where('o.municipality', 'is not', null)
      .select('o.municipality')
      .groupBy('o.municipality')
      .orderBy(sql`o.municipality collate "C"`)
      .$narrowType<{ municipality: string }>()
      .execute(),
  ])
  const { first, last } = span
  return {
    fiscalYears: first === null || last === null ? [] : yearSpan([first, last]),
    menus: menus.map((m) => ({ code: m.code, name: { ja: m.nameJa, en: m.nameEn } })),
    institutions: institutions.map((o) => ({ id: o.id, kind: o.kind, name: { ja: o.nameJa, en: o.nameEn } })),
    municipalities: municipalities.map((o) => o.municipality),
  }
}
