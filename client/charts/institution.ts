import type { OutcomeListItem } from '../../server/schemas/outcomes.ts'
import type { ProjectListItem } from '../../server/schemas/projects.ts'
import { type Filters, recordsLink } from '../composables/filters.ts'
import { formatFy, formatFyShort, formatNumber } from '../i18n/format.ts'
import { baseOption, categoryAxis, countAxis, escapeHtml, SERIES_COLORS, UNKNOWN_COLOR } from './common.ts'
import { kindColor, kindName, kindsIn } from './outcome-kinds.ts'
import type { AxisTooltipParam, ChartClick, ChartContext, ChartOption, ChartTable } from './types.ts'

// One institution's own charts on the Institutions page: its projects per adopted FY, its outcomes per kind.

type Project = Pick<ProjectListItem, 'id' | 'adoptedFy' | 'themeJa' | 'themeEn' | 'company'>
type Outcome = Pick<OutcomeListItem, 'id' | 'kind'>

interface ProjectYear {
  /** null: the adoption FY is not given. */
  fy: number | null
  projects: Project[]
}

/** Projects per adopted FY, every FY from the first to the last, then those whose FY is not given. */
export function projectsByAdoptedFy(projects: Project[]): ProjectYear[] {
  const fys = projects.flatMap((p) => (p.adoptedFy === null ? [] : [p.adoptedFy]))
  const years: ProjectYear[] = []
  if (fys.length > 0) {
    const first = Math.min(...fys)
    for (let fy = first; fy <= Math.max(...fys); fy++) {
      years.push({ fy, projects: projects.filter((p) => p.adoptedFy === fy) })
    }
  }
  const undated = projects.filter((p) => p.adoptedFy === null)
  if (undated.length > 0) years.push({ fy: null, projects: undated })
  return years
}

const yearLabel = (fy: number | null, ctx: ChartContext, short = false) =>
  fy === null ? ctx.t('records.fyUnknown') : short ? formatFyShort(fy, ctx.locale) : formatFy(fy, ctx.locale)

const projectName = (project: Project, ctx: ChartContext) => {
  const theme = ctx.locale === 'en' && project.themeEn ? project.themeEn : project.themeJa
  const company =
    project.company &&
    (ctx.locale === 'en' && project.company.nameEn ? project.company.nameEn : project.company.nameJa)
  return theme ?? company ?? ctx.t('records.projectNumber', { id: project.id })
}

export function institutionProjectsOption(projects: Project[], ctx: ChartContext): ChartOption {
  const years = projectsByAdoptedFy(projects)
  const base = baseOption(ctx)
  return {
    ...base,
    legend: { show: false },
    grid: { ...base.grid, top: 32 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      extraCssText: 'max-width: 22rem; white-space: normal;',
      formatter: ((params: AxisTooltipParam | AxisTooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params
        const year = first ? years[first.dataIndex] : undefined
        if (!year) return ''
        const names = year.projects.map((p) => `<li>${escapeHtml(projectName(p, ctx))}</li>`).join('')
        return (
          `<strong>${escapeHtml(yearLabel(year.fy, ctx))}</strong><br>` +
          `${escapeHtml(ctx.t('institutions.projectCount'))}: ${formatNumber(year.projects.length, ctx.locale)}` +
          (names ? `<ul class="chart-tooltip-list">${names}</ul>` : '')
        )
      }) as never,
    },
    xAxis: categoryAxis(
      years.map((year) => yearLabel(year.fy, ctx, ctx.narrow)),
      ctx,
    ),
    yAxis: countAxis(ctx.t('institutions.projectCount'), ctx),
    series: [
      {
        type: 'bar',
        id: 'projects',
        name: ctx.t('institutions.projectCount'),
        barMaxWidth: 56,
        data: years.map((year) => ({
          value: year.projects.length,
          itemStyle: { color: year.fy === null ? UNKNOWN_COLOR : SERIES_COLORS[0] },
        })),
      },
    ],
  }
}

/** The projects list, narrowed to the bar's FY (the institution stays in the filters). */
export function institutionProjectsTarget(projects: Project[], click: ChartClick, filters: Filters) {
  const year = projectsByAdoptedFy(projects)[click.dataIndex]
  if (!year || year.fy === null) return undefined
  return recordsLink('/projects', filters, { fyFrom: year.fy, fyTo: year.fy })
}

export function institutionProjectsTable(
  projects: Project[],
  ctx: ChartContext,
  filters: Filters,
): ChartTable {
  const list = new Intl.ListFormat(ctx.locale, { type: 'unit' })
  return {
    columns: [
      ctx.t('institutions.adoptedFy'),
      ctx.t('institutions.projectCount'),
      ctx.t('institutions.themes'),
    ],
    rows: projectsByAdoptedFy(projects).map((year) => ({
      header: yearLabel(year.fy, ctx),
      ...(year.fy === null
        ? {}
        : { link: recordsLink('/projects', filters, { fyFrom: year.fy, fyTo: year.fy }) }),
      cells: [
        formatNumber(year.projects.length, ctx.locale),
        list.format(year.projects.map((p) => projectName(p, ctx))),
      ],
    })),
  }
}

const countsByKind = (outcomes: Outcome[]) =>
  kindsIn(outcomes).map((kind) => ({ kind, count: outcomes.filter((o) => o.kind === kind).length }))

/** One bar per outcome kind, in the kinds' colours. */
export function institutionOutcomesOption(outcomes: Outcome[], ctx: ChartContext): ChartOption {
  const counts = countsByKind(outcomes)
  const base = baseOption(ctx)
  return {
    ...base,
    legend: { show: false },
    grid: { ...base.grid, top: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: categoryAxis(
      counts.map((c) => kindName(c.kind, ctx)),
      ctx,
      { rotate: ctx.narrow && counts.length > 3 ? 30 : 0 },
    ),
    yAxis: countAxis(ctx.t('institutions.outcomeCount'), ctx),
    series: [
      {
        type: 'bar',
        id: 'outcomes',
        name: ctx.t('institutions.outcomeCount'),
        barMaxWidth: 56,
        data: counts.map((c) => ({ value: c.count, itemStyle: { color: kindColor(c.kind) } })),
      },
    ],
  }
}

/** The outcomes page, narrowed to the bar's kind (the institution stays in the filters). */
export function institutionOutcomesTarget(outcomes: Outcome[], click: ChartClick, filters: Filters) {
  const entry = countsByKind(outcomes)[click.dataIndex]
  return entry ? recordsLink('/outcomes', filters, { kind: entry.kind }) : undefined
}

export function institutionOutcomesTable(
  outcomes: Outcome[],
  ctx: ChartContext,
  filters: Filters,
): ChartTable {
  return {
    columns: [ctx.t('institutions.outcomeKind'), ctx.t('institutions.outcomeCount')],
    rows: countsByKind(outcomes).map((c) => ({
      header: kindName(c.kind, ctx),
      link: recordsLink('/outcomes', filters, { kind: c.kind }),
      cells: [formatNumber(c.count, ctx.locale)],
    })),
  }
}
