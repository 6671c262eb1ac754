import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { DeckRow } from '../../db/tables/decks.ts'
import { ANONYMOUS } from '../auth/viewer.ts'
import { projectVisible } from '../auth/visibility.ts'
import { ConflictError, type FieldProblem, NotFoundError, RuleViolationError } from '../domain/errors.ts'
import { requiredHere } from '../domain/problems.ts'
import type {
  Deck,
  DeckCreate,
  DeckFigures,
  DeckList,
  DeckListItem,
  DeckQuery,
  DeckUpdate,
  Slide,
} from '../schemas/decks.ts'
import type { DashboardFilterQuery } from '../schemas/filters.ts'
import { currentFigures, type StoredFigures } from './deck-figures.ts'
import { loadProjectDetail } from './project-detail-repository.ts'
import { parseSort, staleVersion, updateVersioned } from './query-helpers.ts'
import { adoptionStats, attendanceStats, overview, productStats } from './stats-repository.ts'

// Decks are public and show public data only: a project slide must name a project an anonymous visitor
// may see, and freezing keeps the figures as an anonymous visitor sees them, whoever freezes the deck. So
// nothing a signed-in presenter may see leaks into a deck that anyone can open.

const listColumns = [
  'id',
  'name',
  'subtitle',
  'slides',
  'filters',
  'locale',
  'autoAdvanceSeconds',
  'frozenAt',
  'version',
  'createdAt',
  'updatedAt',
] as const

// The JSON columns hold what the API validated when it wrote them (server/schemas/decks.ts).
const listItem = (row: Pick<DeckRow, (typeof listColumns)[number]>): DeckListItem => ({
  ...row,
  slides: row.slides as Slide[],
  filters: row.filters as DashboardFilterQuery,
})

