import { crc32, deflateSync } from 'node:zlib'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { ImageSize } from '../../client/charts/export.ts'
import type { ChartOption } from '../../client/charts/types.ts'
import { deckPptx, pptxFileName } from '../../client/composables/deck-pptx.ts'
import { CHART_IMAGE } from '../../client/composables/pptx-slides.ts'
import { defaultSlides, slidesToShow } from '../../client/composables/present-deck.ts'
import { formatChange, formatDateTime, formatFy, formatNumber } from '../../client/i18n/format.ts'
import type { Locale } from '../../client/i18n/index.ts'
import type { DashboardFilterQuery } from '../../server/schemas/filters.ts'
import { figures, finding, outcome, project } from './deck-fixtures.ts'
import { adoptions, attendance, chartContext, overview, products } from './fixtures.ts'

// The deck as PowerPoint, built from known figures and read back from the file as PowerPoint would: the slides,
// their text, the speaker notes and the charts' pictures. (Painting a chart into a PNG needs a real canvas: the
// browser test checks that; here a PNG of the size asked for stands in for it.)

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A white greyscale PNG of `size`, valid to any reader. */
function whitePng({ width, height }: ImageSize): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample; colour type, compression, filter and interlace stay 0
  const row = Buffer.alloc(width + 1, 0xff)
  row[0] = 0 // each row's filter byte
  const rows = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const themed = project(7, {
  themeJa: '長期熟成骨付き生ハムの品質評価',
  themeEn: 'Quality evaluation of long-aged bone-in prosciutto',
  company: {
    id: 3,
    nameJa: '㈱東北ハム',
    nameEn: 'Tohoku Ham Co., Ltd.',
    municipality: '鶴岡市',
    kind: 'company',
    size: 'sme',
  },
  partners: [
    { org: { id: 4, kind: 'university', nameJa: '山形大学', nameEn: 'Yamagata University' }, role: null },
    { org: { id: 5, kind: 'public_lab', nameJa: 'メタボロミクス研究所', nameEn: null }, role: null },
  ],
  findings: [{ ...finding(10, '熟成でアミノ酸が増える'), statementEn: 'Amino acids increase with ageing' }],
  outcomes: [{ ...outcome(20, 'product', 2017, [10]), titleEn: 'Prosciutto Nobile' }],
})
const deckFigures = figures([themed])

interface Built {
  zip: JSZip
  /** The text runs of each slide, in order. */
  slides: string[][]
  /** Each slide's speaker notes, line by line. */
  notes: string[][]
  /** What the charts were asked to be drawn as. */
  charts: { option: ChartOption; size: ImageSize }[]
}

const decode = (xml: string) =>
  xml.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
  )
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] ?? ''))

async function build(locale: Locale, filters: DashboardFilterQuery = {}, frozen = false): Promise<Built> {
  const text = chartContext(locale)
  const charts: Built['charts'] = []
  const pptx = await deckPptx({
    slides: slidesToShow(defaultSlides(deckFigures), deckFigures),
    figures: deckFigures,
    filters,
    title: text.t('present.defaultTitle'),
    subtitle: locale === 'ja' ? '山形バイオサイエンスセミナー' : null,
    frozen,
    text,
    chartImage: async (option, size) => {
      charts.push({ option, size })
      return `data:image/png;base64,${whitePng(size).toString('base64')}`
    },
  })
  const zip = await JSZip.loadAsync((await pptx.write({ outputType: 'nodebuffer' })) as Buffer)
  const count = Object.keys(zip.files).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? ''
  const slides: string[][] = []
  const notes: string[][] = []
  for (let n = 1; n <= count; n++) {
    slides.push(runs(await read(`ppt/slides/slide${n}.xml`)))
    // The notes placeholder's text (not the slide number's); an XML reader takes its line ends (CRLF) as LF.
    const body = (await read(`ppt/notesSlides/notesSlide${n}.xml`)).match(/<p:ph type="body".*?<\/p:txBody>/s)
    notes.push(
      runs(body?.[0] ?? '')
        .join('')
        .split(/\r?\n/),
    )
  }
  return { zip, slides, notes, charts }
}

