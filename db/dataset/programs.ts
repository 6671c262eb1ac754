import type { NewSubsidyMenu } from '../tables/programs.ts'

export interface ProgramRecord {
  code: string
  parent?: string
  nameJa: string
  nameEn: string
}

export type MenuRecord = Omit<NewSubsidyMenu, 'programId'> & { program: string; capsYen: number[] }

export const BIO_CLUSTER = 'bio_cluster'
export const REGIONAL_INNOVATION = 'regional_innovation'

// Brochure, cover and 推進体制 page; the earlier program appears at the head of the timeline.
export const programs: ProgramRecord[] = [
  {
    code: BIO_CLUSTER,
    nameJa: 'バイオクラスター形成促進事業',
    nameEn: 'Bio-cluster Formation Promotion Program',
  },
  {
    code: 'biotech_commercialization',
    parent: BIO_CLUSTER,
    nameJa: 'バイオ技術事業化促進事業',
    nameEn: 'Biotech Commercialization Promotion subsidy',
  },
  {
    code: 'bio_industry_growth',
    parent: BIO_CLUSTER,
    nameJa: 'バイオ関連産業成長促進事業',
    nameEn: 'Bio-industry Growth Promotion subsidy',
  },
  {
    code: REGIONAL_INNOVATION,
    nameJa: '地域イノベーション戦略支援プログラム',
    nameEn: 'Regional Innovation Strategy Support Program (earlier program)',
  },
]

const TWO_THIRDS_SME_ONE_THIRD_LARGE = {
  rateSmeNumerator: 2,
  rateSmeDenominator: 3,
  rateLargeNumerator: 1,
  rateLargeDenominator: 3,
}
const HALF_SME_ONE_THIRD_LARGE = {
  rateSmeNumerator: 1,
  rateSmeDenominator: 2,
  rateLargeNumerator: 1,
  rateLargeDenominator: 3,
}

// Brochure, the two menu tables (区分 / 内容 / 事業期間 / 助成率 / 限度額 1年目・2年目). The period and rate
// cells span the rows of each table: 2 years and 2/3 (large companies 1/3) for the first three menus;
// 1 year, 1/2 (large 1/3) and ¥1.5M for the last two.
export const menus: MenuRecord[] = [
  {
    code: 'seed_exploration',
    program: 'biotech_commercialization',
    nameJa: 'シーズ探索型',
    nameEn: 'Seed exploration',
    descriptionJa: '新商品開発の可能性調査等のため、慶應先端研と共同研究で取り組む県内企業を対象。',
    descriptionEn:
      'Companies in the prefecture studying a new product’s feasibility in joint research with IAB.',
    maxYears: 2,
    ...TWO_THIRDS_SME_ONE_THIRD_LARGE,
    capsYen: [500_000, 1_000_000],
  },
  {
    code: 'commercialization_a',
    program: 'biotech_commercialization',
    nameJa: '事業化推進型A',
    nameEn: 'Commercialization promotion A',
    descriptionJa: 'バイオ研究成果を活用した事業化等を目的として、研究開発に取り組む県内企業を対象。',
    descriptionEn: 'Companies in the prefecture doing R&D to commercialize bio research results.',
    maxYears: 2,
    ...TWO_THIRDS_SME_ONE_THIRD_LARGE,
    capsYen: [5_000_000, 2_500_000],
  },
  {
    code: 'commercialization_b',
    program: 'biotech_commercialization',
    nameJa: '事業化推進型B',
    nameEn: 'Commercialization promotion B',
    descriptionJa: 'バイオ研究成果を活用した事業化等を目的として、研究開発に取り組む県内企業を対象。',
    descriptionEn: 'Companies in the prefecture doing R&D to commercialize bio research results.',
    maxYears: 2,
    ...TWO_THIRDS_SME_ONE_THIRD_LARGE,
    capsYen: [2_500_000, 5_000_000],
  },
  {
    code: 'market_development',
    program: 'bio_industry_growth',
    nameJa: '販路開拓型',
    nameEn: 'Market development',
    descriptionJa:
      '販路開拓を目的に国内外で開催される展示会・セミナー等への出展・開催に取り組む県内企業を対象。',
    descriptionEn:
      'Companies exhibiting at or holding trade shows and seminars in Japan or abroad to open markets.',
    maxYears: 1,
    ...HALF_SME_ONE_THIRD_LARGE,
    capsYen: [1_500_000],
  },
  {
    code: 'employment',
    program: 'bio_industry_growth',
    nameJa: '雇用促進型',
    nameEn: 'Employment promotion',
    descriptionJa: '雇用促進を目的に企業説明会等の開催やインターシップに取り組む県内企業を対象。',
    descriptionEn: 'Companies holding recruitment sessions or internships to hire.',
    maxYears: 1,
    ...HALF_SME_ONE_THIRD_LARGE,
    capsYen: [1_500_000],
  },
]
