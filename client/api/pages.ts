import { apiGet, type Query, type RequestOptions } from './client.ts'

const PAGE = 500
/** Enough for any list a screen draws whole; past it the screen says how many it left out. */
const MAX_PAGES = 20

/**
 * Every item of a paged list (`{ items, total }`), fetched a page at a time: the screens that chart a whole
 * list (an institution's projects, the outcomes timeline) must not silently stop at the first page.
 */
export async function fetchAll<T>(
  path: string,
  query: Query,
  options: RequestOptions = {},
): Promise<{ items: T[]; total: number }> {
  const items: T[] = []
  let total = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await apiGet<{ items: T[]; total: number }>(
      path,
      { ...query, limit: PAGE, offset: page * PAGE },
      options,
    )
    items.push(...answer.items)
    total = answer.total
    if (answer.items.length < PAGE || items.length >= total) break
  }
  return { items, total }
}
