import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../../helpers/app.ts'
import { snapshotTables } from '../../helpers/snapshot.ts'

let t: Awaited<ReturnType<typeof createTestApp>>
/** Projects this file creates: seed exploration (¥500,000 then ¥1,000,000; 2/3 SME, 1/3 large) and others. */
const project = { sme: 0, large: 0, unknownSize: 0, noStart: 0, noMenu: 0 }

/** The fields these tests read of a project or grant answer. */
interface Answer {
  id: number
  version: number
  projectYear: number | null
  grants: unknown[]
}

const json = async (
  response: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status: number,
) => {
  const r = await response
  expect(r.statusCode, r.body).toBe(status)
  return r.json() as Answer
}

beforeAll(async () => {
  t = await createTestApp({ dataset: true })
  const db = t.database.db
  const menu = async (code: string) =>
    (await db.selectFrom('subsidyMenus').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const company = async (nameJa: string, size: string) => {
    const body = { kind: 'company', nameJa, size }
    return (await json(t.app.inject({ method: 'POST', url: '/api/organizations', body }), 201)).id
  }
  const createProject = async (fields: Record<string, unknown>) => {
    const body = { adoptedFy: 2025, themeJa: '助成テスト', ...fields }
    return (await json(t.app.inject({ method: 'POST', url: '/api/projects', body }), 201)).id
  }
  const seed = await menu('seed_exploration')
  const tohokuHam = (
    await db
      .selectFrom('organizations')
      .select('id')
      .where('nameJa', '=', '㈱東北ハム')
      .executeTakeFirstOrThrow()
  ).id
  project.sme = await createProject({
    leadOrgId: await company('㈱中小テスト', 'sme'),
    menuId: seed,
    startFy: 2025,
    endFy: 2026,
  })
  project.large = await createProject({
    leadOrgId: await company('大手テスト㈱', 'large'),
    menuId: seed,
    startFy: 2025,
    endFy: 2026,
  })
  project.unknownSize = await createProject({ leadOrgId: tohokuHam, menuId: seed, startFy: 2025 })
  project.noStart = await createProject({ leadOrgId: tohokuHam, menuId: seed })
  project.noMenu = await createProject({ leadOrgId: tohokuHam, startFy: 2025, endFy: 2026 })
})
afterAll(() => t.close())

const addGrant = (projectId: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/grants`, body })
const changeGrant = (id: number, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/grants/${id}`, body })
const removeGrant = (id: number) => t.app.inject({ method: 'DELETE', url: `/api/grants/${id}` })

/** Sends a write that must be refused, and proves it changed nothing; answers the error body. */
async function refused(send: () => ReturnType<typeof addGrant>, status: number) {
  const before = await snapshotTables(t.database.db)
  const response = await send()
  expect(response.statusCode, response.body).toBe(status)
  expect(await snapshotTables(t.database.db)).toEqual(before)
  return response.json() as { message: string; errors: { field: string; message: string }[] }
}

