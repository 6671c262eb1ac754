import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Deck } from '../../server/schemas/decks.ts'
import { type ApiSession, E2E_PASSWORD, signInApi } from './accounts.ts'
import { launchBrowser, openPage } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

// The seminar presentation on the brochure dataset: full-screen slides from live data, moved through by
// keyboard and click, in Japanese and English, at the two projector sizes; then a saved deck, frozen, shown to
// an anonymous visitor after the records changed, and edited by the program office.

const SCREENSHOTS = 'test-results/screenshots'
const FULL_HD = { width: 1920, height: 1080 }
const HD = { width: 1280, height: 720 }
const ADMIN = 'admin@example.test'
/** Title, KPIs, adoptions, products, attendance, then the four brochure projects behind the products. */
const SLIDES = [
  'title',
  'kpis',
  'adoptions',
  'products',
  'attendance',
  'project',
  'project',
  'project',
  'project',
]

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  ;[server, browser] = await Promise.all([
    // Plain HTTP, so the session cookie must not be `Secure`; a first admin to make decks with.
    startServer({
      env: {
        COOKIE_SECURE: 'false',
        ADMIN_EMAIL: ADMIN,
        ADMIN_PASSWORD: E2E_PASSWORD,
      },
    }),
    launchBrowser(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const counter = async (page: Page) => (await page.locator('[data-counter]').textContent())?.trim()
const slideKind = (page: Page) => page.getAttribute('.slide', 'data-slide')

/** Waits for slide `n` (1-based) of the deck, and for its chart when it has one. */
async function onSlide(page: Page, n: number, total = SLIDES.length) {
  await expect.poll(() => counter(page)).toBe(`${n} / ${total}`)
  if (await page.locator('.slide [data-chart]').count())
    await page.waitForSelector('.slide [data-chart][data-state=drawn]')
}

/**
 * Every piece of text on the slide that reaches outside the stage, runs into the footer, or is cut off by its
 * box (beyond the line clamps, which end in an ellipsis on purpose): what an audience would not be able to read.
 */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector('.present-stage')?.getBoundingClientRect()
    const footer = document.querySelector('.slide-footer')?.getBoundingClientRect()
    if (!stage || !footer) return ['no stage']
    const problems: string[] = []
    for (const element of document.querySelectorAll<HTMLElement>('.slide *')) {
      if (element.closest('.visually-hidden, [data-chart], .slide-footer')) continue
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      const name = `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`
      if (box.left < stage.left - 1 || box.right > stage.right + 1 || box.top < stage.top - 1)
        problems.push(`outside the stage: ${name}`)
      else if (box.bottom > footer.top + 1) problems.push(`into the footer: ${name}`)
    }
    return problems
  })
}

async function fontSizeOf(page: Page, selector: string) {
  return page.$eval(selector, (element) => Number.parseFloat(getComputedStyle(element).fontSize))
}

/** The products slide: the FYs from the first launch to the last, each product named. */
async function productsShown(page: Page) {
  expect(
    await page.$$eval('.slide-timeline-year', (years) => years.map((y) => (y as HTMLElement).dataset.fy)),
  ).toEqual(['2014', '2015', '2016', '2017'])
  expect(await page.locator('.slide [data-product]').count()).toBe(5)
  expect(await page.locator('.slide').textContent()).toContain('ピーナッツ胚芽チョコ')
}

/** The first featured project: its company, partners, the finding and the product it led to. */
async function projectShown(page: Page) {
  const slide = page.locator('.slide')
  expect(await slide.locator('.slide-project-company').textContent()).toBe('櫛引農村工業農業協同組合連合会')
  expect(await slide.locator('[data-part=finding]').textContent()).toContain('アミノ酸')
  expect(await slide.locator('[data-part=product]').textContent()).toContain('ベジスープあまざけ')
  expect(await slide.locator('.slide-project-partners li').count()).toBe(2)
}

