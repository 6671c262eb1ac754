import { type Static, Type } from 'typebox'
import { FILE_LAYOUTS, METABOLITE_FORMATS, TEXT_ENCODINGS } from '../import/metabolome/formats.ts'
import { ErrorResponse, Id, Nullable } from './common.ts'

// Importing a finding's metabolite results from a result file: POST /api/findings/:id/metabolites/import.

/** Media types the import reads; the file's content, not the type, decides how it is read. */
export const METABOLITE_FILE_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // What browsers on Windows send for a .csv (Excel's association), and for an unknown file.
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const

export const MetaboliteFormat = Type.Enum([...METABOLITE_FORMATS], {
  description:
    "lab: a lab's delivery table (CSV, TSV or XLSX); maf: a MetaboLights m_*_maf.tsv; mwtab: a Metabolomics " +
    'Workbench mwTab file (text or JSON). Detected from the content when not given.',
})

export const MetaboliteImportQuery = Type.Object(
  {
    format: Type.Optional(MetaboliteFormat),
    encoding: Type.Optional(
      Type.Enum([...TEXT_ENCODINGS], {
        description: 'of a text file; else the Content-Type charset, else detected (UTF-8 or Shift_JIS)',
      }),
    ),
    dryRun: Type.Optional(
      Type.Boolean({ default: false, description: 'read and check the file, report, and write nothing' }),
    ),
    caseGroup: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'with controlGroup: the fold change is the mean of this group over the mean of the control, from the ' +
          "file's values per sample (lab: group columns such as Heated_1 or 加熱_平均; MAF: sample columns; mwTab: " +
          'a factor value such as Wounded or Treatment:Wounded)',
      }),
    ),
    controlGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  {
    additionalProperties: false,
    dependencies: { caseGroup: ['controlGroup'], controlGroup: ['caseGroup'] },
  },
)
export type MetaboliteImportQuery = Static<typeof MetaboliteImportQuery>

export const RowProblem = Type.Object({
  line: Type.Integer({ minimum: 1, description: 'line of a text file, row number of a worksheet' }),
  reason: Type.String(),
})

export const MetaboliteImportReport = Type.Object(
  {
    findingId: Id,
    dryRun: Type.Boolean(),
    committed: Type.Boolean({
      description: 'false for a dry run and for a refused file: nothing was written',
    }),
    format: MetaboliteFormat,
    layout: Type.Enum([...FILE_LAYOUTS]),
    encoding: Nullable(Type.Enum([...TEXT_ENCODINGS])),
    rows: Type.Integer({ minimum: 0, description: 'data rows read (headers, notes and blank rows aside)' }),
    results: Type.Integer({ minimum: 0, description: 'metabolite results the file gives' }),
    unidentified: Type.Integer({ minimum: 0, description: 'peaks without a name or identifier' }),
    added: Type.Integer({ minimum: 0 }),
    removed: Type.Integer({ minimum: 0, description: 'results of the finding the file no longer has' }),
    unchanged: Type.Integer({ minimum: 0 }),
    rejected: Type.Array(RowProblem, {
      description: 'every row that could not be read, with the reason (the first 100,000 of them)',
    }),
    rejectedTotal: Type.Integer({ minimum: 0, description: 'how many rows could not be read' }),
  },
  {
    description:
      "The import replaces the finding's results with the file's: added, removed and unchanged compare the two " +
      '(re-importing the same file changes nothing)',
  },
)
export type MetaboliteImportReport = Static<typeof MetaboliteImportReport>

export const MetaboliteImportRefused = Type.Object(
  { ...ErrorResponse.properties, report: Type.Optional(MetaboliteImportReport) },
  { description: 'The file, or some of its rows, cannot be read: nothing was written' },
)
export type MetaboliteImportRefused = Static<typeof MetaboliteImportRefused>
