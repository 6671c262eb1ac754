// The one place where values coming back from PostgreSQL are normalized, for `pg` and PGlite alike:
// `pg` returns int8 (count(*), sums) and numeric as strings, PGlite as numbers; both turn dates into
// Date objects (dates at local midnight). Here dates stay `YYYY-MM-DD` strings and timestamps become ISO 8601
// strings in UTC, exactly what the API sends. Amounts in yen stay far below 2^53, so Number is exact.

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184 } as const

/** `2026-11-28 17:43:12.123456+09` → `2026-11-28T08:43:12.123Z` */
const isoTimestamp = (value: string) =>
  new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString()

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: Number,
  [OID.NUMERIC]: Number,
  [OID.DATE]: (value) => value,
  [OID.TIMESTAMPTZ]: isoTimestamp,
}
