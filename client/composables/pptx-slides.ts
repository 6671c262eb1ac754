import type { ProjectDetail } from '../../server/schemas/projects.ts'
import type { Overview, ProductStats } from '../../server/schemas/stats.ts'
import { localName } from '../charts/common.ts'
import type { ImageSize } from '../charts/export.ts'
import { formatFy, formatNumber } from '../i18n/format.ts'
import {
  ACCENT,
  ACCENT_INK,
  BODY,
  type Box,
  BRAND,
  cqw,
  INK,
  inside,
  LEFT,
  LINE,
  PAGE,
  type Page,
  pt,
  type Run,
  SOFT,
  TINT,
  WARM,
  WIDTH,
} from './pptx-page.ts'
import { type ChartSlide, kpiTiles, type ProjectFacts, projectFacts, slideTimeline } from './slide-content.ts'

// Each kind of slide laid out on a PowerPoint page as on screen, every text real text; each returns what its
// speaker notes say about it: the figures, in words.

/** The charts' pictures: full HD, sharp on any projector. */
export const CHART_IMAGE: ImageSize = { width: 1920, height: 1080 }
// The chart takes the room its headline leaves, at 16:9; its type is 1.55% of the page's width, as on screen,
// and so larger within the picture.
const CHART_BOX = { x: LEFT, y: BODY.y, w: (BODY.h * 16) / 9, h: BODY.h }
export const CHART_FONT = Math.round((CHART_IMAGE.width * 0.0155 * PAGE.w) / CHART_BOX.w)

const line = (text: string, fontSize: number, options: Run['options'] = {}): Run => ({
  text,
  options: { fontSize: pt(fontSize), breakLine: true, ...options },
})
/** A big figure with its unit, as the slides' headlines show it. */
const figure = (value: string, unit: string): Run[] => [
  { text: value, options: { fontSize: pt(5), bold: true, color: BRAND } },
  line(` ${unit}`, 2.25, { bold: true, color: BRAND }),
]

export function titleSlide(page: Page, deck: { title: string; subtitle: string | null; years: string }) {
  const program = page.text.t('app.program')
  page.write(
    [
      line(program, 2, { bold: true, color: BRAND, paraSpaceAfter: 12 }),
      line(deck.title, 4.8, { bold: true, paraSpaceAfter: 12 }),
      ...(deck.subtitle ? [line(deck.subtitle, 2.6, { paraSpaceAfter: 18 })] : []),
      line(deck.years, 2.2, { bold: true, color: SOFT }),
    ],
    { x: LEFT, y: 0.5, w: cqw(88), h: BODY.y + BODY.h - 0.5 },
    { valign: 'middle' },
  )
  return [program, deck.title, ...(deck.subtitle ? [deck.subtitle] : []), deck.years]
}

/** The line above the heading, and the heading (two lines at most, as on screen). */
export function slideHeader(page: Page, kicker: string, heading: string, size: number) {
  page.write(kicker, { x: LEFT, y: 0.5, w: WIDTH, h: 0.32 }, { fontSize: pt(1.6), bold: true, color: BRAND })
  page.write(
    heading,
    { x: LEFT, y: 0.86, w: WIDTH, h: 1.1 },
    { fontSize: pt(size), bold: true, valign: 'middle', fit: 'shrink' },
  )
}

export function footer(page: Page, asOf: string, counter: string) {
  const box = { y: PAGE.h - cqw(1.6) - 0.3, h: 0.3 }
  const small = { fontSize: pt(1.3), color: SOFT, valign: 'bottom' as const }
  page.write(asOf, { ...box, x: LEFT, w: cqw(40) }, { ...small, bold: true, color: INK })
  page.write(page.text.t('app.program'), { ...box, x: LEFT + cqw(42), w: cqw(40) }, small)
  page.write(counter, { ...box, x: PAGE.w - LEFT - cqw(8), w: cqw(8) }, { ...small, align: 'right' })
}

/** Six tiles, three by two. */
export function kpisSlide(page: Page, overview: Overview) {
  const tiles = kpiTiles(overview, page.text)
  const gap = cqw(1.6)
  const w = (BODY.w - 2 * gap) / 3
  const h = (BODY.h - gap) / 2
  for (const [i, tile] of tiles.entries()) {
    const box = { x: BODY.x + (i % 3) * (w + gap), y: BODY.y + Math.floor(i / 3) * (h + gap), w, h }
    page.card(box, TINT, BRAND)
    const value = tile.unrecorded ? [line(tile.value, 2.6, { color: SOFT })] : figure(tile.value, tile.unit)
    page.write(
      [
        line(tile.label, 1.8, { bold: true }),
        ...value,
        ...tile.lines.map((l) => line(l, 1.45, { color: SOFT })),
      ],
      inside(box),
      { valign: 'middle' },
    )
  }
  return tiles.map((tile) => [page.pair(tile.label, `${tile.value}${tile.unit}`), ...tile.lines].join(' · '))
}

