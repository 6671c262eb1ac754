import type { QueryValue } from './client.ts'

/** The lists the API exports as spreadsheets (`GET /api/<list>.csv` and `.xlsx`). */
export type ExportList =
  | 'projects'
  | 'findings'
  | 'outcomes'
  | 'events'
  | 'organizations'
  | 'targets'
  | 'menus'
export type ExportFormat = 'csv' | 'xlsx'
export type ExportQuery = Record<string, QueryValue | readonly string[]>

/**
 * The download URL of a list with a list page's query (paging left out: an export holds every page). Unset
 * values are left out, several values repeat the key (`kind=product&kind=award`), keys are sorted.
 */
export function exportUrl(list: ExportList, format: ExportFormat, query: ExportQuery = {}): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query).sort()) {
    if (key === 'limit' || key === 'offset') continue
    const value = query[key]
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && one !== '') params.append(key, String(one))
    }
  }
  const search = params.toString()
  return `/api/${list}.${format}${search ? `?${search}` : ''}`
}
