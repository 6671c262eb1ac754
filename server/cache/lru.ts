/**
 * A map bounded by entry count and by total size (`sizeOf` of the values): past either bound, it forgets
 * the entries used least recently. Reading an entry counts as a use.
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, { value: V; size: number }>()
  readonly #maxEntries: number
  readonly #maxSize: number
  readonly #sizeOf: (value: V) => number
  #size = 0

  constructor(options: { maxEntries: number; maxSize: number; sizeOf: (value: V) => number }) {
    this.#maxEntries = options.maxEntries
    this.#maxSize = options.maxSize
    this.#sizeOf = options.sizeOf
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    // A Map iterates in insertion order: re-inserting moves the entry to the most recently used end.
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry.value
  }

  /** Keeps `value`, unless it alone is larger than the whole map may be. */
  set(key: K, value: V): void {
    this.delete(key)
    const size = this.#sizeOf(value)
    if (size > this.#maxSize) return
    this.#entries.set(key, { value, size })
    this.#size += size
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#size <= this.#maxSize) break
      this.#entries.delete(oldest)
      this.#size -= entry.size
    }
  }

  delete(key: K): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#size -= entry.size
  }

  /** Entries held. */
  get count(): number {
    return this.#entries.size
  }

  /** Total size of the values held. */
  get size(): number {
    return this.#size
  }
}
