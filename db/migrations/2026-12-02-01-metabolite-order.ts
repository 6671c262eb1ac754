import { type Kysely, sql } from 'kysely'

// Frozen once landed: change the schema with a new migration, never by editing this one.
//
// A finding's detail and its project page name its most significant metabolite results (by p-value, those
// without one last, then id) out of as many as an import brings, and GET /api/findings/{id}/metabolites pages
// through them in that order: the index gives the order without sorting a finding's 100,000 rows. It starts
// with finding_id, so it serves every lookup the single-column index did, which it replaces.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'create index metabolite_results_finding_p_value_idx on metabolite_results (finding_id, p_value, id)',
    )
    .execute(db)
  await sql.raw('drop index metabolite_results_finding_idx').execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('create index metabolite_results_finding_idx on metabolite_results (finding_id)').execute(db)
  await sql.raw('drop index metabolite_results_finding_p_value_idx').execute(db)
}
