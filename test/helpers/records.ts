import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { BIO_CLUSTER } from '../../db/dataset/programs.ts'
import type { Visibility } from '../../db/tables/common.ts'
import type { OrganizationKind } from '../../db/tables/organizations.ts'

// Row factories for tests that build their own records, straight into the database.

let made = 0
const next = () => ++made

export async function insertOrganization(
  db: Kysely<Database>,
  kind: OrganizationKind = 'company',
  nameJa = `組織${next()}`,
): Promise<number> {
  const { id } = await db
    .insertInto('organizations')
    .values({ kind, nameJa })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The Bio-cluster program (the one KPIs count), created on first use. */
export async function bioCluster(db: Kysely<Database>): Promise<number> {
  const existing = await db
    .selectFrom('programs')
    .select('id')
    .where('code', '=', BIO_CLUSTER)
    .executeTakeFirst()
  if (existing) return existing.id
  const { id } = await db
    .insertInto('programs')
    .values({ code: BIO_CLUSTER, nameJa: 'バイオクラスター形成促進事業', nameEn: 'Bio-cluster' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export interface Sharing {
  visibility: Visibility
  embargoUntil?: string | null
}

export async function insertProject(
  db: Kysely<Database>,
  values: Sharing & { leadOrgId: number; partners?: number[]; themeJa?: string; adoptedFy?: number },
): Promise<number> {
  const { id } = await db
    .insertInto('projects')
    .values({
      programId: await bioCluster(db),
      leadOrgId: values.leadOrgId,
      themeJa: values.themeJa ?? `テーマ${next()}`,
      adoptedFy: values.adoptedFy ?? 2015,
      visibility: values.visibility,
      embargoUntil: values.embargoUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (values.partners?.length) {
    await db
      .insertInto('projectPartners')
      .values(values.partners.map((orgId) => ({ projectId: id, orgId, role: null })))
      .execute()
  }
  return id
}

export async function insertFinding(
  db: Kysely<Database>,
  values: Sharing & { projectId: number; statementJa?: string; metabolite?: string },
): Promise<number> {
  const { id } = await db
    .insertInto('findings')
    .values({
      projectId: values.projectId,
      statementJa: values.statementJa ?? `知見${next()}`,
      evidenceLevel: 'analytical',
      visibility: values.visibility,
      embargoUntil: values.embargoUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (values.metabolite) {
    await db.insertInto('metaboliteResults').values({ findingId: id, name: values.metabolite }).execute()
  }
  return id
}

/** A product launched in `fy` (so the KPIs count it). */
export async function insertOutcome(
  db: Kysely<Database>,
  values: Sharing & { projectId: number; titleJa?: string; fy?: number; restsOn?: number[] },
): Promise<number> {
  const { id } = await db
    .insertInto('outcomes')
    .values({
      projectId: values.projectId,
      kind: 'product',
      titleJa: values.titleJa ?? `成果${next()}`,
      fy: values.fy ?? 2016,
      visibility: values.visibility,
      embargoUntil: values.embargoUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (values.restsOn?.length) {
    await db
      .insertInto('outcomeFindings')
      .values(values.restsOn.map((findingId) => ({ outcomeId: id, findingId })))
      .execute()
  }
  return id
}

/** `YYYY-MM-DD`, `days` from today (negative: in the past). */
export const daysFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
