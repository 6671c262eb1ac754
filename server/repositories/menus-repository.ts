import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { NotFoundError } from '../domain/errors.ts'
import type { Menu, MenuList, MenuQuery, ProgramList, ProgramNode } from '../schemas/menus.ts'
import { containsPattern, parseSort } from './query-helpers.ts'

const menuColumns = [
  'm.id',
  'm.code',
  'm.nameJa',
  'm.nameEn',
  'm.descriptionJa',
  'm.descriptionEn',
  'm.maxYears',
  'm.rateSmeNumerator',
  'm.rateSmeDenominator',
  'm.rateLargeNumerator',
  'm.rateLargeDenominator',
  'pr.id as programId',
  'pr.code as programCode',
  'pr.nameJa as programNameJa',
  'pr.nameEn as programNameEn',
] as const

const sortColumns = {
  id: 'm.id',
  code: 'm.code',
  nameJa: 'm.nameJa',
  nameEn: 'm.nameEn',
  maxYears: 'm.maxYears',
} as const

/** A program and the programs directly under it (programs nest one level: subsidies under a program). */
const programAndChildren = (db: Kysely<Database>, code: string) =>
  db
    .selectFrom('programs as pg')
    .leftJoin('programs as parent', 'parent.id', 'pg.parentId')
    .select('pg.id')
    .where((eb) => eb.or([eb('pg.code', '=', code), eb('parent.code', '=', code)]))

const menusFrom = (db: Kysely<Database>) =>
  db.selectFrom('subsidyMenus as m').innerJoin('programs as pr', 'pr.id', 'm.programId')

interface MenuRow {
  id: number
  code: string
  nameJa: string
  nameEn: string
  descriptionJa: string | null
  descriptionEn: string | null
  maxYears: number
  rateSmeNumerator: number
  rateSmeDenominator: number
  rateLargeNumerator: number
  rateLargeDenominator: number
  programId: number
  programCode: string
  programNameJa: string
  programNameEn: string
}

function toMenu(row: MenuRow, capsYen: Menu['capsYen']): Menu {
  return {
    id: row.id,
    code: row.code,
    program: {
      id: row.programId,
      code: row.programCode,
      nameJa: row.programNameJa,
      nameEn: row.programNameEn,
    },
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    descriptionJa: row.descriptionJa,
    descriptionEn: row.descriptionEn,
    maxYears: row.maxYears,
    rateSme: { numerator: row.rateSmeNumerator, denominator: row.rateSmeDenominator },
    rateLarge: { numerator: row.rateLargeNumerator, denominator: row.rateLargeDenominator },
    capsYen,
  }
}

/** The caps of the given menus by project year, per menu. */
async function capsOf(db: Kysely<Database>, menuIds: number[]): Promise<Map<number, Menu['capsYen']>> {
  const caps = new Map<number, Menu['capsYen']>()
  if (menuIds.length === 0) return caps
  const rows = await db
    .selectFrom('menuYearCaps')
    .select(['menuId', 'projectYear', 'capYen'])
    .where('menuId', 'in', menuIds)
    .orderBy('menuId')
    .orderBy('projectYear')
    .execute()
  for (const { menuId, projectYear, capYen } of rows)
    caps.set(menuId, [...(caps.get(menuId) ?? []), { projectYear, capYen }])
  return caps
}

/** Three queries: the page, the caps of its menus, and the total. */
export async function listMenus(db: Kysely<Database>, query: MenuQuery): Promise<MenuList> {
  let base = menusFrom(db)
  if (query.program !== undefined)
    base = base.where('m.programId', 'in', programAndChildren(db, query.program))
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q)
    base = base.where((eb) => eb.or([eb('m.nameJa', 'ilike', pattern), eb('m.nameEn', 'ilike', pattern)]))
  }
  const [sort, direction] = parseSort(query.sort, 'id')
  const [rows, count] = await Promise.all([
    base
      .select(menuColumns)
      .orderBy(sortColumns[sort], direction)
      .orderBy('m.id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ])
  const caps = await capsOf(
    db,
    rows.map((r) => r.id),
  )
  return { items: rows.map((row) => toMenu(row, caps.get(row.id) ?? [])), total: count.total }
}

export async function getMenu(db: Kysely<Database>, id: number): Promise<Menu> {
  const [row, caps] = await Promise.all([
    menusFrom(db).select(menuColumns).where('m.id', '=', id).executeTakeFirst(),
    capsOf(db, [id]),
  ])
  if (!row) throw new NotFoundError(`Subsidy menu ${id}`)
  return toMenu(row, caps.get(id) ?? [])
}

/** Every program with its own menus, depth first: two queries. */
export async function listPrograms(db: Kysely<Database>): Promise<ProgramList> {
  const [programs, menus] = await Promise.all([
    db.selectFrom('programs').select(['id', 'code', 'parentId', 'nameJa', 'nameEn']).orderBy('id').execute(),
    db
      .selectFrom('subsidyMenus')
      .select(['id', 'code', 'nameJa', 'nameEn', 'programId'])
      .orderBy('id')
      .execute(),
  ])
  const items: ProgramNode[] = []
  const placed = new Set<number>()
  const place = (parentId: number | null, depth: number) => {
    for (const program of programs) {
      if (program.parentId !== parentId || placed.has(program.id)) continue
      placed.add(program.id)
      const own = menus.filter((m) => m.programId === program.id)
      items.push({ ...program, depth, menus: own.map(({ programId: _, ...menu }) => menu) })
      place(program.id, depth + 1)
    }
  }
  place(null, 0)
  return { items, total: items.length }
}
