import { describe, expect, it } from 'vitest'
import { featuredProjectIds } from '../../client/api/decks.ts'
import { adoptionsOption } from '../../client/charts/adoptions.ts'
import { chartSvg } from '../../client/charts/export.ts'
import { SLIDE_INK, slideChartOption } from '../../client/charts/slide.ts'
import {
  coveredYears,
  defaultSlides,
  productTimeline,
  projectStory,
  slideNumber,
  slideProjectIds,
  slidesToShow,
} from '../../client/composables/present-deck.ts'
import { figures, finding, outcome, project } from './deck-fixtures.ts'
import { adoptions, chartContext, products } from './fixtures.ts'

describe('the slides of a presentation', () => {
  it('are by default the standard five, then one per project the figures hold', () => {
    const slides = defaultSlides(figures([project(2), project(1)]))
    expect(slides.map((s) => s.kind)).toEqual([
      'title',
      'kpis',
      'adoptions',
      'products',
      'attendance',
      'project',
      'project',
    ])
    expect(slideProjectIds(slides)).toEqual([2, 1])
  })

  it("follow the deck's order, leaving out project slides whose project the figures lack", () => {
    const shown = slidesToShow(
      [
        { kind: 'project', projectId: 3 },
        { kind: 'kpis' },
        { kind: 'project', projectId: 9 },
        { kind: 'title' },
      ],
      figures([project(3)]),
    )
    expect(shown.map((s) => s.kind)).toEqual(['project', 'kpis', 'title'])
    expect(new Set(shown.map((s) => s.key)).size).toBe(3)
  })

  it('feature the projects behind the products, each once, in the order of their first launch', () => {
    expect(featuredProjectIds(products)).toEqual([...new Set(featuredProjectIds(products))])
    const ids = products.years.flatMap((y) => y.products.map((p) => p.projectId))
    expect(featuredProjectIds(products)[0]).toBe(ids[0])
  })

  it('cover the filtered FY range, or the years the figures hold', () => {
    expect(coveredYears({}, figures())).toEqual({ from: 2012, to: 2017 })
    expect(coveredYears({ fyFrom: 2014 }, figures())).toEqual({ from: 2014, to: 2017 })
  })

  it('read the slide number from the URL leniently, within the deck', () => {
    expect(slideNumber('3', 9)).toBe(3)
    expect(slideNumber(['12'], 9)).toBe(9)
    expect(slideNumber('0', 9)).toBe(1)
    expect(slideNumber('x', 9)).toBe(1)
    expect(slideNumber(undefined, 0)).toBe(1)
  })
})

describe("a project slide's story", () => {
  it('pairs the first product with the finding it rests on', () => {
    const story = projectStory(
      project(1, {
        findings: [finding(10, '先の知見'), finding(11, '商品の根拠')],
        outcomes: [
          outcome(21, 'award', 2013),
          outcome(22, 'product', 2016, [11]),
          outcome(23, 'test_sale', 2015),
        ],
      }),
    )
    expect(story.launched).toBe(true)
    expect(story.outcomes.map((o) => o.id)).toEqual([23, 22])
    expect(story.finding?.id).toBe(11)
  })

  it('shows the other outcomes when nothing was launched, and the first finding', () => {
    const story = projectStory(
      project(1, {
        findings: [finding(10, '知見')],
        outcomes: [outcome(31, 'patent', null), outcome(32, 'award', 2014)],
      }),
    )
    expect(story.launched).toBe(false)
    expect(story.outcomes.map((o) => o.id)).toEqual([32, 31])
    expect(story.finding?.id).toBe(10)
  })
})