export async function listDecks(db: Kysely<Database>, query: DeckQuery): Promise<DeckList> {
  const [field, direction] = parseSort(query.sort ?? '-updatedAt', 'updatedAt')
  const [rows, count] = await Promise.all([
    db
      .selectFrom('decks')
      .select(listColumns)
      .orderBy(field, direction)
      .orderBy('id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute(),
    db
      .selectFrom('decks')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { items: rows.map(listItem), total: count.total }
}

export async function getDeck(db: Kysely<Database>, id: number): Promise<Deck> {
  const row = await db
    .selectFrom('decks')
    .select([...listColumns, 'snapshot'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`Deck ${id}`)
  return {
    ...listItem(row),
    snapshot: row.snapshot === null ? null : currentFigures(row.snapshot as StoredFigures),
  }
}

/**
 * A project slide names a project, and only a project slide does; the project must be one an anonymous visitor
 * may see. A hidden project and a missing one get the same answer.
 */
async function checkSlides(db: Kysely<Database>, slides: Slide[]): Promise<void> {
  const problems: FieldProblem[] = []
  slides.forEach((slide, i) => {
    const field = `body.slides.${i}.projectId`
    if (slide.kind === 'project' && slide.projectId === undefined)
      problems.push(requiredHere(field, 'a project slide names its project'))
    if (slide.kind !== 'project' && slide.projectId !== undefined)
      problems.push({
        field,
        message: 'only a project slide names a project',
        keyword: 'projectSlideOnly',
        params: { kind: slide.kind },
      })
  })
  const ids = [...new Set(slides.flatMap((s) => (s.kind === 'project' && s.projectId ? [s.projectId] : [])))]
  if (ids.length > 0) {
    const visible = await db
      .selectFrom('projects as p')
      .select('p.id')
      .where('p.id', 'in', ids)
      .where(projectVisible(ANONYMOUS, 'p'))
      .execute()
    const shown = new Set(visible.map((p) => p.id))
    slides.forEach((slide, i) => {
      if (slide.kind === 'project' && slide.projectId !== undefined && !shown.has(slide.projectId))
        problems.push({
          field: `body.slides.${i}.projectId`,
          message: `project ${slide.projectId} is not a public project: a deck shows public data only`,
          keyword: 'notPublic',
          params: { id: slide.projectId },
        })
    })
  }
  if (problems.length > 0) throw new RuleViolationError(problems)
}

const json = (value: unknown) => JSON.stringify(value)

export async function createDeck(db: Kysely<Database>, input: DeckCreate): Promise<Deck> {
  await checkSlides(db, input.slides)
  const { id } = await db
    .insertInto('decks')
    .values({
      name: input.name,
      subtitle: input.subtitle ?? null,
      slides: json(input.slides),
      filters: json(input.filters ?? {}),
      locale: input.locale ?? 'ja',
      autoAdvanceSeconds: input.autoAdvanceSeconds ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return getDeck(db, id)
}

export async function updateDeck(
  db: Kysely<Database>,
  id: number,
  { version, frozen, ...changes }: DeckUpdate,
): Promise<Deck> {
  const label = `Deck ${id}`
  const current = await db
    .selectFrom('decks')
    .select(['version', 'frozenAt'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!current) throw new NotFoundError(label)
  const thaw = frozen === false
  // The kept figures are those of the slides and filters frozen: changing them needs the deck thawed. (A stale
  // version is refused below as any stale write is.)
  if (current.frozenAt !== null && !thaw && current.version === version) {
    const locked = (['slides', 'filters'] as const).filter((key) => changes[key] !== undefined)
    if (locked.length > 0)
      throw new ConflictError(
        `${label} is frozen: its slides and filters change only when it is thawed (frozen: false)`,
        locked.map((key) => ({
          field: `body.${key}`,
          message: 'cannot change while the deck is frozen',
          keyword: 'frozen',
          params: {},
        })),
      )
  }
  if (changes.slides !== undefined) await checkSlides(db, changes.slides)
  const { slides, filters, ...plain } = changes
  await updateVersioned(
    db,
    'decks',
    id,
    version,
    {
      ...plain,
      ...(slides === undefined ? {} : { slides: json(slides) }),
      ...(filters === undefined ? {} : { filters: json(filters) }),
      ...(thaw ? { snapshot: null, frozenAt: null } : {}),
    },
    label,
  )
  return getDeck(db, id)
}

export async function deleteDeck(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db.deleteFrom('decks').where('id', '=', id).executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Deck ${id}`)
}

/**
 * Everything the slides draw, as an anonymous visitor sees it now, read from one snapshot of the database so
 * that the figures agree with each other. Projects an anonymous visitor may not see (any more) are left out.
 */
export async function publicFigures(
  db: Kysely<Database>,
  filters: DashboardFilterQuery,
  projectIds: number[],
): Promise<DeckFigures> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const [now, overviewStats, adoptions, products, attendance] = await Promise.all([
        sql<{ now: string }>`select now() as now`.execute(trx),
        overview(trx, filters),
        adoptionStats(trx, filters),
        productStats(trx, filters, ANONYMOUS),
        attendanceStats(trx, filters),
      ])
      const projects = []
      for (const id of projectIds) {
        try {
          projects.push(await loadProjectDetail(trx, id, ANONYMOUS))
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error
        }
      }
      const asOf = now.rows[0]?.now ?? new Date().toISOString()
      return { asOf, overview: overviewStats, adoptions, products, attendance, projects }
    })
}

/** Keeps the deck's figures as they are now (again, if it was frozen before); a stale version answers 409. */
export async function freezeDeck(db: Kysely<Database>, id: number, version: number): Promise<Deck> {
  const label = `Deck ${id}`
  const deck = await getDeck(db, id)
  if (deck.version !== version) throw staleVersion(label, version, deck.version)
  const projectIds = [
    ...new Set(deck.slides.flatMap((s) => (s.kind === 'project' && s.projectId ? [s.projectId] : []))),
  ]
  const figures = await publicFigures(db, deck.filters, projectIds)
  await updateVersioned(db, 'decks', id, version, { snapshot: json(figures), frozenAt: figures.asOf }, label)
  return getDeck(db, id)
}
