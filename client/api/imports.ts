import type {
  ImportKind,
  ImportMapping,
  ImportMappingCreate,
  ImportMappingList,
  ImportMappingUpdate,
  RecordImportRefused,
  RecordImportReport,
} from '../../server/schemas/record-import.ts'
import { type ApiError, apiGet, apiSend, type RequestOptions, toSearch } from './client.ts'

// Records from spreadsheets (POST /api/imports/:kind, the file as the body) and the saved column mappings.

export interface ImportRequest {
  kind: ImportKind
  file: Blob
  dryRun: boolean
  /** Column header → field; undefined: as the headers suggest. */
  mapping?: Record<string, string> | undefined
}

export const recordImports = {
  run: ({ kind, file, dryRun, mapping }: ImportRequest) =>
    apiSend<RecordImportReport>(
      'POST',
      `/imports/${kind}${toSearch({ dryRun, mapping: mapping && JSON.stringify(mapping) })}`,
      file,
    ),
}

/** The report a refused import answers with (422: some rows refused, nothing written), if it has one. */
export const refusedReport = (error: ApiError): RecordImportReport | undefined =>
  (error.body as RecordImportRefused).report

export const importMappings = {
  list: (kind: ImportKind, options?: RequestOptions) =>
    apiGet<ImportMappingList>('/import-mappings', { kind }, options).then((list) => list.items),
  create: (body: ImportMappingCreate) => apiSend<ImportMapping>('POST', '/import-mappings', body),
  update: (id: number, body: ImportMappingUpdate) =>
    apiSend<ImportMapping>('PATCH', `/import-mappings/${id}`, body),
  remove: (id: number) => apiSend<undefined>('DELETE', `/import-mappings/${id}`),
}