describe('presentation from live data', () => {
  it('moves through the slides by keyboard and click at 1920×1080, in Japanese, without the dashboard, and leaves with Esc', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: FULL_HD, reducedMotion: 'reduce' })
    await page.goto(`${server.url}/present`)
    await onSlide(page, 1)
    expect(await slideKind(page)).toBe('title')
    expect(await page.locator('.app-header, .filter-bar').count()).toBe(0)
    expect(await page.locator('.slide-title-name').textContent()).toBe('バイオクラスター形成促進事業の成果')
    expect(await page.locator('[data-as-of]').textContent()).toMatch(/時点のデータ$/)
    await page.screenshot({ path: `${SCREENSHOTS}/present-1920-01-title.png` })

    const seen: string[] = []
    for (let n = 1; n <= SLIDES.length; n++) {
      if (n > 1) await page.keyboard.press(n % 2 === 0 ? 'ArrowRight' : 'Space')
      await onSlide(page, n)
      seen.push((await slideKind(page)) ?? '')
      if (n === 4) await productsShown(page)
      if (n === 6) await projectShown(page)
      expect(await overflowing(page), `slide ${n}`).toEqual([])
      // Every slide says how current its figures are.
      expect(await page.locator('[data-as-of]').textContent()).toMatch(/時点のデータ$/)
      await page.screenshot({
        path: `${SCREENSHOTS}/present-1920-${String(n).padStart(2, '0')}-${seen.at(-1)}.png`,
      })
    }
    expect(seen).toEqual(SLIDES)
    expect(page.url()).toContain('slide=9')

    // Past the end stays at the end; back, and Home and End.
    await page.keyboard.press('ArrowRight')
    await onSlide(page, 9)
    await page.keyboard.press('ArrowLeft')
    await onSlide(page, 8)
    await page.keyboard.press('Home')
    await onSlide(page, 1)
    await page.keyboard.press('End')
    await onSlide(page, 9)

    // A click on the slide advances; Shift+click goes back.
    await page.keyboard.press('Home')
    await onSlide(page, 1)
    await page.mouse.click(FULL_HD.width / 2, FULL_HD.height / 2)
    await onSlide(page, 2)
    await page.keyboard.down('Shift')
    await page.mouse.click(FULL_HD.width / 2, FULL_HD.height / 2)
    await page.keyboard.up('Shift')
    await onSlide(page, 1)

    // Readable from the back of the room: body type of at least 28px and a slide title over 56px at 1080p.
    await page.keyboard.press('End')
    await onSlide(page, 9)
    expect(await fontSizeOf(page, '.slide-heading')).toBeGreaterThanOrEqual(50)
    expect(await fontSizeOf(page, '.slide-card-text')).toBeGreaterThanOrEqual(34)
    expect(await fontSizeOf(page, '[data-as-of]')).toBeGreaterThanOrEqual(24)

    // Opened directly, Esc leaves for the overview.
    await page.keyboard.press('Escape')
    await page.waitForURL((url) => url.pathname === '/')
    await page.waitForSelector('.app-header')
    expect(problems).toEqual([])
    await close()
  })

  it('switches to English and back, and fits every slide at 1280×720', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: HD, reducedMotion: 'reduce' })
    await page.goto(`${server.url}/present`)
    await onSlide(page, 1)
    await page.keyboard.press('l')
    await expect
      .poll(() => page.locator('.slide-title-name').textContent())
      .toBe('Results of the Bio-cluster Formation Promotion Program')
    expect(page.url()).toContain('lang=en')
    for (let n = 1; n <= SLIDES.length; n++) {
      if (n > 1) await page.keyboard.press('ArrowRight')
      await onSlide(page, n)
      expect(await page.locator('[data-as-of]').textContent()).toMatch(/^Data as of /)
      expect(await overflowing(page), `slide ${n}`).toEqual([])
      await page.screenshot({ path: `${SCREENSHOTS}/present-1280-en-${String(n).padStart(2, '0')}.png` })
    }
    expect(await page.locator('.slide-heading').textContent()).toBe(
      'Quality evaluation and a production method for long-aged bone-in prosciutto',
    )
    // The other way, with the toolbar's button; the slide stays.
    await page.mouse.move(100, 100)
    await page.click('[data-control=language]')
    await expect.poll(() => page.locator('.slide-project-company').textContent()).toBe('㈱東北ハム')
    await onSlide(page, 9)
    await page.keyboard.press('Home')
    await onSlide(page, 1)
    await page.screenshot({ path: `${SCREENSHOTS}/present-1280-ja-01-title.png` })
    expect(await fontSizeOf(page, '.slide-title-name')).toBeGreaterThanOrEqual(56)
    expect(problems).toEqual([])
    await close()
  })

  it('saves a chart as PNG and SVG of full-HD size, and prints the deck a slide per page', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: HD, reducedMotion: 'reduce' })
    await page.goto(`${server.url}/present?slide=3&lang=en`)
    await onSlide(page, 3)
    await page.mouse.move(200, 200)
    const saved = async (control: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`[data-control=${control}]`),
      ])
      const path = await download.path()
      return { name: download.suggestedFilename(), bytes: readFileSync(path) }
    }
    const png = await saved('export-png')
    expect(png.name).toBe('adoptions-fy2012-2017-en.png')
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1920, 1080])
    writeFileSync(`${SCREENSHOTS}/export-adoptions-en.png`, png.bytes)
    const svg = await saved('export-svg')
    expect(svg.name).toBe('adoptions-fy2012-2017-en.svg')
    const text = svg.bytes.toString('utf8')
    expect(text).toMatch(/^<svg[^>]* width="1920" height="1080"/)
    expect(text).toContain('FY2017')
    // The file says what it shows: the slide's title, the years and how current the figures are.
    expect(text).toMatch(/<text [^>]*font-weight="700"[^>]*>Adoptions per fiscal year<\/text>/)
    expect(text).toMatch(/>FY2012 \(H24\) – FY2017 \(H29\) · Data as of [^<]+<\/text>/)

    // Every slide on a page of its own, charts and all: the PDF has one page per slide.
    await page.click('[data-control=print]')
    await page.waitForURL(/layout=print/)
    await page.waitForSelector('[data-sheet]')
    expect(await page.locator('[data-sheet] .slide').count()).toBe(SLIDES.length)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-sheet] [data-chart][data-state=drawn]').length === 2,
    )
    await page.screenshot({ path: `${SCREENSHOTS}/present-sheet-1280.png` })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(SLIDES.length)
    await page.click('[data-control=back]')
    await onSlide(page, 3)
    expect(problems).toEqual([])
    await close()
  })
})

