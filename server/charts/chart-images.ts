import type { Kysely } from 'kysely'
import { adoptionsOption } from '../../client/charts/adoptions.ts'
import { attendanceEventsOption, attendanceYearsOption } from '../../client/charts/attendance.ts'
import { NARROW_CHART_PX } from '../../client/charts/common.ts'
import { chartSvg } from '../../client/charts/export.ts'
import { productsOption } from '../../client/charts/products.ts'
import type { ChartContext, ChartOption } from '../../client/charts/types.ts'
import { createAppI18n } from '../../client/i18n/index.ts'
import type { Database } from '../../db/database.ts'
import type { Viewer } from '../auth/viewer.ts'
import type { Locale } from '../domain/fiscal-year.ts'
import { adoptionStats, attendanceStats, productStats } from '../repositories/stats-repository.ts'
import type { ChartImageName, ChartImageQuery, StatsQuery } from '../schemas/stats.ts'

// The overview's charts drawn on the server, as SVG: the same option builders and labels as the dashboard's
// live charts (client/charts), drawn by ECharts' server-side renderer. The dashboard shows them first, while
// ECharts itself is still loading, and presenters can put a chart's address in a document.

const CHARTS: Record<
  ChartImageName,
  (db: Kysely<Database>, filters: StatsQuery, viewer: Viewer, ctx: ChartContext) => Promise<ChartOption>
> = {
  adoptions: async (db, filters, _viewer, ctx) => adoptionsOption(await adoptionStats(db, filters), ctx),
  products: async (db, filters, viewer, ctx) => productsOption(await productStats(db, filters, viewer), ctx),
  'attendance-years': async (db, filters, _viewer, ctx) =>
    attendanceYearsOption(await attendanceStats(db, filters), ctx),
  'attendance-events': async (db, filters, _viewer, ctx) =>
    attendanceEventsOption(await attendanceStats(db, filters), ctx),
}

// The dashboard's own messages, one translator per language, built on first use.
const translators = new Map<Locale, ChartContext['t']>()
function translator(locale: Locale): ChartContext['t'] {
  let translate = translators.get(locale)
  if (!translate) {
    const { t } = createAppI18n(locale).global
    translate = (key, named) => (named ? t(key, named) : t(key))
    translators.set(locale, translate)
  }
  return translate
}

/** The chart `name` for the filters in `query`, as an SVG document of the size asked for. */
export async function chartImage(
  db: Kysely<Database>,
  name: ChartImageName,
  query: ChartImageQuery,
  viewer: Viewer,
): Promise<string> {
  const { locale, width, height, ...filters } = query
  const ctx: ChartContext = { locale, t: translator(locale), narrow: width < NARROW_CHART_PX }
  const option = await CHARTS[name](db, filters, viewer, ctx)
  return chartSvg(option, { width, height })
}