/** The chart's picture (a PNG data URL) with its headline beside it; the notes give its figures year by year. */
export function chartSlideOf(page: Page, chart: ChartSlide, image: string, heading: string) {
  page.slide.addImage({ data: image, ...CHART_BOX, altText: heading })
  const { headline } = chart
  const x = CHART_BOX.x + CHART_BOX.w + cqw(2.5)
  const box = { x, y: BODY.y + BODY.h * 0.2, w: PAGE.w - LEFT - x, h: BODY.h * 0.6 }
  page.card(box, TINT, BRAND)
  page.write(
    [
      line(headline.label, 1.7, { bold: true, paraSpaceAfter: 6 }),
      ...figure(headline.value, headline.unit),
      ...headline.lines.map((l) => line(l, 1.6, { color: SOFT, paraSpaceBefore: 6 })),
    ],
    inside(box),
    { valign: 'middle' },
  )
  const [, ...columns] = chart.table.columns
  return [
    [page.pair(headline.label, `${headline.value}${headline.unit}`), ...headline.lines].join(' · '),
    ...chart.table.rows.map((row) =>
      page.pair(row.header, page.list(columns.map((column, j) => `${column} ${row.cells[j] ?? ''}`))),
    ),
  ]
}

/** The timeline: a column a year from the first launch to the last, each with the products' names. */
export function productsSlide(page: Page, products: ProductStats) {
  const { t, locale } = page.text
  const count = (n: number) => t('present.products.count', { count: formatNumber(n, locale) })
  const total = page.pair(
    t('present.headline.products'),
    `${formatNumber(products.years.at(-1)?.cumulative ?? 0, locale)}${t('units.products')}`,
  )
  page.write(
    total,
    { x: LEFT, y: BODY.y + BODY.h - 0.45, w: WIDTH, h: 0.45 },
    { fontSize: pt(1.8), bold: true, color: BRAND, valign: 'bottom' },
  )
  const timeline = slideTimeline(products)
  if (timeline.length === 0) {
    page.write(t('present.products.none'), { ...BODY, h: 0.6 }, { fontSize: pt(2.2), color: SOFT })
    return [t('present.products.none'), total]
  }
  const gap = cqw(1.4)
  const w = (BODY.w - gap * (timeline.length - 1)) / timeline.length
  const rule = BODY.y + cqw(4.15)
  page.fill({ x: BODY.x, y: rule, w: BODY.w, h: cqw(0.3) }, BRAND)
  const dot = cqw(1.6)
  for (const [i, year] of timeline.entries()) {
    const x = BODY.x + i * (w + gap)
    const launched = year.count > 0
    page.write(formatFy(year.fy, locale), { x, y: BODY.y, w, h: cqw(2.8) }, { fontSize: pt(1.8), bold: true })
    page.slide.addShape('ellipse', {
      x,
      y: rule + cqw(0.15) - dot / 2,
      w: dot,
      h: dot,
      fill: { color: launched ? ACCENT : 'FFFFFF' },
      line: { color: launched ? ACCENT : LINE, width: 2 },
    })
    if (launched)
      page.write(
        count(year.count),
        { x, y: rule + cqw(1.6), w, h: cqw(3.2) },
        { fontSize: pt(2.4), bold: true, color: ACCENT },
      )
    const names: Run[] = [
      ...year.products.flatMap((product) => [
        line(localName(product.title, locale), 1.6, { bold: true }),
        ...(product.company ? [line(localName(product.company, locale), 1.3, { color: SOFT })] : []),
        line(' ', 0.8),
      ]),
      ...(year.more > 0 ? [t('present.products.more', { count: year.more })] : []).map((l) =>
        line(l, 1.35, { color: SOFT }),
      ),
      ...(year.hiddenCount > 0 ? [t('present.products.hidden', { count: year.hiddenCount })] : []).map((l) =>
        line(l, 1.35, { color: SOFT }),
      ),
    ]
    const top = rule + cqw(5.2)
    const box = { x, y: top, w, h: BODY.y + BODY.h - 0.55 - top }
    if (year.products.length > 0) page.card(box, WARM, ACCENT)
    if (names.length > 0)
      page.write(names, { ...inside(box, cqw(0.8)), x: x + cqw(1.2), w: w - cqw(1.8) }, { fit: 'shrink' })
  }
  return [
    total,
    ...products.years
      .filter((year) => year.count > 0)
      .map((year) => {
        const named = year.products.map((p) => localName(p.title, locale))
        const more = year.moreCount > 0 ? [t('present.products.more', { count: year.moreCount })] : []
        const hidden = year.hiddenCount > 0 ? [t('present.products.hidden', { count: year.hiddenCount })] : []
        return page.pair(
          formatFy(year.fy, locale),
          [count(year.count), ...named, ...more, ...hidden].join(' · '),
        )
      }),
  ]
}

