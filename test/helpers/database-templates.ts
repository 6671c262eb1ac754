import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { loadDataset } from '../../db/dataset/load.ts'
import { migrateToLatest } from '../../db/migrate.ts'

// Global setup of the two backend projects: the migrated schema, and the schema with the brochure dataset,
// made once per run, so that each test file copies one instead of migrating (and loading) again. A fresh
// PGlite runs initdb, the migrations and the dataset: 3–5 s a file on this machine; a copy starts in a
// fraction of that. On PostgreSQL a copy is CREATE DATABASE … TEMPLATE.

/** Where each test file's database starts: a PGlite dump file, or a PostgreSQL template database. */
export interface DatabaseTemplates {
  migrated: string
  dataset: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates
  }
}

async function prepared(handle: DatabaseHandle, dataset: boolean): Promise<DatabaseHandle> {
  await migrateToLatest(handle.db as Kysely<unknown>)
  if (dataset) await loadDataset(handle.db)
  return handle
}

async function pgliteTemplates(): Promise<{ templates: DatabaseTemplates; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'pglite-templates-'))
  const dumpOf = async (dataset: boolean) => {
    const handle = await prepared(await connect({}), dataset)
    const file = join(folder, dataset ? 'dataset.tar' : 'migrated.tar')
    try {
      const dump = await handle.dump?.()
      if (!dump) throw new Error('PGlite gave no dump')
      await writeFile(file, Buffer.from(await dump.arrayBuffer()))
    } finally {
      await handle.close()
    }
    return file
  }
  const templates = { migrated: await dumpOf(false), dataset: await dumpOf(true) }
  return { templates, cleanup: () => rm(folder, { recursive: true, force: true }) }
}

async function postgresTemplates(serverUrl: string) {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
  })
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`
  const names = { migrated: `template_migrated_${suffix}`, dataset: `template_dataset_${suffix}` }
  const make = async (name: string, dataset: boolean) => {
    await sql.raw(`create database ${name}`).execute(admin)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const handle = await prepared(await connect({ databaseUrl: url.toString(), poolSize: 1 }), dataset)
    await handle.close()
  }
  await make(names.migrated, false)
  await make(names.dataset, true)
  return {
    templates: names,
    async cleanup() {
      for (const name of Object.values(names))
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin)
      await admin.destroy()
    },
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL
  const made =
    project.name === 'postgres' && serverUrl ? await postgresTemplates(serverUrl) : await pgliteTemplates()
  project.provide('databaseTemplates', made.templates)
  return made.cleanup
}
