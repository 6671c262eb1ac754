import { AsyncLocalStorage } from 'node:async_hooks'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely'

// Who is writing, for the audit triggers (db/migrations/2026-11-28-02-accounts.ts), which read the
// `app.actor_id` setting of the connection that writes.
//
// The actor travels with the request's async context rather than through every repository call: any
// connection a request takes while it acts for a user carries that user's id, whether the write is one
// statement or a transaction, and whichever repository makes it, so no write path can forget it. A
// connection is the request's alone from acquire to release (a pool hands it to one caller at a time;
// Kysely queues PGlite's single connection), so the setting is made on acquire and cleared on release.

const actor = new AsyncLocalStorage<number>()

/** Runs `work` (and everything it starts) as the user `userId`: its writes are audited under that id. */
export const withActor = <T>(userId: number, work: () => T): T => actor.run(userId, work)

export const currentActor = (): number | undefined => actor.getStore()

const setActor = (value: string) => CompiledQuery.raw(`select set_config('app.actor_id', $1, false)`, [value])

class ActorDriver implements Driver {
  readonly #inner: Driver
  readonly #marked = new WeakSet<DatabaseConnection>()

  constructor(inner: Driver) {
    this.#inner = inner
  }

  init() {
    return this.#inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.#inner.acquireConnection()
    const userId = currentActor()
    if (userId !== undefined) {
      try {
        await connection.executeQuery(setActor(String(userId)))
      } catch (error) {
        await this.#inner.releaseConnection(connection)
        throw error
      }
      this.#marked.add(connection)
    }
    return connection
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (this.#marked.delete(connection)) {
      try {
        await connection.executeQuery(setActor(''))
      } catch {
        // A connection that cannot run `select` is broken; the pool drops it on its next error.
      }
    }
    await this.#inner.releaseConnection(connection)
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(connection, settings)
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection)
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection)
  }
  async savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>) {
    await this.#supported(this.#inner.savepoint).call(this.#inner, ...args)
  }
  async rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    await this.#supported(this.#inner.rollbackToSavepoint).call(this.#inner, ...args)
  }
  async releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    await this.#supported(this.#inner.releaseSavepoint).call(this.#inner, ...args)
  }
  #supported<F>(method: F | undefined): F {
    if (!method) throw new Error('Savepoints are not supported by this driver')
    return method
  }
  destroy() {
    return this.#inner.destroy()
  }
}

/** `dialect`, with every connection taken on behalf of an actor (see withActor) marked with its id. */
export class ActorDialect implements Dialect {
  readonly #inner: Dialect

  constructor(inner: Dialect) {
    this.#inner = inner
  }

  createAdapter(): DialectAdapter {
    return this.#inner.createAdapter()
  }
  createDriver(): Driver {
    return new ActorDriver(this.#inner.createDriver())
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]): DatabaseIntrospector {
    return this.#inner.createIntrospector(db)
  }
  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler()
  }
}
