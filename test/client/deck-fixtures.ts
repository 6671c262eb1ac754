import type { DeckFigures } from '../../server/schemas/decks.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import { adoptions, attendance, overview, products } from './fixtures.ts'

// A deck's figures for the slide builders: the brochure-shaped series of fixtures.ts, and projects made here.

type Finding = ProjectDetail['findings'][number]
type Outcome = ProjectDetail['outcomes'][number]

export const finding = (id: number, statementJa: string): Finding => ({
  id,
  ref: null,
  statementJa,
  statementEn: null,
  materialJa: null,
  materialEn: null,
  comparisonJa: null,
  comparisonEn: null,
  platform: null,
  evidenceLevel: 'analytical',
  reportedOn: null,
  visibility: 'public',
  embargoUntil: null,
  version: 1,
  metaboliteResults: [],
  metaboliteCount: 0,
})

export const outcome = (id: number, kind: string, fy: number | null, restsOn: number[] = []): Outcome => ({
  id,
  ref: null,
  kind,
  titleJa: `成果${id}`,
  titleEn: null,
  descriptionJa: null,
  descriptionEn: null,
  fy,
  occurredOn: null,
  datePrecision: null,
  visibility: 'public',
  embargoUntil: null,
  version: 1,
  restsOn,
})

export function project(id: number, parts: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    id,
    ref: null,
    adoptedFy: 2014,
    startFy: 2014,
    endFy: 2015,
    themeJa: `テーマ${id}`,
    themeEn: null,
    field: 'food',
    status: 'completed',
    visibility: 'public',
    detailsKnown: true,
    version: 1,
    embargoUntil: null,
    sourceNote: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    program: { id: 1, code: 'bio_cluster', nameJa: 'バイオクラスター', nameEn: 'Bio-cluster' },
    menu: null,
    company: null,
    partners: [],
    grants: [],
    findings: [],
    outcomes: [],
    events: [],
    ...parts,
  }
}

export const figures = (projects: ProjectDetail[] = []): DeckFigures => ({
  asOf: '2026-11-29T03:00:00.000Z',
  overview,
  adoptions,
  products,
  attendance,
  projects,
})
