import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import JSZip from 'jszip'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deck } from '../../server/schemas/decks.ts'
import { E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage, VIEWPORTS } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// A deck saved as PowerPoint from the presentation, in Chromium, on the brochure dataset: the file the browser
// downloads is read back as PowerPoint would read it (slides, their text, speaker notes, the charts' PNGs).

const SCREENSHOTS = 'test-results/screenshots'
const ADMIN = 'admin@example.test'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    startServer({ env: { COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN, ADMIN_PASSWORD: E2E_PASSWORD } }),
    launchBrowser(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Pptx {
  name: string
  zip: JSZip
  /** Each slide's text runs. */
  slides: string[][]
  /** Each slide's speaker notes, line by line. */
  notes: string[][]
  /** The PNGs each slide shows. */
  images: Buffer[][]
}

const decode = (xml: string) =>
  xml.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
  )
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? ''))

/** Clicks the toolbar's PowerPoint button and reads the file the browser saves. */
async function downloadPptx(page: Page): Promise<Pptx> {
  await page.mouse.move(300, 300)
  // Painting the charts and zipping take a few seconds, more on a busy machine.
  const downloaded = page.waitForEvent('download', { timeout: 60_000 })
  await page.click('[data-control=export-pptx]')
  const download = await downloaded.catch(async (error: unknown) => {
    const alert = await page
      .locator('.present-alert')
      .textContent({ timeout: 1000 })
      .catch(() => null)
    throw alert ? new Error(`no download: ${alert}`) : error
  })
  const zip = await JSZip.loadAsync(readFileSync(await download.path()))
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? ''
  const count = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length
  const pptx: Pptx = { name: download.suggestedFilename(), zip, slides: [], notes: [], images: [] }
  for (let n = 1; n <= count; n++) {
    pptx.slides.push(runs(await read(`ppt/slides/slide${n}.xml`)))
    // The notes placeholder's text (not the slide number's); an XML reader takes its line ends (CRLF) as LF.
    const body = (await read(`ppt/notesSlides/notesSlide${n}.xml`)).match(/<p:ph type="body".*?<\/p:txBody>/s)
    pptx.notes.push(
      runs(body?.[0] ?? '')
        .join('')
        .split(/\r?\n/),
    )
    const rels = await read(`ppt/slides/_rels/slide${n}.xml.rels`)
    const media = [...rels.matchAll(/Target="\.\.\/media\/([^"]+)"/g)].map((m) => `ppt/media/${m[1]}`)
    pptx.images.push(
      await Promise.all(
        media.map(async (path) => Buffer.from((await zip.file(path)?.async('uint8array')) ?? [])),
      ),
    )
  }
  return pptx
}

/** How much of a PNG is not white: a chart drawn, not an empty picture. */
function inkShare(page: Page, png: Buffer) {
  return page.evaluate(async (base64) => {
    const image = new Image()
    image.src = `data:image/png;base64,${base64}`
    await image.decode()
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')
    if (!context) return 0
    context.drawImage(image, 0, 0)
    const { data } = context.getImageData(0, 0, image.width, image.height)
    let ink = 0
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200) ink++
    return ink / (image.width * image.height)
  }, png.toString('base64'))
}

