import { type Static, Type } from 'typebox'
import { Id, ListOf, Nullable, Paging, Sort, Text } from './common.ts'
import { MenuRef, ProgramCode, ProgramRef } from './projects.ts'

export const Rate = Type.Object(
  { numerator: Type.Integer({ minimum: 1 }), denominator: Type.Integer({ minimum: 1 }) },
  { description: 'a subsidy rate as a fraction of the eligible cost, e.g. 2/3' },
)
export type Rate = Static<typeof Rate>

export const Menu = Type.Object({
  id: Id,
  code: Type.String(),
  program: ProgramRef,
  nameJa: Type.String(),
  nameEn: Type.String(),
  descriptionJa: Nullable(Type.String()),
  descriptionEn: Nullable(Type.String()),
  maxYears: Type.Integer({ minimum: 1, description: 'the longest period a project on the menu may run' }),
  rateSme: Rate,
  rateLarge: Rate,
  capsYen: Type.Array(
    Type.Object({ projectYear: Type.Integer({ minimum: 1 }), capYen: Type.Integer({ minimum: 1 }) }),
    { description: 'the most a grant may be in each project year (1 = the first), by year' },
  ),
})
export type Menu = Static<typeof Menu>
export const MenuList = ListOf(Menu)
export type MenuList = Static<typeof MenuList>

export const MenuQuery = Type.Object(
  {
    ...Paging,
    sort: Sort(['id', 'code', 'nameJa', 'nameEn', 'maxYears']),
    program: Type.Optional(ProgramCode),
    q: Type.Optional(Text(200)),
  },
  {
    additionalProperties: false,
    description: 'program keeps the menus of that program and of the programs under it; q matches the names',
  },
)
export type MenuQuery = Static<typeof MenuQuery>

export const ProgramNode = Type.Object({
  id: Id,
  code: Type.String(),
  parentId: Nullable(Id),
  depth: Type.Integer({ minimum: 0, description: '0 for a top-level program' }),
  nameJa: Type.String(),
  nameEn: Type.String(),
  menus: Type.Array(MenuRef, { description: "the program's own subsidy menus" }),
})
export type ProgramNode = Static<typeof ProgramNode>
export const ProgramList = Type.Object(
  { items: Type.Array(ProgramNode), total: Type.Integer({ minimum: 0 }) },
  { description: 'every program, depth first: each program is followed by the programs under it' },
)
export type ProgramList = Static<typeof ProgramList>

export const ProgramQuery = Type.Object({}, { additionalProperties: false })
