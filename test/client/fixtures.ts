import type { ChartContext } from '../../client/charts/types.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import type { AdoptionStats, AttendanceStats, Overview, ProductStats } from '../../server/schemas/stats.ts'

/** A chart context on the app's real messages. */
export function chartContext(locale: Locale = 'ja', narrow = false): ChartContext {
  const i18n = createAppI18n(locale)
  return { locale, narrow, t: (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key)) }
}

// Shaped like the API's answers on the brochure dataset: 50 adoptions in FY2012–2017, menus not given.
const perFy: [number, number][] = [
  [2012, 5],
  [2013, 8],
  [2014, 9],
  [2015, 9],
  [2016, 10],
  [2017, 9],
]
let running = 0
export const adoptions: AdoptionStats = {
  menus: [],
  years: perFy.map(([fy, total]) => {
    running += total
    return { fy, total, cumulative: running, byMenu: { unknown: total } }
  }),
}

/** Two listed menus plus some adoptions without one. */
export const adoptionsByMenu: AdoptionStats = {
  menus: [
    { code: 'seed_exploration', name: { ja: 'シーズ探索型', en: 'Seed exploration' } },
    { code: 'commercialization_a', name: { ja: '事業化推進型A', en: 'Commercialization promotion A' } },
  ],
  years: [
    {
      fy: 2014,
      total: 4,
      cumulative: 4,
      byMenu: { seed_exploration: 2, commercialization_a: 1, unknown: 1 },
    },
    { fy: 2015, total: 3, cumulative: 7, byMenu: { seed_exploration: 3 } },
  ],
}

const product = (id: number, ja: string, en: string | null, company: string, fy: number) => ({
  id,
  kind: 'product',
  title: { ja, en },
  company: { ja: company, en: null },
  projectId: id,
  date: fy === 2014 ? null : `${fy + 1}-02-01`,
})

export const products: ProductStats = {
  years: [
    {
      fy: 2014,
      count: 1,
      cumulative: 1,
      moreCount: 0,
      hiddenCount: 0,
      products: [product(1, 'ベジスープあまざけ', 'Vegi-soup Amazake', '櫛引農工連', 2014)],
    },
    {
      fy: 2015,
      count: 1,
      cumulative: 2,
      moreCount: 0,
      hiddenCount: 0,
      products: [product(2, 'ピーナッツ胚芽チョコ', 'Peanut Germ Chocolate', '㈱でん六', 2015)],
    },
    {
      fy: 2016,
      count: 2,
      cumulative: 4,
      moreCount: 0,
      hiddenCount: 0,
      products: [
        product(
          3,
          'マッシュルームとオニオンのペペロンチーノ',
          'Mushroom and onion peperoncino',
          '㈲舟形マッシュルーム',
          2016,
        ),
        product(4, 'マッシュルームとクリームスープの素', null, '㈲舟形マッシュルーム', 2016),
      ],
    },
    {
      fy: 2017,
      count: 1,
      cumulative: 5,
      moreCount: 0,
      hiddenCount: 0,
      products: [product(5, '生ハム「ノービレ」<限定>', 'Prosciutto <Nobile>', '㈱東北ハム', 2017)],
    },
  ],
}

const event = (id: number, fy: number, kind: string, city: string, attendance: number | null) => ({
  id,
  date: null,
  fy,
  kind,
  title: { ja: `催し${id}`, en: `Event ${id}` },
  city,
  attendance,
})

export const attendance: AttendanceStats = {
  // Deliberately out of order: the charts sort them by FY.
  events: [
    event(4, 2014, 'technology_seminar', '米沢市', 120),
    event(1, 2012, 'research_presentation', '鶴岡市', 135),
    event(2, 2013, 'research_presentation', '鶴岡市', 160),
    event(3, 2014, 'research_presentation', '鶴岡市', 134),
    event(5, 2015, 'research_presentation', '山形市', 180),
    event(6, 2016, 'technology_seminar', '新庄市', 87),
    event(7, 2016, 'research_presentation', '鶴岡市', 250),
    event(8, 2017, 'research_presentation', '山形市', 138),
  ],
  years: [
    { fy: 2012, events: 1, attendance: 135 },
    { fy: 2013, events: 1, attendance: 160 },
    { fy: 2014, events: 2, attendance: 254 },
    { fy: 2015, events: 1, attendance: 180 },
    { fy: 2016, events: 2, attendance: 337 },
    { fy: 2017, events: 1, attendance: 138 },
  ],
  moreCount: 0,
  // As the API sends them, by name; the chart puts the largest first.
  cities: [
    { city: '山形市', events: 2, attendance: 318, reported: 2 },
    { city: '新庄市', events: 1, attendance: 87, reported: 1 },
    { city: '米沢市', events: 1, attendance: 120, reported: 1 },
    { city: '鶴岡市', events: 4, attendance: 679, reported: 4 },
  ],
}

const kpi = (total: number, latest: number, previous: number, target: number | null = null) => ({
  total,
  latest,
  previous,
  target,
})

export const overview: Overview = {
  latestFy: 2017,
  previousFy: 2016,
  kpis: {
    adoptions: kpi(50, 9, 10, 10),
    products: kpi(5, 1, 2),
    attendance: kpi(1204, 138, 337),
    events: kpi(8, 1, 2),
    activeProjects: kpi(50, 12, 14),
    partnerInstitutions: kpi(6, 3, 3),
    grantsYen: kpi(0, 0, 0),
  },
}