/** The PNG pictures a slide shows, read from the file through the slide's relationships. */
async function slideImages(zip: JSZip, n: number): Promise<Buffer[]> {
  const rels = (await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)?.async('string')) ?? ''
  const targets = [...rels.matchAll(/Target="\.\.\/media\/([^"]+)"/g)].map((m) => `ppt/media/${m[1]}`)
  return Promise.all(
    targets.map(async (path) => Buffer.from((await zip.file(path)?.async('uint8array')) ?? [])),
  )
}

describe('a deck as PowerPoint', () => {
  it('has a slide for every slide shown, each titled in real text, in Japanese, with the date of its figures', async () => {
    const t = chartContext('ja').t
    const { slides } = await build('ja')
    expect(slides).toHaveLength(6)
    const headings = [
      t('present.defaultTitle'),
      t('present.slides.kpis'),
      t('present.slides.adoptions'),
      t('present.slides.products'),
      t('present.slides.attendance'),
      '長期熟成骨付き生ハムの品質評価',
    ]
    const asOf = t('present.asOf', { date: formatDateTime(deckFigures.asOf, 'ja') })
    for (const [i, texts] of slides.entries()) {
      expect(texts, `slide ${i + 1}`).toContain(headings[i])
      expect(texts, `slide ${i + 1}`).toContain(asOf)
      expect(texts, `slide ${i + 1}`).toContain(`${i + 1} / 6`)
    }
    expect(slides[0]).toContain('山形バイオサイエンスセミナー')
    expect(slides[0]).toContain(t('present.years', { from: formatFy(2012, 'ja'), to: formatFy(2017, 'ja') }))
  })

  it('gives the key figures, the products and the project as text', async () => {
    const t = chartContext('ja').t
    const { zip, slides } = await build('ja')
    const kpis = slides[1] ?? []
    expect(kpis).toContain(t('kpi.adoptions'))
    expect(kpis).toContain(formatNumber(overview.kpis.adoptions.total, 'ja'))
    expect(kpis).toContain(formatNumber(overview.kpis.attendance.total, 'ja'))
    expect(kpis).toContain(t('kpi.unrecorded'))
    expect(await slideImages(zip, 2)).toEqual([])

    const named = products.years.flatMap((y) => y.products.map((p) => p.title.ja))
    for (const name of named) expect(slides[3]).toContain(name)
    expect(slides[3]).toContain(formatFy(2016, 'ja'))

    expect(slides[5]).toEqual(
      expect.arrayContaining([
        '㈱東北ハム',
        '山形大学',
        'メタボロミクス研究所',
        '熟成でアミノ酸が増える',
        '成果20',
      ]),
    )
  })

  it('shows each chart as a full-HD PNG, drawn from the slide’s own series', async () => {
    const { zip, charts } = await build('ja')
    expect(charts.map((c) => c.size)).toEqual([CHART_IMAGE, CHART_IMAGE])
    expect(CHART_IMAGE).toEqual({ width: 1920, height: 1080 })
    const labels = (option: ChartOption) => (option.xAxis as { data: string[] }).data
    expect(labels(charts[0]?.option ?? {})).toEqual(adoptions.years.map((y) => formatFy(y.fy, 'ja')))
    expect(labels(charts[1]?.option ?? {})).toEqual(attendance.years.map((y) => formatFy(y.fy, 'ja')))
    for (const n of [3, 5]) {
      const images = await slideImages(zip, n)
      expect(images, `slide ${n}`).toHaveLength(1)
      const png = images[0] ?? Buffer.alloc(0)
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080])
    }
    for (const n of [1, 2, 4, 6]) expect(await slideImages(zip, n), `slide ${n}`).toEqual([])
  })

  it('has speaker notes saying what each slide shows, over which years and as of when', async () => {
    const t = chartContext('ja').t
    const { notes } = await build('ja')
    const years = t('present.years', { from: formatFy(2012, 'ja'), to: formatFy(2017, 'ja') })
    const asOf = t('present.asOf', { date: formatDateTime(deckFigures.asOf, 'ja') })
    for (const [i, lines] of notes.entries()) {
      expect(lines.at(-2), `notes ${i + 1}`).toBe(t('present.pptx.scope', { scope: years }))
      expect(lines.at(-1), `notes ${i + 1}`).toBe(asOf)
    }
    const pair = (label: string, value: string) => t('present.pptx.pair', { label, value })
    const { total: all, latest, previous, target } = overview.kpis.adoptions
    const unit = t('units.adoptions')
    expect(notes[1]).toContain(
      [
        pair(t('kpi.adoptions'), `${all}${unit}`),
        t('present.kpis.latest', { fy: formatFy(2017, 'ja'), value: `${latest}${unit}` }),
        t('present.kpis.change', { change: formatChange(latest - previous, 'ja') }),
        t('present.kpis.target', { target: `${target}${unit}` }),
      ].join(' · '),
    )
    // A chart's notes: its headline, then its figures year by year.
    const total = adoptions.years.at(-1)?.cumulative ?? 0
    expect(notes[2]?.[1]).toMatch(
      new RegExp(`^${pair(t('present.headline.adoptions'), `${total}${t('units.adoptions')}`)}`),
    )
    const fyLines = (notes[2] ?? []).filter((line) => /^平成\d+年度：/.test(line))
    expect(fyLines).toHaveLength(adoptions.years.length)
    expect(fyLines.at(-1)).toContain(`${t('charts.cumulative')} ${total}`)
    const attendees = attendance.years.reduce((sum, y) => sum + y.attendance, 0)
    expect(notes[4]?.[1]).toContain(formatNumber(attendees, 'ja'))
    expect(notes[3]?.join('\n')).toContain('ピーナッツ胚芽チョコ')
    expect(notes[5]).toEqual(
      expect.arrayContaining([
        pair(t('present.project.company'), '㈱東北ハム'),
        pair(t('present.project.partners'), '山形大学 メタボロミクス研究所'),
      ]),
    )
    expect(notes[5]?.join('\n')).toContain('熟成でアミノ酸が増える')
  })

  it('is written in English for an English deck, with its filters and the frozen date', async () => {
    const t = chartContext('en').t
    const { zip, slides, notes } = await build('en', { fyFrom: 2014, field: 'food' }, true)
    expect(slides[0]).toContain('Results of the Bio-cluster Formation Promotion Program')
    expect(slides[2]).toContain('Adoptions per fiscal year')
    expect(slides[5]).toEqual(
      expect.arrayContaining([
        'Quality evaluation of long-aged bone-in prosciutto',
        'Tohoku Ham Co., Ltd.',
        'Amino acids increase with ageing',
      ]),
    )
    const frozen = t('present.frozenAsOf', { date: formatDateTime(deckFigures.asOf, 'en') })
    for (const texts of slides) expect(texts).toContain(frozen)
    expect(notes[0]?.at(-2)).toBe('Figures: FY2014 (H26) – FY2017 (H29) · Food')
    expect(notes[0]?.at(-1)).toBe(frozen)
    expect(notes[5]).toContain('Company: Tohoku Ham Co., Ltd.')
    expect(await zip.file('ppt/slides/slide1.xml')?.async('string')).toContain('lang="en-US"')
  })

  it('marks Japanese text as Japanese, for PowerPoint to pick its Japanese font', async () => {
    const { zip } = await build('ja')
    expect(await zip.file('ppt/slides/slide1.xml')?.async('string')).toContain('lang="ja-JP"')
    expect(await zip.file('ppt/theme/theme1.xml')?.async('string')).toContain('typeface="Yu Gothic"')
  })
})

describe('the PowerPoint file name', () => {
  it('is the deck’s name and the date of its figures in Japan, safe on any disk', () => {
    expect(pptxFileName('Yamagata Bioscience Seminar 2026', '2026-11-29T16:00:00.000Z')).toBe(
      'Yamagata-Bioscience-Seminar-2026_2026-11-30.pptx',
    )
    expect(pptxFileName('発表: 山形/鶴岡 "2026"', '2026-11-29T03:00:00.000Z')).toBe(
      '発表-山形-鶴岡-2026_2026-11-29.pptx',
    )
    expect(pptxFileName(' / ', '2026-11-29T03:00:00.000Z')).toBe('slides_2026-11-29.pptx')
  })
})
