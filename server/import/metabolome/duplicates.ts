import type { ParsedItem, ParsedResult, ResultPart } from './normalize.ts'

// A finding lists each metabolite once (the database holds it to one row per name). Here, across a whole
// file: a second row of a name is refused, naming the first; the two parts of an mwTab metabolite (values
// and annotation) are joined, the second taking the first one's spelling of the name. Memory: the names only.

/** Parts as bits, kept with the line in one number: a file of 100,000 names holds 100,000 numbers. */
const BIT: Record<ResultPart | 'whole', number> = { whole: 1, values: 2, annotation: 4 }
const BITS = 8

/** Names compared as people read them: full-width and half-width alike, case ignored. */
const keyOf = (name: string) => name.normalize('NFKC').toLowerCase()

export async function* onePerName(items: AsyncIterable<ParsedItem>): AsyncGenerator<ParsedItem> {
  /** Name → its first line × BITS + the parts seen. */
  const seen = new Map<string, number>()
  /** The first spelling of names given in parts, for the second part to take. */
  const spelling = new Map<string, string>()
  for await (const item of items) {
    if (item.kind === 'error' || item.name === null) {
      yield item
      continue
    }
    const key = keyOf(item.name)
    const bit = BIT[item.part ?? 'whole']
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, item.line * BITS + bit)
      if (item.part) spelling.set(key, item.name)
      yield item
      continue
    }
    const parts = first % BITS
    if (bit === BIT.whole || (parts & (BIT.whole | bit)) !== 0) {
      const line = Math.floor(first / BITS)
      yield {
        kind: 'error',
        line: item.line,
        reason: `${item.name} is already on line ${line}: a finding lists each metabolite once`,
      }
      continue
    }
    seen.set(key, first + bit)
    yield { ...item, name: spelling.get(key) ?? item.name } satisfies ParsedResult
  }
}
