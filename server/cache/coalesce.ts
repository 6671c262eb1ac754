/**
 * `read`, shared by callers that ask at about the same time, without ever answering a caller from a read
 * that started before it asked. While a read is under way, callers wait for the next one, which starts
 * when the current one ends and serves all of them: at most one read in flight and one waiting.
 *
 * That is what a freshness check needs: whatever a caller knows to have happened before it asked (a write
 * committed before its request arrived), the answer it gets was read afterwards.
 */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined
  let waiting: Promise<T> | undefined

  const start = (): Promise<T> => {
    const promise = read()
    inFlight = promise
    const settled = () => {
      if (inFlight === promise) inFlight = undefined
    }
    promise.then(settled, settled)
    return promise
  }

  return () => {
    if (waiting) return waiting
    if (!inFlight) return start()
    const current = inFlight
    waiting = new Promise<T>((resolve, reject) => {
      const next = () => {
        waiting = undefined
        start().then(resolve, reject)
      }
      current.then(next, next)
    })
    return waiting
  }
}
