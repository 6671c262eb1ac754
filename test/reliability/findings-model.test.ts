import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Visibility } from '../../db/tables/common.ts'
import { PARTNER_DEFAULT_VISIBILITY } from '../../server/repositories/record-access.ts'
import { createTestApp, type TestApp, type TestClient } from '../helpers/app.ts'
import { backend } from '../helpers/database.ts'
import { insertOrganization, insertProject } from '../helpers/records.ts'
import { recordReliability } from './summary.ts'

// Model-based: random sequences of creating, editing (with the version read, or a stale one), deleting and
// reading findings, as an admin, a partner, a viewer and an anonymous visitor, against a few lines of
// in-memory model of who may do and see what (the rules of issue 5). After every step the API and the model
// must agree: the status of each write, and exactly which findings each role lists and may open.
//
// `npm test` runs MODEL_RUNS (default 10) sequences; `npm run test:reliability` runs 100.

const RUNS = Number(process.env.MODEL_RUNS ?? 10)

type Actor = 'admin' | 'partner' | 'viewer' | 'anonymous'
type ProjectKey = 'own' | 'other'

interface ModelFinding {
  project: ProjectKey
  visibility: Visibility
  version: number
}
interface Model {
  /** The other project's visibility (the partner's own project is public). */
  otherVisibility: Visibility
  findings: Map<number, ModelFinding>
}
interface Real {
  clients: Record<Actor, TestClient>
  projects: Record<ProjectKey, number>
}

const rank: Record<Visibility, number> = { public: 0, program: 1, confidential: 2 }
/** Who sees a record of this visibility: the rule of server/auth/visibility.ts, as a table. */
function sees(actor: Actor, visibility: Visibility, takesPart: boolean): boolean {
  if (actor === 'admin' || (actor === 'partner' && takesPart)) return true
  return rank[visibility] <= (actor === 'anonymous' ? 0 : 1)
}
function visible(model: Model, actor: Actor, finding: ModelFinding): boolean {
  const own = finding.project === 'own'
  const projectVisibility = own ? 'public' : model.otherVisibility
  return sees(actor, projectVisibility, own) && sees(actor, finding.visibility, own)
}
/** What a write to an existing finding answers before its version is looked at. */
function refusal(model: Model, actor: Actor, finding: ModelFinding | undefined): number | undefined {
  if (actor === 'anonymous') return 401
  if (actor === 'viewer') return 403
  if (!finding || !visible(model, actor, finding)) return 404
  if (actor === 'partner' && finding.project !== 'own') return 403
  return undefined
}

/** The `pick`-th finding of the model, counting round (commands run only when there is one). */
function pickFinding(model: Model, pick: number): [number, ModelFinding] {
  const entry = [...model.findings][pick % model.findings.size]
  if (!entry) throw new Error('no finding to pick')
  return entry
}

const writers = fc.constantFrom<Actor>('admin', 'admin', 'partner', 'partner', 'viewer', 'anonymous')
const visibilities = fc.constantFrom<Visibility>('public', 'program', 'confidential')

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly actor: Actor,
    readonly project: ProjectKey,
    readonly visibility: Visibility,
  ) {}
  check = () => true
  async run(model: Model, real: Real) {
    const body: Record<string, unknown> = {
      projectId: real.projects[this.project],
      statementJa: '代謝物が増えた',
      evidenceLevel: 'analytical',
    }
    // A partner may not choose the visibility (that would be a 400 of its own, checked elsewhere).
    if (this.actor === 'admin') body.visibility = this.visibility
    const response = await real.clients[this.actor].inject({ method: 'POST', url: '/api/findings', body })
    const expected =
      this.actor === 'anonymous'
        ? 401
        : this.actor === 'viewer'
          ? 403
          : this.actor === 'partner' && this.project !== 'own'
            ? 400
            : 201
    expect(response.statusCode, response.body).toBe(expected)
    if (expected !== 201) return
    const created = response.json()
    const visibility = this.actor === 'admin' ? this.visibility : PARTNER_DEFAULT_VISIBILITY
    expect([created.visibility, created.version]).toEqual([visibility, 1])
    model.findings.set(created.id, { project: this.project, visibility, version: 1 })
  }
  toString = () => `create(${this.actor}, ${this.project}, ${this.visibility})`
}

