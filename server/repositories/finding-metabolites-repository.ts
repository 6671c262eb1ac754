import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Viewer } from '../auth/viewer.ts'
import { findingVisible } from '../auth/visibility.ts'
import { NotFoundError } from '../domain/errors.ts'
import type {
  FindingMetabolite,
  FindingMetaboliteList,
  FindingMetaboliteQuery,
  MetaboliteSort,
} from '../schemas/finding-metabolites.ts'
import { parseSort } from './query-helpers.ts'

// All of one finding's metabolite results, a page at a time, with what an imported file said about each; and
// the order in which the finding's detail and its project page name the most significant of them.

/** What every answer says of a metabolite result (`mr`): its name, identifiers and change. */
export const metaboliteResultColumns = [
  'mr.id',
  'mr.name',
  'mr.hmdbId',
  'mr.keggId',
  'mr.chebiId',
  'mr.pubchemCid',
  'mr.inchikey',
  'mr.direction',
  'mr.foldChange',
  'mr.pValue',
] as const

/**
 * Orders the results `alias` of a finding by `sort`, those without the value last either way, id breaking
 * ties. The default (p-value ascending, then id) is the order answers name results in: the index
 * metabolite_results (finding_id, p_value, id) gives it without sorting, so a page of the most significant
 * of 100,000 results reads a page of rows. By name, the unique (finding_id, name) index serves; the other
 * orders sort the finding's rows (at most the hundred thousand or so of one file).
 */
export function inResultOrder<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  alias: string,
  sort: MetaboliteSort = 'pValue',
  direction: 'asc' | 'desc' = 'asc',
): SelectQueryBuilder<DB, TB, O> {
  const ordered =
    sort === 'id'
      ? query
      : query.orderBy(sql.ref(`${alias}.${sort}`), (ob) =>
          (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast(),
        )
  return ordered.orderBy(sql.ref(`${alias}.id`), (ob) =>
    sort === 'id' && direction === 'desc' ? ob.desc() : ob.asc(),
  )
}

/**
 * The JSON columns as text, parsed here: the CamelCasePlugin would rename the keys inside them (a file's
 * column `Heated_mean` would come back as `HeatedMean`).
 */
const asText = (column: string) => sql<string | null>`${sql.ref(column)}::text`
const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

/** A page of the finding's results; a finding the viewer may not see answers 404, as a missing one. */
export async function listFindingMetabolites(
  db: Kysely<Database>,
  findingId: number,
  query: FindingMetaboliteQuery,
  viewer: Viewer,
): Promise<FindingMetaboliteList> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const finding = await trx
        .selectFrom('findings as f')
        .select('f.id')
        .where('f.id', '=', findingId)
        .where(findingVisible(viewer, 'f'))
        .executeTakeFirst()
      if (!finding) throw new NotFoundError(`Finding ${findingId}`)
      const [sort, direction] = parseSort<MetaboliteSort>(query.sort, 'pValue')
      const results = trx.selectFrom('metaboliteResults as mr').where('mr.findingId', '=', findingId)
      const [rows, count] = await Promise.all([
        inResultOrder(
          results.select([
            ...metaboliteResultColumns,
            'mr.mz',
            'mr.migrationTime',
            'mr.retentionTime',
            'mr.unidentified',
            'mr.sourceLine',
            asText('mr.groupValues').as('groupValues'),
            asText('mr.sourceRow').as('sourceRow'),
            asText('mr.extra').as('extra'),
          ]),
          'mr',
          sort,
          direction,
        )
          .limit(query.limit ?? 50)
          .offset(query.offset ?? 0)
          .execute(),
        results.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ])
      const items = rows.map(
        ({ groupValues, sourceRow, extra, ...row }): FindingMetabolite => ({
          ...row,
          groupValues: parsed(groupValues),
          sourceRow: parsed(sourceRow),
          extra: parsed(extra),
        }),
      )
      return { items, total: count.total }
    })
}
