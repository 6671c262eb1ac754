import { chartSvg, saveFile, svgToPng } from '../charts/export.ts'
import { type DeckPptxInput, deckPptx, pptxFileName } from './deck-pptx.ts'

// The browser's side of the PowerPoint export: charts painted into PNGs, the file written and downloaded.
// Loaded on demand (with pptxgenjs), so that the presentation itself does not carry it.

const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/** Builds the deck's .pptx and saves it as `<deck name>_<date>.pptx`. */
export async function saveDeckPptx(input: Omit<DeckPptxInput, 'chartImage'>) {
  const pptx = await deckPptx({
    ...input,
    chartImage: async (option, size) => dataUrl(await svgToPng(chartSvg(option, size), size)),
  })
  const file = (await pptx.write({ outputType: 'blob', compression: true })) as Blob
  saveFile(new Blob([file], { type: PPTX_TYPE }), pptxFileName(input.title, input.figures.asOf))
}
