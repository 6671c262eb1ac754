import type { DeckFigures } from '../../server/schemas/decks.ts'
import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import type { ProjectDetail } from '../../server/schemas/projects.ts'
import type { Overview, ProductStats } from '../../server/schemas/stats.ts'
import { adoptionsOption, adoptionsTable } from '../charts/adoptions.ts'
import { attendanceYearsOption, attendanceYearsTable } from '../charts/attendance.ts'
import type { ChartContext, ChartOption, ChartTable } from '../charts/types.ts'
import { formatChange, formatDateTime, formatFy, formatNumber, formatYen } from '../i18n/format.ts'
import { coveredYears, productTimeline, projectStory, type ShownSlide } from './present-deck.ts'

// What each slide says, in words and numbers: worked out once for the slides on screen, the printed sheet and
// the PowerPoint file, so that the three never tell different stories.

/** The language and messages a slide is written in. */
export type TextContext = Pick<ChartContext, 'locale' | 't'>

/** The FY range the slides cover: `FY2012 (H24) – FY2017 (H29)`, or all years. */
export function yearsLabel(filters: DashboardFilterQuery, figures: DeckFigures, { t, locale }: TextContext) {
  const range = coveredYears(filters, figures)
  if (!range) return t('present.allYears')
  const from = formatFy(range.from, locale)
  return range.from === range.to ? from : t('present.years', { from, to: formatFy(range.to, locale) })
}

/** The footer of every slide: how current the figures are. */
export function asOfLabel(figures: DeckFigures, frozen: boolean, { t, locale }: TextContext) {
  const date = formatDateTime(figures.asOf, locale)
  return frozen ? t('present.frozenAsOf', { date }) : t('present.asOf', { date })
}

export function slideHeading(slide: ShownSlide, title: string, { t, locale }: TextContext) {
  if (slide.kind === 'project')
    return (locale === 'en' && slide.project.themeEn) || slide.project.themeJa || t('present.slides.project')
  return slide.kind === 'title' ? title : t(`present.slides.${slide.kind}`)
}

/** The line above a slide's heading: the years covered, or what a project slide is. */
export function slideKicker(slide: ShownSlide, years: string, { t, locale }: TextContext) {
  if (slide.kind !== 'project') return years
  const fy = slide.project.adoptedFy
  const adopted = fy === null ? '' : ` · ${t('present.project.adopted', { fy: formatFy(fy, locale) })}`
  return `${t('present.slides.project')}${adopted}`
}

type KpiName =
  | 'adoptions'
  | 'products'
  | 'attendance'
  | 'activeProjects'
  | 'partnerInstitutions'
  | 'grantsYen'
const KPI_NAMES: KpiName[] = [
  'adoptions',
  'products',
  'attendance',
  'activeProjects',
  'partnerInstitutions',
  'grantsYen',
]

export interface KpiTile {
  name: KpiName
  label: string
  value: string
  unit: string
  /** No amount entered yet: shown as such, never as zero. */
  unrecorded: boolean
  /** Under the value: the number of events (attendance), then the latest year, its change and target. */
  lines: string[]
}

export function kpiTiles(overview: Overview, { t, locale }: TextContext): KpiTile[] {
  return KPI_NAMES.map((name) => {
    const kpi = overview.kpis[name]
    const format = name === 'grantsYen' ? formatYen : formatNumber
    const unit = t(`units.${name}`)
    const show = (value: number) => `${format(value, locale)}${unit}`
    // Grants are never of ¥0: a zero means no amount has been entered yet.
    const unrecorded = name === 'grantsYen' && kpi.total === 0
    const lines: string[] = []
    if (name === 'attendance') lines.push(t('present.headline.events', { count: overview.kpis.events.total }))
    if (!unrecorded && overview.latestFy !== null) {
      lines.push(
        t('present.kpis.latest', { fy: formatFy(overview.latestFy, locale), value: show(kpi.latest) }),
      )
      if (overview.previousFy !== null)
        lines.push(t('present.kpis.change', { change: formatChange(kpi.latest - kpi.previous, locale) }))
      if (kpi.target !== null) lines.push(t('present.kpis.target', { target: show(kpi.target) }))
    }
    return {
      name,
      label: t(`kpi.${name}`),
      value: unrecorded ? t('kpi.unrecorded') : format(kpi.total, locale),
      unit: unrecorded ? '' : unit,
      unrecorded,
      lines,
    }
  })
}

/** The figure beside a chart: the total, large, with a line or two about the latest year. */
export interface Headline {
  label: string
  value: string
  unit: string
  lines: string[]
}

