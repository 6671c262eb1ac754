import { describe, expect, it } from 'vitest'
import { LruMap } from '../../../server/cache/lru.ts'

const lru = (maxEntries: number, maxSize: number) =>
  new LruMap<string, string>({ maxEntries, maxSize, sizeOf: (value) => value.length })

describe('LruMap', () => {
  it('forgets the least recently used entry beyond its count, a read counting as a use', () => {
    const map = lru(2, 100)
    map.set('a', 'A')
    map.set('b', 'B')
    expect(map.get('a')).toBe('A')
    map.set('c', 'C')
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual(['A', undefined, 'C'])
    expect(map.count).toBe(2)
  })

  it('forgets as many old entries as it takes to stay within its size', () => {
    const map = lru(10, 10)
    map.set('a', 'aaaa')
    map.set('b', 'bbbb')
    map.set('c', 'cccccc')
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 'bbbb', 'cccccc'])
    expect(map.size).toBe(10)
  })

  it('replaces an entry, counting its size once, and keeps no value larger than itself', () => {
    const map = lru(10, 10)
    map.set('a', 'aaaa')
    map.set('a', 'aa')
    expect(map.size).toBe(2)
    map.set('b', 'b'.repeat(11))
    expect(map.get('b')).toBeUndefined()
    map.set('a', 'a'.repeat(11))
    expect(map.get('a')).toBeUndefined()
    expect([map.count, map.size]).toEqual([0, 0])
  })
})