describe('POST /api/projects/:id/grants', () => {
  it('adds grants within the cap and the rate, shown on the project page with their project year', async () => {
    const first = await json(
      addGrant(project.sme, { fy: 2025, amountYen: 500_000, eligibleCostYen: 750_000 }),
      201,
    )
    expect(first).toEqual({
      id: expect.any(Number),
      projectId: project.sme,
      fy: 2025,
      projectYear: 1,
      amountYen: 500_000,
      eligibleCostYen: 750_000,
      version: 1,
    })
    const second = await json(addGrant(project.sme, { fy: 2026, amountYen: 1_000_000 }), 201)
    const page = await json(t.app.inject(`/api/projects/${project.sme}`), 200)
    expect(page.grants).toEqual([first, { ...second, eligibleCostYen: null }])
    for (const { id } of [first, second]) expect((await removeGrant(id)).statusCode).toBe(204)
  })

  it('refuses an amount above the cap of its project year', async () => {
    const { errors } = await refused(() => addGrant(project.sme, { fy: 2026, amountYen: 1_000_001 }), 422)
    expect(errors).toMatchObject([
      {
        field: 'body.amountYen',
        message: '¥1,000,001 exceeds the ¥1,000,000 cap for year 2 of シーズ探索型',
      },
    ])
    const year1 = await refused(() => addGrant(project.sme, { fy: 2025, amountYen: 500_001 }), 422)
    expect(year1.errors[0]?.message).toBe('¥500,001 exceeds the ¥500,000 cap for year 1 of シーズ探索型')
  })

  it('refuses an amount above the rate for the lead company’s size', async () => {
    const sme = await refused(
      () => addGrant(project.sme, { fy: 2026, amountYen: 600_001, eligibleCostYen: 900_000 }),
      422,
    )
    expect(sme.errors).toMatchObject([
      {
        field: 'body.amountYen',
        message:
          '¥600,001 exceeds 2/3 of the eligible cost ¥900,000 (at most ¥600,000), the SME rate of シーズ探索型',
      },
    ])
    const large = await refused(
      () => addGrant(project.large, { fy: 2026, amountYen: 300_001, eligibleCostYen: 900_000 }),
      422,
    )
    expect(large.errors[0]?.message).toBe(
      '¥300,001 exceeds 1/3 of the eligible cost ¥900,000 (at most ¥300,000), the large-company rate of シーズ探索型',
    )
    const ok = await json(
      addGrant(project.large, { fy: 2026, amountYen: 300_000, eligibleCostYen: 900_000 }),
      201,
    )
    expect((await removeGrant(ok.id)).statusCode).toBe(204)
  })

  it('applies the SME rate when the company’s size is unknown', async () => {
    const ok = await json(
      addGrant(project.unknownSize, { fy: 2026, amountYen: 600_000, eligibleCostYen: 900_000 }),
      201,
    )
    expect(ok.projectYear).toBe(2)
    const { errors } = await refused(
      () => addGrant(project.unknownSize, { fy: 2025, amountYen: 400_000, eligibleCostYen: 590_000 }),
      422,
    )
    expect(errors[0]?.message).toMatch(
      /at most ¥393,333\), the SME rate of シーズ探索型, applied because the lead company's size is unknown$/,
    )
    expect((await removeGrant(ok.id)).statusCode).toBe(204)
  })

  it('refuses fiscal years outside the project’s period and the menu’s years', async () => {
    const before = await refused(() => addGrant(project.sme, { fy: 2024, amountYen: 1 }), 422)
    expect(before.errors).toMatchObject([
      { field: 'body.fy', message: 'FY2024 is before the project starts (FY2025)' },
    ])
    const after = await refused(() => addGrant(project.sme, { fy: 2027, amountYen: 1 }), 422)
    expect(after.errors).toMatchObject([
      { field: 'body.fy', message: 'FY2027 is after the project ends (FY2026, year 2)' },
    ])
    const beyond = await refused(() => addGrant(project.unknownSize, { fy: 2027, amountYen: 1 }), 422)
    expect(beyond.errors).toMatchObject([
      {
        field: 'body.fy',
        message: 'FY2027 would be year 3 of the project; シーズ探索型 runs at most 2 years',
      },
    ])
  })

  it('refuses any grant to a project without a menu or a start year, saying why', async () => {
    const noMenu = await refused(() => addGrant(project.noMenu, { fy: 2025, amountYen: 1 }), 422)
    expect(noMenu.errors).toMatchObject([
      {
        field: 'project.menuId',
        message: 'the project has no subsidy menu, so no cap or rate applies to a grant; set its menu first',
      },
    ])
    const noStart = await refused(() => addGrant(project.noStart, { fy: 2025, amountYen: 1 }), 422)
    expect(noStart.errors[0]?.field).toBe('project.startFy')
  })

  it('answers 409 for a second grant in the same fiscal year', async () => {
    const grant = await json(addGrant(project.sme, { fy: 2025, amountYen: 100_000 }), 201)
    const { errors } = await refused(() => addGrant(project.sme, { fy: 2025, amountYen: 1 }), 409)
    expect(errors).toEqual([
      expect.objectContaining({
        field: 'body.fy',
        message: `already has a grant (id ${grant.id}); change that one instead`,
      }),
    ])
    expect((await removeGrant(grant.id)).statusCode).toBe(204)
  })

  it('answers 400 for malformed input and 404 for an unknown project, changing nothing', async () => {
    const bad = await refused(
      () => addGrant(project.sme, { fy: 1900, amountYen: 0, eligibleCostYen: '900000', note: 'x' }),
      400,
    )
    expect(bad.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['body.fy', 'body.amountYen', 'body.eligibleCostYen', 'body.note']),
    )
    const missing = await refused(() => addGrant(project.sme, { amountYen: 1 }), 400)
    expect(missing.errors.map((e) => e.field)).toEqual(['body.fy'])
    await refused(() => addGrant(999999, { fy: 2025, amountYen: 1 }), 404)
  })
})