function expectFullHdPng(png: Buffer | undefined) {
  expect(png?.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  expect(png?.subarray(12, 16).toString('ascii')).toBe('IHDR')
  expect([png?.readUInt32BE(16), png?.readUInt32BE(20)]).toEqual([1920, 1080])
}

/** The toolbar at the laptop size, as a presenter sees it. */
async function screenshotToolbar(page: Page, name: string) {
  await page.mouse.move(400, 400)
  await page.waitForSelector('.present-controls [data-control=export-pptx]')
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` })
}

describe('a deck saved as PowerPoint', () => {
  it('has every slide of the live presentation, titled in Japanese, with notes and full-HD charts', {
    timeout: 120_000,
  }, async () => {
    const { page, problems, close } = await openPage(browser, {
      viewport: VIEWPORTS.desktop,
      reducedMotion: 'reduce',
    })
    await page.goto(`${server.url}/present`)
    await page.waitForSelector('[data-counter]')
    const total = Number((await page.locator('[data-counter]').textContent())?.split('/')[1])
    expect(await page.locator('[data-control=export-pptx]').textContent()).toContain('PowerPointで保存')
    await screenshotToolbar(page, 'present-export-1366-ja')

    const pptx = await downloadPptx(page)
    expect(pptx.name).toMatch(/^バイオクラスター形成促進事業の成果_\d{4}-\d{2}-\d{2}\.pptx$/)
    expect(pptx.slides).toHaveLength(total)
    const headings = ['主要指標', '年度別の採択件数', '商品化の歩み', 'セミナー参加者']
    expect(pptx.slides[0]).toContain('バイオクラスター形成促進事業の成果')
    for (const [i, heading] of headings.entries()) expect(pptx.slides[i + 1], heading).toContain(heading)
    // The project slides: the first is the one behind the first product, its Japanese theme as the title.
    const project = pptx.slides[5] ?? []
    expect(project).toContain('米麹を活用した野菜飲料における健康機能性の研究と事業化')
    expect(project).toContain('櫛引農村工業農業協同組合連合会')
    expect(project.some((text) => text.startsWith('ベジスープあまざけ'))).toBe(true)
    expect(pptx.slides[3]).toContain('ピーナッツ胚芽チョコ')
    for (const [i, texts] of pptx.slides.entries()) {
      expect(
        texts.some((text) => text.endsWith('時点のデータ')),
        `slide ${i + 1}`,
      ).toBe(true)
      expect(texts, `slide ${i + 1}`).toContain(`${i + 1} / ${total}`)
    }

    // Speaker notes: what the slide shows, over which years, as of when.
    for (const [i, lines] of pptx.notes.entries()) {
      expect(lines.at(-2), `notes ${i + 1}`).toBe('対象データ：平成24年度〜平成29年度')
      expect(lines.at(-1), `notes ${i + 1}`).toMatch(/時点のデータ$/)
    }
    expect(pptx.notes[1]).toContain('採択件数：50件 · 平成29年度: 9件 · 前年度比 -1')
    expect(pptx.notes[2]?.[1]).toMatch(/^採択件数（累計）：50件/)
    expect(pptx.notes[4]?.[1]).toMatch(/^参加者数（累計）：1,204人/)

    // The two charts as full-HD PNGs, painted (not blank); the other slides are text only.
    expect(pptx.images.map((images) => images.length)).toEqual(
      pptx.slides.map((_, i) => (i === 2 || i === 4 ? 1 : 0)),
    )
    for (const i of [2, 4]) {
      const png = pptx.images[i]?.[0]
      expectFullHdPng(png)
      expect(await inkShare(page, png ?? Buffer.alloc(0)), `slide ${i + 1}`).toBeGreaterThan(0.01)
      writeFileSync(`${SCREENSHOTS}/pptx-ja-slide${i + 1}-chart.png`, png ?? Buffer.alloc(0))
    }
    writeFileSync('test-results/deck-ja.pptx', await pptx.zip.generateAsync({ type: 'nodebuffer' }))
    expect(problems).toEqual([])
    await close()
  })

  it('follows the deck: an English, frozen deck gives English slides and notes, for an anonymous visitor', {
    timeout: 120_000,
  }, async () => {
    const admin = await signInApi(server.url, ADMIN)
    let deck = await admin.request<Deck>('POST', '/decks', {
      name: 'Yamagata Bioscience Seminar 2026',
      subtitle: 'Tsuruoka, December 12',
      slides: [
        { kind: 'title' },
        { kind: 'adoptions' },
        { kind: 'project', projectId: 1 },
        { kind: 'products' },
      ],
      filters: { fyFrom: 2014 },
      locale: 'en',
    })
    deck = await admin.request<Deck>('POST', `/decks/${deck.id}/freeze`, { version: deck.version })

    const { page, problems, close } = await openPage(browser, {
      viewport: VIEWPORTS.desktop,
      reducedMotion: 'reduce',
    })
    await page.goto(`${server.url}/present/${deck.id}`)
    await page.waitForSelector('[data-counter]')
    expect(await page.locator('[data-control=export-pptx]').textContent()).toContain('PowerPoint (.pptx)')
    await screenshotToolbar(page, 'present-export-1366-en')

    const pptx = await downloadPptx(page)
    expect(pptx.name).toMatch(/^Yamagata-Bioscience-Seminar-2026_\d{4}-\d{2}-\d{2}\.pptx$/)
    expect(pptx.slides).toHaveLength(4)
    expect(pptx.slides[0]).toEqual(
      expect.arrayContaining([
        'Yamagata Bioscience Seminar 2026',
        'Tsuruoka, December 12',
        'FY2014 (H26) – FY2017 (H29)',
      ]),
    )
    expect(pptx.slides[1]).toContain('Adoptions per fiscal year')
    expect(pptx.slides[2]).toContain('Denroku Co., Ltd.')
    expect(pptx.slides[3]).toContain('Products launched')
    for (const lines of pptx.notes) {
      expect(lines.at(-2)).toBe('Figures: FY2014 (H26) – FY2017 (H29)')
      expect(lines.at(-1)).toMatch(/^Figures frozen as of /)
    }
    expect(pptx.notes[2]).toContain('Company: Denroku Co., Ltd.')
    expectFullHdPng(pptx.images[1]?.[0])
    writeFileSync(`${SCREENSHOTS}/pptx-en-slide2-chart.png`, pptx.images[1]?.[0] ?? Buffer.alloc(0))
    writeFileSync('test-results/deck-en.pptx', await pptx.zip.generateAsync({ type: 'nodebuffer' }))
    expect(problems).toEqual([])
    await close()
  })
})