/** Who did it on the left; what the analysis showed, and the product it led to, on the right. */
export function projectSlide(page: Page, project: ProjectDetail) {
  const { t } = page.text
  const facts = projectFacts(project, page.text)
  const term = (name: string) =>
    line(t(`present.project.${name}`), 1.35, { bold: true, color: BRAND, paraSpaceBefore: 10 })
  const who: Run[] = [
    ...(facts.company ? [term('company'), line(facts.company, 2.2, { bold: true })] : []),
    ...(facts.period ? [term('period'), line(facts.period, 1.9)] : []),
    ...(facts.partners.length ? [term('partners'), ...facts.partners.map((p) => line(p, 1.7))] : []),
  ]
  const whoWidth = cqw(30)
  if (who.length > 0) page.write(who, { ...BODY, w: whoWidth }, { fit: 'shrink' })

  const x = BODY.x + whoWidth + cqw(3)
  const w = PAGE.w - LEFT - x
  const arrow = cqw(3)
  const findingBox: Box = { x, y: BODY.y, w, h: BODY.h * 0.5 }
  const productBox: Box = { x, y: findingBox.y + findingBox.h + arrow, w, h: BODY.h - findingBox.h - arrow }
  const cardTitle = (text: string, color: string) => line(text, 1.5, { bold: true, color, paraSpaceAfter: 4 })
  const { finding } = facts
  const meta = finding
    ? [
        ...(finding.material ? [`${t('present.project.material')}: ${finding.material}`] : []),
        ...(finding.comparison ? [`${t('present.project.comparison')}: ${finding.comparison}`] : []),
        finding.evidence,
        ...(finding.platform ? [finding.platform] : []),
      ].join(' · ')
    : ''
  page.card(findingBox, TINT, BRAND)
  page.write(
    [
      cardTitle(t('present.project.finding'), BRAND),
      ...(finding
        ? [line(finding.statement, 2.1, { bold: true, paraSpaceAfter: 4 }), line(meta, 1.4, { color: SOFT })]
        : [line(t('present.project.noFinding'), 2.1, { color: SOFT })]),
    ],
    inside(findingBox, cqw(1.2)),
    { fit: 'shrink' },
  )
  page.write(
    '↓',
    { x: x + cqw(2), y: findingBox.y + findingBox.h, w: cqw(4), h: arrow },
    { fontSize: pt(2.2), bold: true, color: ACCENT, valign: 'middle' },
  )
  page.card(productBox, WARM, ACCENT)
  const outcomeTitle = facts.launched ? t('present.project.product') : t('present.project.outcome')
  const outcomeMeta = (o: ProjectFacts['outcomes'][number]) => [o.kind, ...(o.fy ? [o.fy] : [])].join(' · ')
  page.write(
    [
      cardTitle(outcomeTitle, ACCENT_INK),
      ...(facts.outcomes.length
        ? facts.outcomes.flatMap((o) => [
            line(o.title, 2.1, { bold: true }),
            line(outcomeMeta(o), 1.4, { color: SOFT, paraSpaceAfter: 4 }),
          ])
        : [line(t('present.project.noOutcome'), 2.1, { color: SOFT })]),
    ],
    inside(productBox, cqw(1.2)),
    { fit: 'shrink' },
  )
  return [
    ...(facts.company ? [page.pair(t('present.project.company'), facts.company)] : []),
    ...(facts.period ? [page.pair(t('present.project.period'), facts.period)] : []),
    ...(facts.partners.length ? [page.pair(t('present.project.partners'), page.list(facts.partners))] : []),
    page.pair(
      t('present.project.finding'),
      finding ? `${finding.statement} · ${meta}` : t('present.project.noFinding'),
    ),
    page.pair(
      outcomeTitle,
      facts.outcomes.length
        ? page.list(facts.outcomes.map((o) => `${o.title} · ${outcomeMeta(o)}`))
        : t('present.project.noOutcome'),
    ),
  ]
}
