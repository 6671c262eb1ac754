import type PptxGenJS from 'pptxgenjs'
import type { TextContext } from './slide-content.ts'

// The PowerPoint page the deck is laid out on: 16:9, dark ink on white, like the slides on screen. Lengths are
// in `cqw`, hundredths of the page's width, as in present.css, and type in points (the page is 960 points
// wide: 1cqw is 9.6 points), so the file looks like the presentation.

export const PAGE = { w: 13.333, h: 7.5 }
export const cqw = (n: number) => (n * PAGE.w) / 100
export const pt = (n: number) => Math.round(n * 96) / 10

export const INK = '111827'
export const SOFT = '374151'
export const BRAND = '00456E'
export const ACCENT = 'B45309'
export const ACCENT_INK = '8A3F06'
export const LINE = 'C9D1DA'
export const TINT = 'EEF4F9'
export const WARM = 'FDF6EC'

export const LEFT = cqw(4.5)
export const WIDTH = PAGE.w - 2 * LEFT
/** Below the heading, above the footer. */
export const BODY = { x: LEFT, y: 2.1, w: WIDTH, h: PAGE.h - cqw(5.6) - 2.1 }

export type Run = PptxGenJS.TextProps
export type Box = { x: number; y: number; w: number; h: number }

/** One slide being laid out, in the deck's language. */
export interface Page {
  slide: PptxGenJS.Slide
  text: TextContext
  /** Text in `box`, top-aligned and without the box's inner margin unless `options` say otherwise. */
  write: (runs: Run[] | string, box: Box, options?: PptxGenJS.TextPropsOptions) => void
  /** A filled rectangle. */
  fill: (box: Box, color: string) => void
  /** A tinted card with a bar down its left edge, as the slides' cards have. */
  card: (box: Box, tint: string, edge: string) => void
  /** `label: value`, as the speaker notes give a figure. */
  pair: (label: string, value: string) => string
  /** Items in a row, as the charts' tables list them. */
  list: (items: string[]) => string
}

export function pptxPage(slide: PptxGenJS.Slide, text: TextContext): Page {
  // Marked as Japanese or English, so that PowerPoint picks a font for the script.
  const lang = text.locale === 'ja' ? 'ja-JP' : 'en-US'
  const fill = (box: Box, color: string) =>
    slide.addShape('rect', { ...box, fill: { color }, line: { type: 'none' } })
  return {
    slide,
    text,
    write: (runs, box, options = {}) =>
      slide.addText(runs, { ...box, margin: 0, valign: 'top', color: INK, lang, ...options }),
    fill,
    card: (box, tint, edge) => {
      fill(box, tint)
      fill({ ...box, w: cqw(0.5) }, edge)
    },
    pair: (label, value) => text.t('present.pptx.pair', { label, value }),
    list: (items) => new Intl.ListFormat(text.locale, { type: 'unit' }).format(items),
  }
}

/** `box` less a card's padding. */
export const inside = (box: Box, top = 0): Box => ({
  x: box.x + cqw(2.3),
  y: box.y + top,
  w: box.w - cqw(3.5),
  h: box.h - 2 * top,
})