describe('PATCH and DELETE /api/grants/:id', () => {
  it('changes a grant, checking it again, and deletes it', async () => {
    const grant = await json(addGrant(project.sme, { fy: 2025, amountYen: 400_000 }), 201)
    const other = await json(addGrant(project.sme, { fy: 2026, amountYen: 400_000 }), 201)

    const changed = await json(
      changeGrant(grant.id, { version: 1, amountYen: 450_000, eligibleCostYen: 675_000 }),
      200,
    )
    expect(changed).toMatchObject({
      fy: 2025,
      projectYear: 1,
      amountYen: 450_000,
      eligibleCostYen: 675_000,
      version: 2,
    })

    const cap = await refused(() => changeGrant(grant.id, { version: 2, amountYen: 500_001 }), 422)
    expect(cap.errors[0]?.message).toBe('¥500,001 exceeds the ¥500,000 cap for year 1 of シーズ探索型')
    // The eligible cost kept from before still holds the amount to the rate.
    const rate = await refused(() => changeGrant(grant.id, { version: 2, amountYen: 450_001 }), 422)
    expect(rate.errors[0]?.message).toContain('exceeds 2/3 of the eligible cost ¥675,000')
    const duplicate = await refused(() => changeGrant(grant.id, { version: 2, fy: 2026 }), 409)
    expect(duplicate.errors[0]?.field).toBe('body.fy')

    const cleared = await json(changeGrant(other.id, { version: 1, eligibleCostYen: null }), 200)
    expect(cleared).toMatchObject({
      fy: 2026,
      projectYear: 2,
      amountYen: 400_000,
      eligibleCostYen: null,
      version: 2,
    })

    for (const { id } of [grant, other]) expect((await removeGrant(id)).statusCode).toBe(204)
    expect((await removeGrant(grant.id)).statusCode).toBe(404)
    await refused(() => changeGrant(grant.id, { version: 2, amountYen: 1 }), 404)
  })

  it('refuses a change sent with a stale version, saying which version the grant is at', async () => {
    const grant = await json(addGrant(project.sme, { fy: 2025, amountYen: 100_000 }), 201)
    await json(changeGrant(grant.id, { version: 1, amountYen: 200_000 }), 200)
    const stale = await refused(() => changeGrant(grant.id, { version: 1, amountYen: 300_000 }), 409)
    expect(stale.errors).toEqual([
      expect.objectContaining({ field: 'body.version', message: 'is 1, the record is at 2' }),
    ])
    const page = await json(t.app.inject(`/api/projects/${project.sme}`), 200)
    expect(page.grants).toEqual([expect.objectContaining({ id: grant.id, amountYen: 200_000, version: 2 })])
    expect((await removeGrant(grant.id)).statusCode).toBe(204)
  })

  it('answers 400 for an empty or malformed change', async () => {
    await refused(() => changeGrant(1, {}), 400)
    const unversioned = await refused(() => changeGrant(1, { amountYen: 1 }), 400)
    expect(unversioned.errors.map((e) => e.field)).toContain('body.version')
    const bad = await refused(() => changeGrant(1, { amountYen: -5, projectId: 2 }), 400)
    expect(bad.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['body.amountYen', 'body.projectId']),
    )
  })
})

describe('a project’s grants hold it to its terms', () => {
  it('refuses a change of menu, period or lead company that its grants would break', async () => {
    const grant = await json(
      addGrant(project.sme, { fy: 2026, amountYen: 600_000, eligibleCostYen: 900_000 }),
      201,
    )
    const { version } = await json(t.app.inject(`/api/projects/${project.sme}`), 200)
    const patch = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/projects/${project.sme}`, body: { version, ...body } })

    const shorter = await refused(() => patch({ endFy: 2025 }), 422)
    expect(shorter.errors).toMatchObject([
      {
        field: 'body.endFy',
        message: `would break the rules for the FY2026 grant (id ${grant.id}): FY2026 is after the project ends (FY2025, year 1)`,
      },
    ])
    const noMenu = await refused(() => patch({ menuId: null }), 422)
    expect(noMenu.errors[0]?.field).toBe('body.menuId')
    expect(noMenu.errors[0]?.message).toContain('the project has no subsidy menu')
    const large = (
      await t.database.db
        .selectFrom('organizations')
        .select('id')
        .where('size', '=', 'large')
        .executeTakeFirstOrThrow()
    ).id
    const lead = await refused(() => patch({ leadOrgId: large }), 422)
    expect(lead.errors[0]?.field).toBe('body.leadOrgId')
    expect(lead.errors[0]?.message).toContain('the large-company rate of シーズ探索型')

    // A change that keeps the grant within the rules goes through.
    const fine = await json(patch({ endFy: 2026, themeEn: 'Grant test' }), 200)
    expect(fine.grants).toEqual([{ ...grant }])
    expect(fine.version).toBe(version + 1)
  })

  it('deletes its grants with the project', async () => {
    const grantsBefore = await t.database.db.selectFrom('projectGrants').select('id').execute()
    const employment = await t.database.db
      .selectFrom('subsidyMenus')
      .select('id')
      .where('code', '=', 'employment')
      .executeTakeFirstOrThrow()
    const body = { detailsKnown: false, adoptedFy: 2025, menuId: employment.id, startFy: 2025 }
    const { id } = await json(t.app.inject({ method: 'POST', url: '/api/projects', body }), 201)
    await json(addGrant(id, { fy: 2025, amountYen: 1_500_000 }), 201)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/projects/${id}` })).statusCode).toBe(204)
    expect(await t.database.db.selectFrom('projectGrants').select('id').execute()).toEqual(grantsBefore)
  })
})
