import { describe, expect, it } from 'vitest'
import { coalesce } from '../../../server/cache/coalesce.ts'

/** Lets every promise callback already due run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** A read the test finishes by hand, numbered in the order reads start. */
function manualReads() {
  const reads: { resolve(value: number): void; reject(error: Error): void }[] = []
  const read = () =>
    new Promise<number>((resolve, reject) => {
      reads.push({ resolve, reject })
    })
  return { reads, read }
}

describe('coalesce', () => {
  it('starts a read at once when none is under way', async () => {
    const { reads, read } = manualReads()
    const current = coalesce(read)
    const first = current()
    expect(reads).toHaveLength(1)
    reads[0]?.resolve(1)
    expect(await first).toBe(1)
    const second = current()
    expect(reads).toHaveLength(2)
    reads[1]?.resolve(2)
    expect(await second).toBe(2)
  })

  it('answers callers that ask during a read from the next one, which all of them share', async () => {
    const { reads, read } = manualReads()
    const current = coalesce(read)
    const early = current()
    // Asked after the first read started, whose answer may predate what these callers know.
    const late = [current(), current(), current()]
    expect(reads).toHaveLength(1)
    reads[0]?.resolve(1)
    await settle()
    expect(await early).toBe(1)
    expect(reads).toHaveLength(2)
    // Asked while the second read is under way: not its answer, a third read's.
    const later = current()
    reads[1]?.resolve(2)
    await settle()
    expect(await Promise.all(late)).toEqual([2, 2, 2])
    expect(reads).toHaveLength(3)
    reads[2]?.resolve(3)
    expect(await later).toBe(3)
  })

  it('starts the next read before the callers of the one that ended go on', async () => {
    const { reads, read } = manualReads()
    const current = coalesce(read)
    const first = current()
    // The first caller goes on to send its answer; meanwhile another asks.
    let readsWhenFirstWentOn = 0
    const wentOn = first.then(() => {
      readsWhenFirstWentOn = reads.length
    })
    const waiting = current()
    reads[0]?.resolve(1)
    await wentOn
    expect(readsWhenFirstWentOn).toBe(2)
    reads[1]?.resolve(2)
    expect(await waiting).toBe(2)
  })

  it('passes a failed read on to its callers, and the next caller starts afresh', async () => {
    const { reads, read } = manualReads()
    const current = coalesce(read)
    const first = current()
    const waiting = current()
    reads[0]?.reject(new Error('connection lost'))
    await expect(first).rejects.toThrow('connection lost')
    await settle()
    reads[1]?.reject(new Error('still down'))
    await expect(waiting).rejects.toThrow('still down')
    const again = current()
    expect(reads).toHaveLength(3)
    reads[2]?.resolve(7)
    expect(await again).toBe(7)
  })
})
