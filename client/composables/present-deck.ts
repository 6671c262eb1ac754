import type { DeckFigures, Slide } from '../../server/schemas/decks.ts'
import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import type { ProductStats } from '../../server/schemas/stats.ts'

// What a presentation shows, worked out from a deck's slides and its figures: pure, so that it is tested
// without a browser and the live and frozen decks go through the same code.

type Finding = ProjectDetail['findings'][number]
type Outcome = ProjectDetail['outcomes'][number]

/** The slides of every presentation before its project slides, and of the default one. */
export const STANDARD_SLIDES: readonly Slide[] = [
  { kind: 'title' },
  { kind: 'kpis' },
  { kind: 'adoptions' },
  { kind: 'products' },
  { kind: 'attendance' },
]

/** The kinds the KPIs count as a product launched (server/repositories/stats/scope.ts). */
const LAUNCH_KINDS = new Set(['product', 'test_sale'])

export type ShownSlide =
  | { key: string; kind: 'title' | 'kpis' | 'adoptions' | 'products' | 'attendance' }
  | { key: string; kind: 'project'; project: ProjectDetail }

/** The presentation without a deck: the standard slides, then one per project the figures hold. */
export const defaultSlides = (figures: DeckFigures): Slide[] => [
  ...STANDARD_SLIDES,
  ...figures.projects.map((project) => ({ kind: 'project' as const, projectId: project.id })),
]

/** The project ids a deck's slides name, in order, each once. */
export const slideProjectIds = (slides: readonly Slide[]): number[] => [
  ...new Set(
    slides.flatMap((slide) => (slide.kind === 'project' && slide.projectId ? [slide.projectId] : [])),
  ),
]

/**
 * The slides to show, in the deck's order. A project slide whose project the figures lack (no longer public,
 * or deleted) is left out rather than shown empty in front of an audience.
 */
export function slidesToShow(slides: readonly Slide[], figures: DeckFigures): ShownSlide[] {
  const projects = new Map(figures.projects.map((project) => [project.id, project]))
  return slides.flatMap((slide, i): ShownSlide[] => {
    const key = `${i}:${slide.kind}`
    if (slide.kind !== 'project') return [{ key, kind: slide.kind }]
    const project = slide.projectId === undefined ? undefined : projects.get(slide.projectId)
    return project ? [{ key: `${key}:${project.id}`, kind: 'project', project }] : []
  })
}

/** The FY range a presentation covers: the filters' bounds, else the first and last FY the figures hold. */
export function coveredYears(
  filters: DashboardFilterQuery,
  figures: DeckFigures,
): { from: number; to: number } | undefined {
  const fys = [
    ...figures.adoptions.years.map((y) => y.fy),
    ...figures.products.years.map((y) => y.fy),
    ...figures.attendance.years.map((y) => y.fy),
  ]
  const from = filters.fyFrom ?? (fys.length ? Math.min(...fys) : undefined)
  const to = filters.fyTo ?? (fys.length ? Math.max(...fys) : undefined)
  return from === undefined || to === undefined ? undefined : { from, to }
}

export interface ProjectStory {
  /** The finding behind the first product, else the project's first finding. */
  finding: Finding | undefined
  /** The products launched (and test sales); when there are none, the project's other outcomes. */
  outcomes: Outcome[]
  launched: boolean
}

const byFy = (a: Outcome, b: Outcome) =>
  (a.fy ?? 9999) - (b.fy ?? 9999) || (a.occurredOn ?? '').localeCompare(b.occurredOn ?? '') || a.id - b.id

/** A project slide's story: what the analysis showed, and the product it led to. */
export function projectStory(project: ProjectDetail): ProjectStory {
  const launches = project.outcomes.filter((o) => LAUNCH_KINDS.has(o.kind)).sort(byFy)
  const basis = new Set(launches.flatMap((o) => o.restsOn))
  const finding = project.findings.find((f) => basis.has(f.id)) ?? project.findings[0]
  if (launches.length > 0) return { finding, outcomes: launches, launched: true }
  return { finding, outcomes: [...project.outcomes].sort(byFy), launched: false }
}

export interface TimelineYear {
  fy: number
  count: number
  products: ProductStats['years'][number]['products']
  /** Products past the slide's room, or past those the API names: counted, not listed. */
  more: number
  hiddenCount: number
}

/**
 * The products slide's timeline: every FY from the first launch to the last (a year without one shows as
 * a gap), each with at most `room` names.
 */
export function productTimeline(products: ProductStats, room = 4): TimelineYear[] {
  const launched = products.years.filter((year) => year.count > 0)
  const first = launched[0]?.fy
  const last = launched.at(-1)?.fy
  if (first === undefined || last === undefined) return []
  return products.years
    .filter((year) => year.fy >= first && year.fy <= last)
    .map((year) => ({
      fy: year.fy,
      count: year.count,
      products: year.products.slice(0, room),
      more: Math.max(0, year.products.length - room) + year.moreCount,
      hiddenCount: year.hiddenCount,
    }))
}

/** 1-based slide number from a URL query value, kept within the deck. */
export function slideNumber(value: unknown, count: number): number {
  const raw = Array.isArray(value) ? value[0] : value
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : 1
  return Math.min(Math.max(n, 1), Math.max(count, 1))
}
