import { type Static, Type } from 'typebox'
import { IMPORT_KINDS } from '../../db/tables/import-mappings.ts'
import { TEXT_ENCODINGS } from '../import/metabolome/formats.ts'
import { ErrorResponse, FieldError, Id, ListOf, Nullable, Timestamp, Version } from './common.ts'

// Records from spreadsheets: POST /api/imports/{projects,outcomes,events,findings} with the file as the body,
// and the column mappings saved for reuse at /api/import-mappings.

export const ImportKind = Type.Enum([...IMPORT_KINDS])
export type ImportKind = Static<typeof ImportKind>

const FieldName = Type.String({ minLength: 1, maxLength: 50 })

export const ImportColumns = Type.Record(Type.String(), FieldName, {
  maxProperties: 200,
  description:
    "a column header of the file → the record field it feeds: `id`, or a field of the resource's create schema " +
    '(POST /api/projects…); columns left out are not read',
})
export type ImportColumns = Static<typeof ImportColumns>

export const RecordImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: false, description: 'check every row and report; write nothing' }),
    ),
    mappingId: Type.Optional(Id),
    mapping: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 20_000,
        description:
          'the mapping itself, as JSON: {"テーマ名":"themeJa","採択年度":"adoptedFy"}. Without mapping or ' +
          'mappingId, the columns are mapped as their headers suggest',
      }),
    ),
    encoding: Type.Optional(
      Type.Enum([...TEXT_ENCODINGS], {
        description: 'of a text file; else the Content-Type charset, else detected (UTF-8 or Shift_JIS)',
      }),
    ),
  },
  { additionalProperties: false },
)
export type RecordImportQuery = Static<typeof RecordImportQuery>

export const ImportColumn = Type.Object({
  header: Type.String({
    description: 'as in the file (made unique: `備考 (2)`; an empty one is `column N`)',
  }),
  field: Nullable(Type.String({ description: 'the field it feeds; null: not read' })),
  suggested: Nullable(Type.String({ description: 'the field its header suggests' })),
})

export const RowAction = Type.Enum(['create', 'update', 'unchanged', 'refused'])
export type RowAction = Static<typeof RowAction>

export const ImportRowProblem = Type.Object({
  ...FieldError.properties,
  column: Nullable(Type.String({ description: "the file's column; null: about the row as a whole" })),
})

export const ImportRow = Type.Object({
  line: Type.Integer({ minimum: 1, description: 'line of a text file, row number of a worksheet' }),
  action: RowAction,
  id: Nullable(Id),
  changes: Type.Array(Type.String(), { description: 'the fields an update changes' }),
  problems: Type.Array(ImportRowProblem, {
    description:
      "why a row is refused: the API's own reasons (schema keywords, unknownRecord, notParticipant, editorsOnly…) " +
      'and the import’s: unknownName and ambiguousName (a cell naming no record, or several), sameRecord (two ' +
      'rows for one record)',
  }),
})
export type ImportRow = Static<typeof ImportRow>

const Count = Type.Integer({ minimum: 0 })

export const RecordImportReport = Type.Object(
  {
    kind: ImportKind,
    dryRun: Type.Boolean(),
    committed: Type.Boolean({
      description: 'false for a dry run and for a refused file: nothing was written',
    }),
    layout: Type.Enum(['csv', 'tsv', 'xlsx']),
    encoding: Nullable(Type.Enum([...TEXT_ENCODINGS])),
    headerLine: Type.Integer({ minimum: 1 }),
    fields: Type.Array(Type.String(), { description: 'the fields a column may feed' }),
    columns: Type.Array(ImportColumn),
    missingColumns: Type.Array(Type.String(), {
      description: "the mapping's columns the file does not have",
    }),
    counts: Type.Object({ create: Count, update: Count, unchanged: Count, refused: Count }),
    rows: Type.Array(ImportRow),
  },
  {
    description:
      'Each row is matched by its id column, else by its natural key (projects: theme, adopted FY and lead ' +
      'company; outcomes: project, kind and title; events: kind, title, FY and city; findings: project and ' +
      'statement — those of them the mapping feeds), and is created, updated, left unchanged or refused',
  },
)
export type RecordImportReport = Static<typeof RecordImportReport>

export const RecordImportRefused = Type.Object(
  { ...ErrorResponse.properties, report: Type.Optional(RecordImportReport) },
  { description: 'The file, its mapping, or some of its rows are refused: nothing was written' },
)
export type RecordImportRefused = Static<typeof RecordImportRefused>

// Saved mappings.

export const ImportMapping = Type.Object({
  id: Id,
  kind: ImportKind,
  name: Type.String(),
  columns: ImportColumns,
  createdBy: Nullable(Id),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type ImportMapping = Static<typeof ImportMapping>
export const ImportMappingList = ListOf(ImportMapping)
export type ImportMappingList = Static<typeof ImportMappingList>

export const ImportMappingQuery = Type.Object(
  { kind: Type.Optional(ImportKind) },
  { additionalProperties: false },
)
export type ImportMappingQuery = Static<typeof ImportMappingQuery>

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })

export const ImportMappingCreate = Type.Object(
  { kind: ImportKind, name: Name, columns: ImportColumns },
  { additionalProperties: false },
)
export type ImportMappingCreate = Static<typeof ImportMappingCreate>

export const ImportMappingUpdate = Type.Object(
  { version: Version, name: Type.Optional(Name), columns: Type.Optional(ImportColumns) },
  { additionalProperties: false, minProperties: 2, description: 'the version read, and at least one change' },
)
export type ImportMappingUpdate = Static<typeof ImportMappingUpdate>
