/**
 * `read`, shared by callers that ask at about the same time, without ever answering a caller from a read
 * that started before it asked. While a read is under way, callers wait for the next one, which starts
 * when the current one ends and serves all of them: at most one read in flight and one waiting.
 *
 * That is what a freshness check needs: whatever a caller knows to have happened before it asked (a write
 * committed before its request arrived), the answer it gets was read afterwards.
 *
 * The next read starts as soon as the current one ends, before the current one's callers go on: they may
 * have much to do (each sends its answer), and the callers waiting would otherwise wait for all of that too.
 */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined
  let waiting:
    | { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void }
    | undefined

  const start = (): Promise<T> => {
    const promise = read()
    inFlight = promise
    // Registered before any caller's own callback, so it runs first.
    const settled = () => {
      if (inFlight === promise) inFlight = undefined
      const next = waiting
      if (!next) return
      waiting = undefined
      start().then(next.resolve, next.reject)
    }
    promise.then(settled, settled)
    return promise
  }

  return () => {
    if (waiting) return waiting.promise
    if (!inFlight) return start()
    let resolve: (value: T) => void = () => {}
    let reject: (error: unknown) => void = () => {}
    const promise = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    waiting = { promise, resolve, reject }
    return promise
  }
}