export interface ChartSlide {
  name: 'adoptions' | 'attendance'
  /** The dashboard's option, before it is fitted to the slide. */
  raw: ChartOption
  headline: Headline
  table: ChartTable
}

/**
 * The chart's context on a slide: the full FY labels (`FY2016 (H28)`, `平成28年度`) where each year's column of a
 * plot `plotWidth` pixels wide has room for them at `fontSize`, else the short ones, as on a phone.
 */
export function slideChartContext(
  figures: DeckFigures,
  text: TextContext,
  plotWidth: number,
  fontSize: number,
): ChartContext {
  const count = Math.max(figures.adoptions.years.length, figures.attendance.years.length, 1)
  const label = fontSize * (text.locale === 'en' ? 6.8 : 5.4)
  return { ...text, narrow: label > (plotWidth / count) * 0.9 }
}

/** The chart of an adoptions or attendance slide, with its headline and its figures as a table. */
export function chartSlide(
  kind: ShownSlide['kind'],
  figures: DeckFigures,
  filters: DashboardFilterQuery,
  ctx: ChartContext,
): ChartSlide | undefined {
  const { t, locale } = ctx
  const { adoptions, attendance, overview } = figures
  const num = (value: number) => formatNumber(value, locale)
  const latestLine = (value: number | undefined, unit: string) => {
    const fy = overview.latestFy
    return fy === null || value === undefined
      ? []
      : [t('present.headline.latest', { fy: formatFy(fy, locale), value: `${num(value)}${unit}` })]
  }
  if (kind === 'adoptions') {
    const unit = t('units.adoptions')
    return {
      name: 'adoptions',
      raw: adoptionsOption(adoptions, ctx),
      headline: {
        label: t('present.headline.adoptions'),
        value: num(adoptions.years.at(-1)?.cumulative ?? 0),
        unit,
        lines: latestLine(overview.kpis.adoptions.latest, unit),
      },
      table: adoptionsTable(adoptions, ctx, filters),
    }
  }
  if (kind === 'attendance') {
    const unit = t('units.attendance')
    const total = attendance.years.reduce((sum, year) => sum + year.attendance, 0)
    const events = attendance.years.reduce((sum, year) => sum + year.events, 0)
    return {
      name: 'attendance',
      raw: attendanceYearsOption(attendance, ctx),
      headline: {
        label: t('present.headline.attendance'),
        value: num(total),
        unit,
        lines: [
          t('present.headline.events', { count: num(events) }),
          ...latestLine(overview.kpis.attendance.latest, unit),
        ],
      },
      table: attendanceYearsTable(attendance, ctx, filters),
    }
  }
  return undefined
}

/** The products slide's timeline: fewer names a year as the years grow, so every column stays readable. */
export function slideTimeline(products: ProductStats) {
  const span = productTimeline(products, 99).length
  return productTimeline(products, span > 6 ? 2 : span > 4 ? 3 : 4)
}

export interface ProjectFacts {
  company: string | null
  period: string | null
  partners: string[]
  finding:
    | {
        statement: string
        material: string | null
        comparison: string | null
        evidence: string
        platform: string | null
      }
    | undefined
  /** At most three: the products (or the other outcomes when none was launched). */
  outcomes: { id: number; title: string; kind: string; fy: string | null }[]
  launched: boolean
}

/** A project slide: who did it, what the analysis showed, and the product it led to. */
export function projectFacts(project: ProjectDetail, { t, locale }: TextContext): ProjectFacts {
  // Japanese and English side by side in the records: the current language, else the Japanese.
  const local = <T extends string | null>(ja: T, en: string | null) => (locale === 'en' && en ? en : ja)
  const story = projectStory(project)
  const { startFy, endFy } = project
  const from = startFy === null ? null : formatFy(startFy, locale)
  const f = story.finding
  return {
    company: project.company ? local(project.company.nameJa, project.company.nameEn) : null,
    period:
      from === null || endFy === null || endFy === startFy
        ? from
        : t('present.years', { from, to: formatFy(endFy, locale) }),
    partners: project.partners.map((p) => local(p.org.nameJa, p.org.nameEn)),
    finding: f && {
      statement: local(f.statementJa, f.statementEn),
      material: local(f.materialJa, f.materialEn),
      comparison: local(f.comparisonJa, f.comparisonEn),
      evidence: t(`evidenceLevels.${f.evidenceLevel}`),
      platform: f.platform,
    },
    outcomes: story.outcomes.slice(0, 3).map((o) => ({
      id: o.id,
      title: local(o.titleJa, o.titleEn),
      kind: t(`outcomeKinds.${o.kind}`),
      fy: o.fy === null ? null : formatFy(o.fy, locale),
    })),
    launched: story.launched,
  }
}
