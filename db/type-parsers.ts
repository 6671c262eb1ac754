// The one place where values coming back from PostgreSQL are normalized, for `pg` and PGlite alike:
// `pg` returns int8 (count(*), sums) and numeric as strings, PGlite as numbers; both turn dates into
// Date objects at local midnight. Amounts in yen stay far below 2^53, so Number is exact.

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: Number,
  [OID.NUMERIC]: Number,
  [OID.DATE]: (value) => value,
}