describe('the products timeline', () => {
  it('runs from the first launch to the last, with at most `room` names a year', () => {
    const timeline = productTimeline(products, 1)
    const launched = products.years.filter((y) => y.count > 0).map((y) => y.fy)
    expect(timeline[0]?.fy).toBe(launched[0])
    expect(timeline.at(-1)?.fy).toBe(launched.at(-1))
    for (const year of timeline) {
      const source = products.years.find((y) => y.fy === year.fy)
      expect(year.products.length).toBeLessThanOrEqual(1)
      expect(year.products.length + year.more).toBe(source?.products.length)
    }
  })

  it('is empty when nothing was launched', () => {
    expect(
      productTimeline({
        years: [{ fy: 2015, count: 0, cumulative: 0, products: [], moreCount: 0, hiddenCount: 0 }],
      }),
    ).toEqual([])
  })

  it('counts the products the API does not name with those past the room', () => {
    const years = products.years.map((year) => ({ ...year, moreCount: 10 * year.count }))
    for (const year of productTimeline({ years }, 1)) {
      const source = years.find((y) => y.fy === year.fy)
      expect(year.products.length + year.more).toBe((source?.products.length ?? 0) + (source?.moreCount ?? 0))
    }
  })
})

describe('a dashboard chart on a slide', () => {
  it('keeps the series and scales every label, with no tooltip', () => {
    const option = adoptionsOption(adoptions, chartContext('ja'))
    const slide = slideChartOption(option, 30)
    expect(slide.series).toHaveLength((option.series as unknown[]).length)
    expect(slide.tooltip).toEqual({ show: false })
    const axes = [slide.xAxis, slide.yAxis].flat() as { axisLabel: { fontSize: number; color: string } }[]
    for (const axis of axes) expect(axis.axisLabel).toMatchObject({ fontSize: 30, color: SLIDE_INK })
    expect((slide.legend as { textStyle: { fontSize: number } }).textStyle.fontSize).toBe(30)
    // The builder's own formatters survive (numbers in the locale's format).
    const formatter = (axes[1]?.axisLabel as { formatter?: (v: number) => string } | undefined)?.formatter
    expect(formatter?.(1204)).toBe('1,204')
    // The original is untouched.
    expect((option.xAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize).toBe(12)
  })
})

describe('a chart exported as SVG', () => {
  it('is a standalone SVG document of the size asked for, with the chart’s labels', () => {
    const option = slideChartOption(adoptionsOption(adoptions, chartContext('ja')), 28)
    const svg = chartSvg(option, { width: 1920, height: 1080 })
    expect(svg).toMatch(/^<svg[^>]* width="1920" height="1080"/)
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(svg).toContain('平成24年度')
    expect(svg).toContain('<rect width="100%" height="100%" fill="#fff"/>')
    // Well-formed, so that a browser draws it as an image: no double quote inside a style attribute (the
    // font names), which would end the attribute early. (The e2e test paints it into a PNG.)
    const styles = [...svg.matchAll(/style="([^"]*)"/g)].map((m) => m[1])
    expect(styles.length).toBeGreaterThan(0)
    for (const style of styles) expect(style).toMatch(/;$/)
    expect(chartSvg(option, { width: 800, height: 450 })).toMatch(/^<svg[^>]* width="800" height="450"/)
  })

  it('says what it shows: its title and the line under it, above the chart, in the size asked for', () => {
    const ctx = chartContext('ja')
    const option = slideChartOption(adoptionsOption(adoptions, ctx), 30)
    const title = ctx.t('present.slides.adoptions')
    const subtitle = `平成24年度〜平成29年度 · ${ctx.t('present.asOf', { date: '2026/11/29 12:00' })}`
    const svg = chartSvg(option, { width: 1920, height: 1080 }, { title, subtitle })
    expect(svg).toMatch(/^<svg[^>]* width="1920" height="1080"/)
    expect(svg).toMatch(new RegExp(`<text [^>]*font-weight="700"[^>]*>${title}</text>`))
    expect(svg).toContain(`>${subtitle}</text>`)
    expect(svg).toContain('平成24年度')
    // The chart below the caption, filling the rest of the image within the caption's margins.
    const inner = svg.match(/<svg x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/)
    expect(inner).not.toBeNull()
    const [left, top, width, height] = (inner ?? []).slice(1).map(Number) as [number, number, number, number]
    expect(left).toBeGreaterThan(0)
    expect(left * 2 + width).toBe(1920)
    expect(top).toBeGreaterThan(60)
    expect(top + height).toBe(1080)
    // Text that would break the XML is escaped.
    expect(
      chartSvg(option, { width: 800, height: 450 }, { title: 'R&D <2017>', subtitle: '"all"' }),
    ).toContain('>R&#38;D &#60;2017&#62;</text>')
  })
})
