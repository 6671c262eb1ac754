import { computed } from 'vue'
import { type LocationQuery, type LocationQueryRaw, useRoute } from 'vue-router'
import { AUDITED_TABLES } from '../../server/domain/audit-tables.ts'
import type { AuditEntry, AuditQuery } from '../../server/schemas/audit.ts'
import { parsePage } from './useProjectListQuery.ts'

// The list of changes' filters, kept in the URL so that a filtered page can be bookmarked and shared:
// `/changes?table=findings&record=12&actor=3&action=update&from=2026-04-01&to=2026-04-30&page=2`.
// Days are Japan's, where the program is: `to` takes in the whole of its day.

export const CHANGES_PAGE_SIZE = 20
export const ACTIONS = ['create', 'update', 'delete'] as const satisfies readonly AuditEntry['action'][]

export type AuditTableName = (typeof AUDITED_TABLES)[number]

export interface ChangeFilters {
  table?: AuditTableName
  record?: number
  actor?: number
  action?: AuditEntry['action']
  /** `YYYY-MM-DD`, the first day. */
  from?: string
  /** `YYYY-MM-DD`, the last day. */
  to?: string
}

const first = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value)
const text = (query: LocationQuery, key: string) => {
  const value = first(query[key])
  return typeof value === 'string' ? value : undefined
}
const id = (value: string | undefined) =>
  value !== undefined && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647
    ? Number(value)
    : undefined
const oneOf = <T extends string>(choices: readonly T[], value: string | undefined) =>
  choices.find((choice) => choice === value)

/** A real calendar day, `YYYY-MM-DD`. */
export function parseDay(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined
}

export function parseChangeFilters(query: LocationQuery): ChangeFilters {
  const filters: ChangeFilters = {
    table: oneOf(AUDITED_TABLES, text(query, 'table')),
    record: id(text(query, 'record')),
    actor: id(text(query, 'actor')),
    action: oneOf(ACTIONS, text(query, 'action')),
    from: parseDay(text(query, 'from')),
    to: parseDay(text(query, 'to')),
  }
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ChangeFilters
}

const JAPAN = '+09:00'
const nextDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

/** The API's query for a page of the list: the days as moments in Japan time, the end day included. */
export function changesApiQuery(filters: ChangeFilters, page: number): AuditQuery {
  return {
    table: filters.table,
    recordId: filters.record,
    actor: filters.actor,
    action: filters.action,
    from: filters.from && `${filters.from}T00:00:00${JAPAN}`,
    to: filters.to && `${nextDay(filters.to)}T00:00:00${JAPAN}`,
    limit: CHANGES_PAGE_SIZE,
    offset: (page - 1) * CHANGES_PAGE_SIZE,
  }
}

const ORDER = ['table', 'record', 'actor', 'action', 'from', 'to'] as const

/** The URL's query for filters and a page (1 left out), in a fixed order. */
export function changesUrlQuery(filters: ChangeFilters, page = 1): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const key of ORDER) if (filters[key] !== undefined) query[key] = String(filters[key])
  if (page > 1) query.page = String(page)
  return query
}

export function useChangesQuery() {
  const route = useRoute()
  const filters = computed(() => parseChangeFilters(route.query))
  const page = computed(() => parsePage(route.query))
  /** The link for the filters changed by `patch`, as typed (an empty or invalid value drops its filter), at page 1. */
  const withFilters = (patch: Partial<Record<keyof ChangeFilters, string>>) => {
    const raw = { ...changesUrlQuery(filters.value), ...patch } as LocationQuery
    return { path: route.path, query: changesUrlQuery(parseChangeFilters(raw)) }
  }
  const pageLink = (next: number) => ({ path: route.path, query: changesUrlQuery(filters.value, next) })
  return { filters, page, withFilters, pageLink }
}