class Edit implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly actor: Actor,
    readonly pick: number,
    readonly stale: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.findings.size > 0
  async run(model: Model, real: Real) {
    const [id, finding] = pickFinding(model, this.pick)
    const version = this.stale ? finding.version + 1 : finding.version
    const response = await real.clients[this.actor].inject({
      method: 'PATCH',
      url: `/api/findings/${id}`,
      body: { version, statementJa: `編集 ${this.pick}` },
    })
    const expected = refusal(model, this.actor, finding) ?? (this.stale ? 409 : 200)
    expect(response.statusCode, response.body).toBe(expected)
    if (expected === 200) finding.version++
  }
  toString = () => `edit(${this.actor}, #${this.pick}${this.stale ? ', stale' : ''})`
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly actor: Actor,
    readonly pick: number,
  ) {}
  check = (model: Readonly<Model>) => model.findings.size > 0
  async run(model: Model, real: Real) {
    const [id, finding] = pickFinding(model, this.pick)
    const response = await real.clients[this.actor].inject({ method: 'DELETE', url: `/api/findings/${id}` })
    const expected = refusal(model, this.actor, finding) ?? 204
    expect(response.statusCode, response.body).toBe(expected)
    if (expected === 204) model.findings.delete(id)
  }
  toString = () => `delete(${this.actor}, #${this.pick})`
}

class Read implements fc.AsyncCommand<Model, Real> {
  constructor(readonly actor: Actor) {}
  check = () => true
  async run(model: Model, real: Real) {
    const client = real.clients[this.actor]
    const expected = [...model.findings]
      .filter(([, finding]) => visible(model, this.actor, finding))
      .map(([id]) => id)
      .sort((a, b) => a - b)
    const listed: number[] = []
    for (const projectId of Object.values(real.projects)) {
      const response = await client.inject(`/api/findings?projectId=${projectId}&limit=500`)
      expect(response.statusCode).toBe(200)
      listed.push(...response.json().items.map((item: { id: number }) => item.id))
    }
    expect(listed.sort((a, b) => a - b)).toEqual(expected)
    for (const id of model.findings.keys()) {
      const response = await client.inject(`/api/findings/${id}`)
      expect(response.statusCode).toBe(expected.includes(id) ? 200 : 404)
    }
  }
  toString = () => `read(${this.actor})`
}

const commands = [
  fc
    .tuple(writers, fc.constantFrom<ProjectKey>('own', 'other'), visibilities)
    .map(([a, p, v]) => new Create(a, p, v)),
  fc.tuple(writers, fc.nat(), fc.boolean()).map(([a, pick, stale]) => new Edit(a, pick, stale)),
  fc.tuple(writers, fc.nat()).map(([a, pick]) => new Delete(a, pick)),
  fc.constantFrom<Actor>('admin', 'partner', 'viewer', 'anonymous').map((a) => new Read(a)),
]

let t: TestApp
let clients: Record<Actor, TestClient>
let partnerOrg: number
let otherOrg: number

beforeAll(async () => {
  t = await createTestApp()
  partnerOrg = await insertOrganization(t.database.db, 'university', 'モデル大学')
  otherOrg = await insertOrganization(t.database.db, 'company', 'モデル外社')
  clients = {
    admin: t.admin,
    partner: await t.as('partner', partnerOrg),
    viewer: await t.as('viewer'),
    anonymous: t.anonymous,
  }
}, 60_000)
afterAll(() => t?.close())

describe(`findings against a model of roles and visibility on ${backend}`, () => {
  it(`${RUNS} random sequences of writes and reads as four roles: no divergence`, async () => {
    let steps = 0
    await fc.assert(
      fc.asyncProperty(
        visibilities,
        fc.commands(commands, { maxCommands: 25 }),
        async (otherVisibility, sequence) => {
          // Fresh projects per sequence: the partner's own (public), and another of the drawn visibility.
          const db = t.database.db
          const projects = {
            own: await insertProject(db, { visibility: 'public', leadOrgId: partnerOrg }),
            other: await insertProject(db, { visibility: otherVisibility, leadOrgId: otherOrg }),
          }
          const model: Model = { otherVisibility, findings: new Map() }
          await fc.asyncModelRun(() => ({ model, real: { clients, projects } }), sequence)
          steps += [...sequence].length
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.MODEL_SEED ?? 20261129) },
    )
    recordReliability({
      check: 'model-based findings (roles × visibility)',
      backend,
      figures: { sequences: RUNS, commands: steps },
      failures: { divergences: 0 },
    })
  }, 600_000)
})
