import { init } from 'echarts/core'
import { FONT_FAMILY } from './common.ts'
import './register.ts'
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

/** The standalone SVG document of `option` at `size`, without animation. */
export function chartSvg(option: ChartOption, size: ImageSize): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    const textStyle = { ...(option.textStyle as object | undefined), fontFamily: SVG_FONT_FAMILY }
    chart.setOption({ ...option, textStyle, animation: false })
    const svg = chart.renderToSVGString()
    // A white ground, as on the slide: a transparent chart is unreadable on a dark document background.
    return svg.replace(/^(<svg[^>]*>)/, `$1<rect width="100%" height="100%" fill="#fff"/>`)
  } finally {
    chart.dispose()
  }
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
