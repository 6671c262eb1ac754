import { type Static, Type } from 'typebox'
import { FiscalYear, Id, Text } from './common.ts'

export const ResearchField = Type.Enum(['medical', 'food', 'agriculture', 'materials', 'other'])
export type ResearchField = Static<typeof ResearchField>
export const MenuCode = Type.String({
  pattern: '^[a-z][a-z0-9_]*$',
  maxLength: 50,
  description: 'subsidy menu code',
})

/**
 * The dashboard's filters, shared by lists, charts, KPIs and exports. `fyFrom`/`fyTo` bound each record's
 * own fiscal year (a project's adoption, an outcome's, an event's); the others select projects, and a
 * finding or outcome matches when its project does. Events are program-wide: only the FY range applies.
 */
export const DashboardFilters = {
  fyFrom: Type.Optional(FiscalYear),
  fyTo: Type.Optional(FiscalYear),
  menu: Type.Optional(MenuCode),
  field: Type.Optional(ResearchField),
  institution: Type.Optional(Id),
  company: Type.Optional(Id),
  municipality: Type.Optional(Text(50)),
}
export const DashboardFilterQuery = Type.Object(DashboardFilters, { additionalProperties: false })
export type DashboardFilterQuery = Static<typeof DashboardFilterQuery>
