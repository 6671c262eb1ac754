import type { FieldProblem } from '../../domain/errors.ts'

// Other records as a spreadsheet names them: a company by its Japanese or English name (with or without
// 株式会社 / (株)), a menu or program by its code or name, a project by its theme; any of them by id.

export type NamedRecord = 'organization' | 'menu' | 'program' | 'project'

/** A name reduced for matching: NFKC, any case, no spaces, legal forms of companies dropped. */
export const nameKey = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/株式会社|有限会社|合同会社|\(株\)|\(有\)|\(同\)/g, '')

export type Resolved = { id: number } | { problem: Omit<FieldProblem, 'field'> }

/** The records of one kind by every name they go by. */
export class NameIndex {
  readonly #ids = new Set<number>()
  readonly #byName = new Map<string, Set<number>>()

  constructor(
    readonly record: NamedRecord,
    entries: Iterable<{ id: number; names: readonly (string | null)[] }>,
  ) {
    for (const { id, names } of entries) {
      this.#ids.add(id)
      for (const name of names) {
        if (name === null || nameKey(name) === '') continue
        const key = nameKey(name)
        const ids = this.#byName.get(key) ?? new Set()
        ids.add(id)
        this.#byName.set(key, ids)
      }
    }
  }

  /** The record a cell names: its id (digits), or the one record of that name. */
  resolve(text: string): Resolved {
    const value = text.normalize('NFKC').trim()
    if (/^\d{1,10}$/.test(value)) {
      const id = Number(value)
      if (this.#ids.has(id)) return { id }
      return {
        problem: {
          message: `${this.record} ${id} does not exist`,
          keyword: 'unknownRecord',
          params: { record: this.record, id },
        },
      }
    }
    const ids = [...(this.#byName.get(nameKey(value)) ?? [])].sort((a, b) => a - b)
    if (ids.length === 1 && ids[0] !== undefined) return { id: ids[0] }
    if (ids.length === 0) {
      return {
        problem: {
          message: `no ${this.record} is named "${value}"`,
          keyword: 'unknownName',
          params: { record: this.record, name: value },
        },
      }
    }
    return {
      problem: {
        message: `"${value}" names several ${this.record}s (${ids.join(', ')}): give the id`,
        keyword: 'ambiguousName',
        params: { record: this.record, name: value, ids },
      },
    }
  }
}