describe('the one-page report of a fiscal year', () => {
  it('shows the year against the one before, names its products and seminars, and prints on one A4 page', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1000, height: 1300 } })
    await page.goto(`${server.url}/report?fy=2016`)
    await page.waitForSelector('[data-table=kpis]')
    expect(await page.locator('h1').textContent()).toBe('平成28年度 事業成果報告')
    const value = (kpi: string) => page.locator(`[data-kpi=${kpi}] td[data-value]`).textContent()
    expect(await value('adoptions')).toBe('10')
    expect(await value('products')).toBe('2')
    expect(await value('attendance')).toBe('337')
    expect(await value('events')).toBe('2')
    expect(await page.locator('[data-list=products] li').allTextContents()).toEqual([
      expect.stringContaining('マッシュルームとオニオンのペペロンチーノ'),
      expect.stringContaining('マッシュルームとクリームスープの素'),
    ])
    expect(await page.locator('[data-list=events] li').count()).toBe(2)
    await page.screenshot({ path: `${SCREENSHOTS}/report-fy2016.png`, fullPage: true })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1)
    expect(problems).toEqual([])
    await close()
  })
})

describe('a saved deck', () => {
  let admin: ApiSession
  let deck: Deck

  beforeAll(async () => {
    admin = await signInApi(server.url, ADMIN)
    deck = await admin.request<Deck>('POST', '/decks', {
      name: 'Yamagata Bioscience Seminar 2026',
      subtitle: 'Tsuruoka, December 12',
      slides: [{ kind: 'title' }, { kind: 'project', projectId: 1 }, { kind: 'products' }],
      filters: { fyFrom: 2014 },
      locale: 'en',
    })
    deck = await admin.request<Deck>('POST', `/decks/${deck.id}/freeze`, { version: deck.version })
    // The records move on after the deck was frozen.
    await admin.request('POST', '/outcomes', {
      projectId: 1,
      kind: 'product',
      titleJa: '凍結後の新商品',
      fy: 2017,
      visibility: 'public',
    })
  })

  it('opens from its URL for an anonymous visitor, in its language, with the figures it was frozen with', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: HD, reducedMotion: 'reduce' })
    await page.goto(`${server.url}/present/${deck.id}`)
    await onSlide(page, 1, 3)
    expect(await page.locator('.slide-title-name').textContent()).toBe('Yamagata Bioscience Seminar 2026')
    expect(await page.locator('.slide-title-subtitle').textContent()).toBe('Tsuruoka, December 12')
    expect(await page.locator('[data-as-of]').textContent()).toMatch(/^Figures frozen as of /)
    await page.screenshot({ path: `${SCREENSHOTS}/present-deck-1280-01-title.png` })
    await page.keyboard.press('ArrowRight')
    await onSlide(page, 2, 3)
    expect(await page.locator('.slide-project-company').textContent()).toBe('Denroku Co., Ltd.')
    await page.keyboard.press('End')
    await onSlide(page, 3, 3)
    // Frozen: the five products named then, not the one added since.
    expect(await page.locator('.slide [data-product]').count()).toBe(5)
    expect(await page.locator('.slide').textContent()).not.toContain('凍結後の新商品')
    expect(await overflowing(page)).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/present-deck-1280-03-products.png` })

    // The live presentation has it.
    await page.goto(`${server.url}/present?slide=4`)
    await onSlide(page, 4, SLIDES.length)
    expect(await page.locator('.slide [data-product]').count()).toBe(6)
    expect(problems).toEqual([])
    await close()
  })

  it('is edited by the program office: thawed, changed, saved and frozen again', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1366, height: 900 } })
    await page.goto(`${server.url}/decks/${deck.id}/edit`)
    await page.waitForURL(/\/sign-in\?returnTo=/)
    await page.fill('#field-email', ADMIN)
    await page.fill('#field-password', E2E_PASSWORD)
    await page.click('[data-action=sign-in]')
    await page.waitForURL((url) => url.pathname === `/decks/${deck.id}/edit`)
    await page.waitForSelector('[data-form=deck]')
    expect(await page.inputValue('[data-field=name] input')).toBe('Yamagata Bioscience Seminar 2026')
    expect(await page.getAttribute('.deck-freeze', 'data-frozen')).toBe('true')
    // While frozen, the slides and data are not to be changed.
    expect(await page.locator('[data-field=add] select').isDisabled()).toBe(true)
    expect(await page.locator('[data-field=fyFrom] select').isDisabled()).toBe(true)

    await page.click('[data-action=thaw]')
    await expect.poll(() => page.getAttribute('.deck-freeze', 'data-frozen')).toBe('false')
    await page.fill('[data-field=name] input', 'Bioscience Seminar 2026')
    // The products slide goes first; the KPIs come after the title.
    await page.click('.deck-slides li:nth-child(3) [data-action=up]')
    await page.click('.deck-slides li:nth-child(2) [data-action=up]')
    await page.selectOption('[data-field=add] select', 'kpis')
    await page.click('[data-action=add-slide]')
    expect(
      await page.$$eval('.deck-slides li', (rows) => rows.map((r) => (r as HTMLElement).dataset.slideKind)),
    ).toEqual(['products', 'title', 'project', 'kpis'])
    await page.click('[data-action=save]')
    await page.waitForSelector('[data-saved]')
    await page.click('[data-action=freeze]')
    await expect.poll(() => page.getAttribute('.deck-freeze', 'data-frozen')).toBe('true')
    await page.screenshot({ path: `${SCREENSHOTS}/deck-editor-1366.png`, fullPage: true })

    const saved = await admin.request<Deck>('GET', `/decks/${deck.id}`)
    expect(saved).toMatchObject({ name: 'Bioscience Seminar 2026', version: deck.version + 3 })
    expect(saved.slides.map((s) => s.kind)).toEqual(['products', 'title', 'project', 'kpis'])
    expect(saved.snapshot?.products.years.flatMap((y) => y.products.map((p) => p.title.ja))).toContain(
      '凍結後の新商品',
    )
    expect(problems).toEqual([])
    await close()
  })
})
