import type { AuditLogTable, SessionsTable, SignInFailuresTable, UsersTable } from './tables/accounts.ts'
import type { DataVersionTable } from './tables/data-version.ts'
import type { DecksTable } from './tables/decks.ts'
import type { EventProjectsTable, EventsTable } from './tables/events.ts'
import type { FindingsTable, MetaboliteResultsTable } from './tables/findings.ts'
import type { ImportMappingsTable } from './tables/import-mappings.ts'
import type { OrganizationsTable } from './tables/organizations.ts'
import type { OutcomeFindingsTable, OutcomesTable } from './tables/outcomes.ts'
import type { MenuYearCapsTable, ProgramsTable, SubsidyMenusTable } from './tables/programs.ts'
import type { ProjectGrantsTable, ProjectPartnersTable, ProjectsTable } from './tables/projects.ts'
import type { KpiTargetsTable } from './tables/targets.ts'

/** Table names as the app sees them; CamelCasePlugin maps them to snake_case in SQL. */
export interface Database {
  organizations: OrganizationsTable
  programs: ProgramsTable
  subsidyMenus: SubsidyMenusTable
  menuYearCaps: MenuYearCapsTable
  projects: ProjectsTable
  projectPartners: ProjectPartnersTable
  projectGrants: ProjectGrantsTable
  findings: FindingsTable
  metaboliteResults: MetaboliteResultsTable
  outcomes: OutcomesTable
  outcomeFindings: OutcomeFindingsTable
  events: EventsTable
  eventProjects: EventProjectsTable
  kpiTargets: KpiTargetsTable
  users: UsersTable
  sessions: SessionsTable
  signInFailures: SignInFailuresTable
  auditLog: AuditLogTable
  dataVersion: DataVersionTable
  decks: DecksTable
  importMappings: ImportMappingsTable
}
