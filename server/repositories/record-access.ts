import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { seesEverything, type Viewer } from '../auth/viewer.ts'
import { findingVisible, outcomeVisible, takesPart } from '../auth/visibility.ts'
import { FieldRefusedError, ForbiddenError, NotFoundError } from '../domain/errors.ts'

// What a partner may change, beyond the route policy (server/auth/policy.ts): findings and outcomes (with
// their metabolite results and links) of the projects it takes part in, without the fields reserved to the
// program office. Admins and managers pass every check here.

/** Fields only admins and managers set: a partner sending one is refused, not silently ignored. */
const RESERVED = ['visibility', 'embargoUntil'] as const

/** What a partner's new finding or outcome is, until the program office publishes it. */
export const PARTNER_DEFAULT_VISIBILITY = 'confidential' as const

export function refuseReservedFields(viewer: Viewer, body: object): void {
  if (seesEverything(viewer)) return
  const problems = RESERVED.filter((field) => field in body).map((field) => ({
    field: `body.${field}`,
    message: 'is set by the program office (managers and admins) only',
    keyword: 'editorsOnly',
    params: {},
  }))
  if (problems.length > 0) throw new FieldRefusedError(problems)
}

/** A partner attaches records only to projects it takes part in: else 400 on `field`. */
export async function checkOwnProject(
  trx: Kysely<Database>,
  viewer: Viewer,
  projectId: number,
  field = 'body.projectId',
): Promise<void> {
  if (seesEverything(viewer)) return
  const own = await trx
    .selectFrom('projects as p')
    .select('p.id')
    .where('p.id', '=', projectId)
    .where(takesPart(viewer, 'p.id'))
    .executeTakeFirst()
  if (!own) {
    throw new FieldRefusedError([
      {
        field,
        message: `project ${projectId} is not one your organization takes part in`,
        keyword: 'notParticipant',
        params: { id: projectId },
      },
    ])
  }
}

/**
 * A finding or outcome about to change: 404 when the viewer may not see it (exactly as when it is missing),
 * 403 when a partner may see it but it belongs to a project the partner does not take part in.
 */
export async function checkMayChange(
  trx: Kysely<Database>,
  viewer: Viewer,
  table: 'findings' | 'outcomes',
  id: number,
  label: string,
): Promise<void> {
  if (seesEverything(viewer)) return
  const row =
    table === 'findings'
      ? await trx
          .selectFrom('findings as f')
          .select([
            sql<boolean>`${findingVisible(viewer, 'f')}`.as('visible'),
            sql<boolean>`${takesPart(viewer, 'f.projectId')}`.as('own'),
          ])
          .where('f.id', '=', id)
          .executeTakeFirst()
      : await trx
          .selectFrom('outcomes as oc')
          .select([
            sql<boolean>`${outcomeVisible(viewer, 'oc')}`.as('visible'),
            sql<boolean>`${takesPart(viewer, 'oc.projectId')}`.as('own'),
          ])
          .where('oc.id', '=', id)
          .executeTakeFirst()
  if (!row?.visible) throw new NotFoundError(label)
  if (!row.own) {
    throw new ForbiddenError(
      `${label} belongs to a project your organization does not take part in: you may read it, not change it`,
    )
  }
}
