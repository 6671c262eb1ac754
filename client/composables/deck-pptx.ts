import PptxGenJS from 'pptxgenjs'
import type { DeckFigures } from '../../server/schemas/decks.ts'
import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import type { ImageSize } from '../charts/export.ts'
import { slideChartOption } from '../charts/slide.ts'
import type { ChartOption } from '../charts/types.ts'
import { BRAND, cqw, PAGE, pptxPage } from './pptx-page.ts'
import {
  CHART_FONT,
  CHART_IMAGE,
  chartSlideOf,
  footer,
  kpisSlide,
  productsSlide,
  projectSlide,
  slideHeader,
  titleSlide,
} from './pptx-slides.ts'
import type { ShownSlide } from './present-deck.ts'
import {
  asOfLabel,
  chartSlide,
  slideChartContext,
  slideHeading,
  slideKicker,
  type TextContext,
  yearsLabel,
} from './slide-content.ts'
import { filterChoices } from './useFilterSummary.ts'

// A deck as a PowerPoint file: the slides the presentation shows, in its order, laid out as on screen, every
// text real text and each chart a picture, with speaker notes that say what each slide shows, over which data
// and as of when, in the deck's language.

export interface DeckPptxInput {
  slides: ShownSlide[]
  figures: DeckFigures
  filters: DashboardFilterQuery
  title: string
  subtitle: string | null
  /** The figures are a frozen deck's, kept as of `figures.asOf`. */
  frozen: boolean
  text: TextContext
  /** The chart as a PNG data URL (`data:image/png;base64,…`). */
  chartImage: (option: ChartOption, size: ImageSize) => Promise<string>
}

/** The presentation of `input`'s slides, ready to be written. */
export async function deckPptx(input: DeckPptxInput): Promise<PptxGenJS> {
  const { text, figures, filters } = input
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = input.title
  pptx.subject = text.t('app.program')
  // Japanese type throughout a Japanese deck; an English one keeps Office's own fonts (and its Japanese font
  // for the Japanese names in it).
  if (text.locale === 'ja') pptx.theme = { headFontFace: 'Yu Gothic', bodyFontFace: 'Yu Gothic' }

  const years = yearsLabel(filters, figures, text)
  const asOf = asOfLabel(figures, input.frozen, text)
  const choices = filterChoices(filters, { menus: figures.adoptions.menus }, text.t, text.locale)
  const scope = text.t('present.pptx.scope', { scope: [years, ...choices].join(' · ') })
  const chartContext = slideChartContext(figures, text, CHART_IMAGE.width, CHART_FONT)

  for (const [i, shown] of input.slides.entries()) {
    const page = pptxPage(pptx.addSlide(), text)
    page.slide.background = { color: 'FFFFFF' }
    page.fill({ x: 0, y: 0, w: PAGE.w, h: cqw(0.6) }, BRAND)
    footer(page, asOf, text.t('present.counter', { n: i + 1, total: input.slides.length }))
    const notes: string[] = []
    if (shown.kind === 'title') {
      notes.push(...titleSlide(page, { title: input.title, subtitle: input.subtitle, years }))
    } else {
      const heading = slideHeading(shown, input.title, text)
      slideHeader(page, slideKicker(shown, years, text), heading, shown.kind === 'project' ? 2.8 : 3.2)
      notes.push(heading)
      if (shown.kind === 'kpis') notes.push(...kpisSlide(page, figures.overview))
      else if (shown.kind === 'products') notes.push(...productsSlide(page, figures.products))
      else if (shown.kind === 'project') notes.push(...projectSlide(page, shown.project))
      else {
        const chart = chartSlide(shown.kind, figures, filters, chartContext)
        if (chart) {
          const image = await input.chartImage(slideChartOption(chart.raw, CHART_FONT), CHART_IMAGE)
          notes.push(...chartSlideOf(page, chart, image, heading))
        }
      }
    }
    page.slide.addNotes([...notes, scope, asOf].join('\n'))
  }
  return pptx
}

/** `<deck name>_<YYYY-MM-DD>.pptx`: the date the figures are from, in Japan; what a file name may not hold replaced. */
export function pptxFileName(title: string, asOf: string): string {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(asOf))
  const name = title
    .replace(/[\p{Cc}\\/:*?"<>|]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
  return `${name || 'slides'}_${date}.pptx`
}
