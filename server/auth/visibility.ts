import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely'
import { partnerOrganization, seesEverything, type Viewer } from './viewer.ts'

// THE visibility rule, in one place. Every list, detail, search, export and chart that shows a project,
// finding or outcome filters with these expressions; nothing else decides who sees a record.
//
// A project is visible when
//   - it is public, or its embargo has ended (embargo_until <= today, Japan time), or
//   - it is `program` and the viewer is signed in, or
//   - the viewer is an admin or manager, or
//   - the viewer is a partner whose organization leads the project or is one of its partners.
// A finding or outcome is visible when its project is visible AND it passes the same rule itself (a partner
// sees the confidential findings and outcomes of the projects it takes part in).
//
// Records hidden from a viewer answer 404 exactly as missing ones. KPIs count them (the program's totals
// are public figures) but never show their contents; see server/repositories/stats/.

/** Embargoes end at midnight in Yamagata, whatever the server's time zone. */
export const today = sql<string>`(now() at time zone 'Asia/Tokyo')::date`

const column = (alias: string, name: string) => sql.ref(`${alias}.${name}`)

/** Ids of the projects an organization takes part in: as the lead company or as a partner. */
const projectsOf = (organizationId: number) => sql`(
  select tp.id from projects tp where tp.lead_org_id = ${organizationId}
  union all
  select tpp.project_id from project_partners tpp where tpp.org_id = ${organizationId}
)`

/** The rule on a record's own visibility; `projectId` is the project it belongs to (itself, for a project). */
function ownRule(viewer: Viewer, alias: string, projectId: RawBuilder<unknown>): RawBuilder<SqlBool> {
  const visibility = column(alias, 'visibility')
  const open = sql<SqlBool>`(${visibility} = 'public' or ${column(alias, 'embargoUntil')} <= ${today})`
  if (viewer.kind === 'anonymous') return open
  const organization = partnerOrganization(viewer)
  const signedIn = sql<SqlBool>`(${open} or ${visibility} = 'program')`
  if (organization === undefined) return signedIn
  return sql<SqlBool>`(${signedIn} or ${projectId} in ${projectsOf(organization)})`
}

const everything = sql<SqlBool>`true`

/** `<alias>` (a row of projects) is visible to the viewer. */
export function projectVisible(viewer: Viewer, alias = 'p'): Expression<SqlBool> {
  if (seesEverything(viewer)) return everything
  return ownRule(viewer, alias, column(alias, 'id'))
}

/** Ids of the projects visible to the viewer, for `where(projectId, 'in', …)` in raw SQL. */
function visibleProjectIds(viewer: Viewer) {
  return sql`(select vp.id from projects vp where ${ownRule(viewer, 'vp', column('vp', 'id'))})`
}

/** `<alias>` (a row of findings or outcomes, with `projectId`) is visible: itself and its project. */
function childVisible(viewer: Viewer, alias: string): Expression<SqlBool> {
  if (seesEverything(viewer)) return everything
  const projectId = column(alias, 'projectId')
  return sql<SqlBool>`(${ownRule(viewer, alias, projectId)} and ${projectId} in ${visibleProjectIds(viewer)})`
}

export const findingVisible = (viewer: Viewer, alias = 'f') => childVisible(viewer, alias)
export const outcomeVisible = (viewer: Viewer, alias = 'oc') => childVisible(viewer, alias)

/**
 * The viewers that see exactly the same records, as a key: one per branch of the rule above (everything;
 * anonymous; signed in; partner of organization N). Answers filtered by this rule alone may be shared
 * within a class (server/plugins/response-cache.ts), never across classes.
 */
export function visibilityClass(viewer: Viewer): string {
  if (seesEverything(viewer)) return 'everything'
  if (viewer.kind === 'anonymous') return 'anonymous'
  const organization = partnerOrganization(viewer)
  return organization === undefined ? 'signed-in' : `partner:${organization}`
}

/**
 * The viewer takes part in the project `projectId` (a column reference like 'f.projectId'): a partner of
 * the lead company or a partner institution. What a partner may change.
 */
export function takesPart(viewer: Viewer, projectId: string): Expression<SqlBool> {
  const organization = partnerOrganization(viewer)
  if (organization === undefined) return sql<SqlBool>`false`
  return sql<SqlBool>`${sql.ref(projectId)} in ${projectsOf(organization)}`
}
