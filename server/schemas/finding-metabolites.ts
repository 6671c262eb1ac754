import { type Static, Type } from 'typebox'
import { ListOf, Nullable, Paging, Sort } from './common.ts'
import { MetaboliteResult } from './findings.ts'

// All of one finding's metabolite results, a page at a time, with what an imported file said about each: the
// finding's detail and its project page name only the most significant (NAMED_METABOLITE_RESULTS).

export const METABOLITE_SORTS = ['pValue', 'id', 'name', 'foldChange', 'mz', 'sourceLine'] as const
export type MetaboliteSort = (typeof METABOLITE_SORTS)[number]

export const FindingMetaboliteQuery = Type.Object(
  { ...Paging, sort: Sort(METABOLITE_SORTS) },
  {
    additionalProperties: false,
    description:
      'sort defaults to pValue, the order the finding’s detail names its results in; those without the ' +
      'sorted value come last either way, and id breaks ties',
  },
)
export type FindingMetaboliteQuery = Static<typeof FindingMetaboliteQuery>

export const FindingMetabolite = Type.Object({
  ...MetaboliteResult.properties,
  mz: Nullable(Type.Number()),
  migrationTime: Nullable(
    Type.Number({ description: 'CE-MS, in the file’s unit (minutes, as labs write it)' }),
  ),
  retentionTime: Nullable(Type.Number({ description: 'LC-MS and GC-MS, in the file’s unit' })),
  groupValues: Nullable(
    Type.Record(Type.String(), Nullable(Type.Number()), {
      description: 'per sample or group column of the file: the value, null where not detected',
    }),
  ),
  unidentified: Type.Boolean({
    description: 'a peak without name or identifier, named from its m/z and time',
  }),
  sourceLine: Nullable(Type.Integer({ description: 'the line of the file; null: entered by hand' })),
  sourceRow: Nullable(
    Type.Record(Type.String(), Type.String(), { description: 'the file’s row as delivered, header → cell' }),
  ),
  extra: Nullable(
    Type.Object(
      {
        columns: Type.Optional(Type.Record(Type.String(), Type.String())),
        identifiers: Type.Optional(
          Type.Record(Type.String(), Type.Array(Type.Union([Type.String(), Type.Number()]))),
        ),
      },
      { description: 'what the import read but has no column for: unknown columns, further identifiers' },
    ),
  ),
})
export type FindingMetabolite = Static<typeof FindingMetabolite>

export const FindingMetaboliteList = ListOf(FindingMetabolite)
export type FindingMetaboliteList = Static<typeof FindingMetaboliteList>
