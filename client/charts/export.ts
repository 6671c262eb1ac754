import { init } from 'echarts/core'
import { escapeHtml, FONT_FAMILY } from './common.ts'
import './register.ts'
import { SLIDE_INK } from './slide.ts'
import type { ChartOption } from './types.ts'

// A chart as a file to take away: SVG drawn by ECharts' server-side renderer (no screen needed, any size),
// and PNG painted from that SVG in the browser.

export interface ImageSize {
  width: number
  height: number
}

// ECharts writes the font into a `style="…"` attribute as it is: double quotes in it would end the attribute
// and leave the file unreadable (no browser would draw it, not even as an <img>).
const SVG_FONT_FAMILY = FONT_FAMILY.replaceAll('"', "'")

/** What a chart taken away says it shows: its title, and a line under it (the years, how current). */
export interface ImageCaption {
  title: string
  subtitle: string
}

// A white ground, as on the slide: a transparent chart is unreadable on a dark document background.
const GROUND = '<rect width="100%" height="100%" fill="#fff"/>'
const SOFT_INK = '#374151'

function drawSvg(option: ChartOption, size: ImageSize): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    const textStyle = { ...(option.textStyle as object | undefined), fontFamily: SVG_FONT_FAMILY }
    chart.setOption({ ...option, textStyle, animation: false })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/**
 * The standalone SVG document of `option` at `size`, without animation; with a `caption`, the chart is drawn
 * under it, so that the file still says what it shows once it is out of the app.
 */
export function chartSvg(option: ChartOption, size: ImageSize, caption?: ImageCaption): string {
  if (!caption) return drawSvg(option, size).replace(/^(<svg[^>]*>)/, `$1${GROUND}`)
  // Type sized to the width, as on a slide: 48 and 26 pixels at 1920.
  const titleSize = Math.round(size.width * 0.025)
  const subtitleSize = Math.round(titleSize * 0.55)
  const left = Math.round(size.width * 0.03)
  const titleLine = Math.round(titleSize * 1.6)
  const subtitleLine = titleLine + Math.round(subtitleSize * 1.7)
  const band = subtitleLine + Math.round(subtitleSize * 1.2)
  // The chart in from the sides as far as the caption, so that its legend lines up under the title.
  const chart = drawSvg(option, { width: size.width - 2 * left, height: size.height - band }).replace(
    /^<svg/,
    `<svg x="${left}" y="${band}"`,
  )
  const text = (y: number, fontSize: number, weight: number, fill: string, content: string) =>
    `<text x="${left}" y="${y}" font-family="${SVG_FONT_FAMILY}" font-size="${fontSize}" font-weight="${weight}" fill="${fill}">${escapeHtml(content)}</text>`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">`,
    GROUND,
    text(titleLine, titleSize, 700, SLIDE_INK, caption.title),
    text(subtitleLine, subtitleSize, 600, SOFT_INK, caption.subtitle),
    chart,
    '</svg>',
  ].join('')
}

/** A PNG of the SVG at `size` (browser only: it paints on a canvas). */
export async function svgToPng(svg: string, size: ImageSize): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image(size.width, size.height)
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2D canvas')
    context.drawImage(image, 0, 0, size.width, size.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Saves `blob` under `filename` through the browser's download. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
