// Which tables the audit trail covers: the API's schemas (server/schemas/audit.ts) and the dashboard share
// these lists, without the dashboard loading the schema library for them.

/** Every table whose rows the audit trail records. */
export const AUDITED_TABLES = [
  'organizations',
  'programs',
  'subsidy_menus',
  'menu_year_caps',
  'projects',
  'project_partners',
  'project_grants',
  'findings',
  'metabolite_results',
  'outcomes',
  'outcome_findings',
  'events',
  'event_projects',
  'kpi_targets',
  'users',
  'decks',
] as const

/**
 * The records with a history, and the tables whose rows belong to them (logged under the record's id):
 * a project's partners, a finding's metabolite results, an outcome's and an event's links.
 */
export const HISTORY_TABLES = {
  organizations: ['organizations'],
  programs: ['programs'],
  subsidy_menus: ['subsidy_menus', 'menu_year_caps'],
  projects: ['projects', 'project_partners'],
  project_grants: ['project_grants'],
  findings: ['findings', 'metabolite_results'],
  outcomes: ['outcomes', 'outcome_findings'],
  events: ['events', 'event_projects'],
  kpi_targets: ['kpi_targets'],
  users: ['users'],
  decks: ['decks'],
} as const satisfies Record<string, readonly (typeof AUDITED_TABLES)[number][]>
